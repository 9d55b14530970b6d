/**
 * Latency of the InceptionV3 backbone graph (.cache/models/backbones/, from
 * `npm run models`, outputs mixed5–mixed7) and of the same graph cut at
 * mixed5, beside the shipped encoder (MobileNetV2 int8 + head, 224×224) as
 * the peer, on onnxruntime-web WASM (in Node: the build the extension ships,
 * Glimpse's session options) and on onnxruntime-node CPU, 1 thread each.
 * One interleaved run: every image goes through all six sessions, in an
 * order that rotates image by image, so load on the machine hits them alike.
 * Pixels: Flickr8k dev images through the extension's preprocessing at
 * 299×299 (INCEPTION_PREPROCESSOR; the shipped encoder gets its own
 * preprocessor_config.json). Prints p50/p90 per session, the web/node ratios
 * and each graph's WASM p50 over the shipped encoder's, then one JSON line.
 * Not a test.
 *
 * @example nice -n 10 npx tsx scripts/bench/inception.ts --images 20
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import * as ortNode from 'onnxruntime-node';
import { configureRuntime, ort, sessionOptions } from '../../src/captioner/env';
import { preprocess, type PreprocessorConfig } from '../../src/captioner/preprocess';
import { percentile, round } from '../eval/percentile';
import { INCEPTION_PREPROCESSOR, inceptionOnnxBytes } from '../lib/inception-backbone';
import type { RgbaImage } from '../../src/captioner/types';
import { loadImage } from '../lib/load-image';
import { inceptionManifest } from '../lib/nsfwjs-inception';

const { values } = parseArgs({ options: { images: { type: 'string', default: '20' } } });
const root = resolve(import.meta.dirname, '../..');
const spec = inceptionManifest(root).onnx;
const shipped = join(root, '.cache/models/glimpse-captioner');
const SHIPPED = 'shipped encoder';
const graphs: Record<string, { bytes: Uint8Array; config: PreprocessorConfig; input: string }> = {
  [spec.outputs.join('+')]: { bytes: readFileSync(join(root, '.cache/models', spec.install)), config: INCEPTION_PREPROCESSOR, input: spec.input },
  mixed5: { bytes: await inceptionOnnxBytes(root, ['mixed5']), config: INCEPTION_PREPROCESSOR, input: spec.input },
  [SHIPPED]: { bytes: readFileSync(join(shipped, 'onnx/encoder_model_quantized.onnx')), config: JSON.parse(readFileSync(join(shipped, 'preprocessor_config.json'), 'utf8')) as PreprocessorConfig, input: 'pixel_values' },
};
const data = join(root, '../shared/data/flickr8k');
const names = readFileSync(join(data, 'Flickr_8k.devImages.txt'), 'utf8').split('\n').map((s) => s.trim()).filter(Boolean).slice(0, Number(values.images));

configureRuntime({ numThreads: 1 });
const { graphOptimizationLevel, extra } = sessionOptions('wasm');
type Runner = (image: RgbaImage) => Promise<number>;
const runners: [string, Runner][] = [];
for (const [graph, g] of Object.entries(graphs)) {
  const web = await ort.InferenceSession.create(g.bytes, sessionOptions('wasm'));
  const native = await ortNode.InferenceSession.create(g.bytes, { graphOptimizationLevel, extra, executionProviders: ['cpu'], intraOpNumThreads: 1, interOpNumThreads: 1 });
  // Pixels are prepared outside the timed run, so only session.run is measured.
  const pixels = (image: RgbaImage) => preprocess(image, g.config);
  runners.push([`${graph} web`, async (image) => { const p = pixels(image); const t = performance.now(); await web.run({ [g.input]: new ort.Tensor('float32', p.data, p.dims) }); return performance.now() - t; }]);
  runners.push([`${graph} node`, async (image) => { const p = pixels(image); const t = performance.now(); await native.run({ [g.input]: new ortNode.Tensor('float32', p.data, p.dims) }); return performance.now() - t; }]);
}
const times = new Map<string, number[]>(runners.map(([name]) => [name, []]));
const first = await loadImage(join(data, 'images', names[0]!));
for (const [, run] of runners) await run(first); // warm-up, not counted
for (const [i, name] of names.entries()) {
  const image = await loadImage(join(data, 'images', name));
  for (let k = 0; k < runners.length; k++) {
    const [which, run] = runners[(i + k) % runners.length]!;
    times.get(which)!.push(await run(image));
  }
}
const stats = Object.fromEntries([...times].map(([k, v]) => [k, { p50: round(percentile(v, 0.5), 1), p90: round(percentile(v, 0.9), 1) }]));
for (const [k, s] of Object.entries(stats)) console.log(`${k.padEnd(24)} p50 ${s.p50} ms, p90 ${s.p90} ms`);
const ratios = Object.fromEntries(Object.keys(graphs).map((g) => [g, round(stats[`${g} web`]!.p50 / stats[`${g} node`]!.p50, 2)]));
const overShipped = Object.fromEntries(Object.keys(graphs).filter((g) => g !== SHIPPED).map((g) => [g, round(stats[`${g} web`]!.p50 / stats[`${SHIPPED} web`]!.p50, 1)]));
console.log(`web/node p50 ratio: ${Object.entries(ratios).map(([g, r]) => `${g} ${r}`).join(', ')} (${names.length} images, 1 thread)`);
console.log(`WASM p50 over the shipped encoder's: ${Object.entries(overShipped).map(([g, r]) => `${g} ${r}×`).join(', ')}`);
console.log(JSON.stringify({ images: names.length, threads: 1, stats, ratios, overShipped }));
