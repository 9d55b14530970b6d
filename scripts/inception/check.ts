/**
 * Numerical check of the derived InceptionV3 graph against the original:
 * nsfwjs's own model on @tensorflow/tfjs (WASM backend, or `--backend cpu`) vs the ONNX
 * graph on onnxruntime-node, on the first N Flickr8k dev images, with the same
 * preprocessing. Exits 1 when a feature layer's max abs difference exceeds
 * the tolerance.
 *
 * @example npx tsx scripts/inception/check.ts --images 20 --tolerance 1e-3 [--backend cpu]
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { compareInception, type TfjsBackend } from '../lib/inception-compare';
import { inceptionOnnxBytes } from '../lib/inception-backbone';

const { values } = parseArgs({ options: { images: { type: 'string', default: '20' }, tolerance: { type: 'string', default: '1e-3' }, onnx: { type: 'string' }, backend: { type: 'string', default: 'wasm' } } });
const data = resolve(import.meta.dirname, '../../../shared/data/flickr8k');
const names = readFileSync(join(data, 'Flickr_8k.devImages.txt'), 'utf8').split('\n').map((s) => s.trim()).filter(Boolean);
const paths = names.slice(0, Number(values.images)).map((n) => join(data, 'images', n));
const onnx = values.onnx ? readFileSync(values.onnx) : await inceptionOnnxBytes();
const t0 = Date.now();
const report = await compareInception(paths, onnx, { backend: values.backend as TfjsBackend, log: console.log });
const tolerance = Number(values.tolerance);
let failed = false;
for (const [name, diff] of Object.entries(report.maxAbsDiff)) {
  const ok = diff <= tolerance;
  failed ||= !ok;
  console.log(`${name}: max |tfjs - onnx| ${diff.toExponential(3)} over ${report.images} images (max |value| ${report.maxAbs[name]!.toFixed(3)}) ${ok ? 'ok' : `> ${tolerance}`}`);
}
console.log(JSON.stringify({ ...report, tolerance, seconds: (Date.now() - t0) / 1000 }));
process.exit(failed ? 1 : 0);
