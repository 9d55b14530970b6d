/** Child process: transformers.js alone, for its load time and peak memory. */
import { basename } from 'node:path';
import { loadImage } from '../lib/load-image';
import { maxRssMb, readRunOptions, type ImageRun, type RunReport } from './run-options';
import { openTransformers } from './transformers-runner';

const options = readRunOptions(process.argv.slice(2));
const tjs = await openTransformers(options);
const results: ImageRun[] = [];
for (const path of options.images) {
  const rgba = await loadImage(path);
  const start = performance.now();
  const c = await tjs.caption(rgba);
  results.push({ image: basename(path), text: c.text, ms: performance.now() - start, steps: 0 });
}
const report: RunReport = { runtime: 'transformers.js', ort: `${tjs.ort}; ${tjs.checkRuntime()}`, threads: tjs.threads, files: tjs.files, loadMs: tjs.loadMs, maxRssMb: maxRssMb(), results };
process.stdout.write(`${JSON.stringify(report)}\n`);
