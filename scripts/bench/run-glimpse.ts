/** Child process: Glimpse alone, for its load time, peak memory and per-stage split. */
import { basename } from 'node:path';
import { loadImage } from '../lib/load-image';
import { openGlimpse } from './glimpse-runner';
import { maxRssMb, readRunOptions, type ImageRun, type RunReport } from './run-options';

const options = readRunOptions(process.argv.slice(2));
const glimpse = await openGlimpse(options);
const results: ImageRun[] = [];
for (const path of options.images) {
  const rgba = await loadImage(path);
  const start = performance.now();
  const c = await glimpse.caption(rgba);
  results.push({ image: basename(path), text: c.text, ms: performance.now() - start, steps: c.steps, stages: c.stages });
}
await glimpse.dispose();
const report: RunReport = { runtime: 'glimpse', ort: glimpse.ort, threads: glimpse.threads, files: glimpse.files, loadMs: glimpse.loadMs, maxRssMb: maxRssMb(), results };
process.stdout.write(`${JSON.stringify(report)}\n`);
