/**
 * Latency of the InceptionV3 backbone graph (.cache/models/backbones/, from
 * `npm run models`, outputs mixed5–mixed7) and of the same graph cut at
 * mixed5, on onnxruntime-web WASM (in Node: the build the extension ships,
 * Glimpse's session options) and on onnxruntime-node CPU, 1 thread each.
 * One interleaved run: every image goes through all four sessions, in an
 * order that rotates image by image, so load on the machine hits them alike.
 * Pixels: Flickr8k dev images through the extension's preprocessing at
 * 299×299 (INCEPTION_PREPROCESSOR). Prints p50/p90 per session and the
 * web/node ratios, then one JSON line. Not a test.
 *
 * @example nice -n 10 npx tsx scripts/bench/inception.ts --images 20
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as ortNode from 'onnxruntime-node';
import { configureRuntime, ort, sessionOptions } from '../../src/captioner/env';
import { preprocess } from '../../src/captioner/preprocess';
import { percentile, round } from '../eval/percentile';
import { INCEPTION_PREPROCESSOR, inceptionOnnxBytes } from '../lib/inception-backbone';
import { loadImage } from '../lib/load-image';
import { inceptionManifest } from '../lib/nsfwjs-inception';

const { values } = parseArgs({ options: { images: { type: 'string', default: '20' } } });
const root = resolve(import.meta.dirname, '../..');
const spec = inceptionManifest(root).onnx;
const graphs = { [spec.outputs.join('+')]: readFileSync(join(root, '.cache/models', spec.install)), mixed5: await inceptionOnnxBytes(root, ['mixed5']) };
const data = join(root, '../shared/data/flickr8k');
const names = readFileSync(join(data, 'Flickr_8k.devImages.txt'), 'utf8').split('\n').map((s) => s.trim()).filter(Boolean).slice(0, Number(values.images));

configureRuntime({ numThreads: 1 });
const { graphOptimizationLevel, extra } = sessionOptions('wasm');
const dims = [1, 3, spec.inputSize, spec.inputSize];
type Runner = (pixels: Float32Array) => Promise<unknown>;
const runners: [string, Runner][] = [];
for (const [graph, bytes] of Object.entries(graphs)) {
  const web = await ort.InferenceSession.create(bytes, sessionOptions('wasm'));
  const native = await ortNode.InferenceSession.create(bytes, { graphOptimizationLevel, extra, executionProviders: ['cpu'], intraOpNumThreads: 1, interOpNumThreads: 1 });
  runners.push([`${graph} web`, (pixels) => web.run({ [spec.input]: new ort.Tensor('float32', pixels, dims) })]);
  runners.push([`${graph} node`, (pixels) => native.run({ [spec.input]: new ortNode.Tensor('float32', pixels, dims) })]);
}
const times = new Map<string, number[]>(runners.map(([name]) => [name, []]));
const first = preprocess(await loadImage(join(data, 'images', names[0]!)), INCEPTION_PREPROCESSOR).data;
for (const [, run] of runners) await run(first); // warm-up, not counted
for (const [i, name] of names.entries()) {
  const pixels = preprocess(await loadImage(join(data, 'images', name)), INCEPTION_PREPROCESSOR).data;
  for (let k = 0; k < runners.length; k++) {
    const [which, run] = runners[(i + k) % runners.length]!;
    const t = performance.now();
    await run(pixels);
    times.get(which)!.push(performance.now() - t);
  }
}
const stats = Object.fromEntries([...times].map(([k, v]) => [k, { p50: round(percentile(v, 0.5), 1), p90: round(percentile(v, 0.9), 1) }]));
for (const [k, s] of Object.entries(stats)) console.log(`${k.padEnd(24)} p50 ${s.p50} ms, p90 ${s.p90} ms`);
const ratios = Object.fromEntries(Object.keys(graphs).map((g) => [g, round(stats[`${g} web`]!.p50 / stats[`${g} node`]!.p50, 2)]));
console.log(`web/node p50 ratio: ${Object.entries(ratios).map(([g, r]) => `${g} ${r}`).join(', ')} (${names.length} images, 1 thread)`);
console.log(JSON.stringify({ images: names.length, threads: 1, stats, ratios }));
