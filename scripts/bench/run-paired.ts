/**
 * Child process: both runtimes in one process on one onnxruntime-web module,
 * captioning each image in turn, the order alternating from image to image.
 * On a machine whose load changes (other jobs, thermal limits) this pairs
 * every Glimpse timing with a transformers.js timing taken moments apart, so
 * the ratio does not depend on what ran between two separate runs.
 */
import { basename } from 'node:path';
import { loadImage } from '../lib/load-image';
import { openGlimpse } from './glimpse-runner';
import { readRunOptions, type PairedReport } from './run-options';
import { openTransformers } from './transformers-runner';

const options = readRunOptions(process.argv.slice(2));
const glimpse = await openGlimpse(options);
const tjs = await openTransformers(options);
const report: PairedReport = { threads: glimpse.threads, ort: glimpse.ort, pairs: [] };
for (const [index, path] of options.images.entries()) {
  const rgba = await loadImage(path);
  const time = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
    const start = performance.now();
    const value = await f();
    return [value, performance.now() - start];
  };
  let g: [{ text: string }, number];
  let t: [{ text: string }, number];
  if (index % 2 === 0) {
    g = await time(() => glimpse.caption(rgba));
    t = await time(() => tjs.caption(rgba));
  } else {
    t = await time(() => tjs.caption(rgba));
    g = await time(() => glimpse.caption(rgba));
  }
  report.pairs.push({ image: basename(path), glimpse: { text: g[0].text, ms: g[1] }, transformers: { text: t[0].text, ms: t[1] } });
}
report.ort = `${report.ort}; transformers.js: ${tjs.checkRuntime()}`;
await glimpse.dispose();
process.stdout.write(`${JSON.stringify(report)}\n`);
