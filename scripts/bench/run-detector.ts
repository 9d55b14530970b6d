/**
 * Speed of the YOLOX-Nano object detector, one thread: the detector core on
 * onnxruntime-web WASM (the extension's runtime) against onnxruntime-node
 * (native) on the same graph and the same letterboxed input, interleaved
 * image by image (the order rotates), at each requested input size (the same
 * weights, rewritten by scripts/lib/yolox-graph.ts). The first image of each
 * size is a warm-up and is left out. Prints medians and p90s in ms.
 *
 * Columns: `detect` = the whole web detect() (letterbox + WASM + decode + NMS);
 * `wasm` / `native` = session.run alone; `js` = letterbox + decode + NMS alone.
 *
 * @example
 *   nice -n 10 npx tsx scripts/bench/run-detector.ts                       # 20 Flickr8k dev photos, 416
 *   nice -n 10 npx tsx scripts/bench/run-detector.ts --images 20 --sizes 416,320,256
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ortNode from 'onnxruntime-node';
import { configureRuntime, createOrtSession, ort } from '../../src/captioner/env';
import { createObjectDetector } from '../../src/captioner/concepts/index';
import { letterbox } from '../../src/captioner/concepts/letterbox';
import { nms } from '../../src/captioner/concepts/nms';
import { decodeYolox } from '../../src/captioner/concepts/yolox-decode';
import { percentile } from '../eval/percentile';
import { verifiedDetectorFile } from '../lib/detector-model';
import { loadImage } from '../lib/load-image';
import { yoloxAtSize } from '../lib/yolox-graph';

const FLICKR = new URL('../../../shared/data/flickr8k/', import.meta.url).pathname;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const count = Number(arg('images', '20'));
const sizes = arg('sizes', '416').split(',').map(Number);
const images = readFileSync(join(FLICKR, 'Flickr_8k.devImages.txt'), 'utf8').split(/\s+/).filter(Boolean).slice(0, count + 1);
const pixels = await Promise.all(images.map((f) => loadImage(join(FLICKR, 'images', f))));

configureRuntime({ numThreads: 1 });
const original = verifiedDetectorFile().bytes;
const timed = async (task: () => Promise<unknown>): Promise<number> => {
  const t = performance.now();
  await task();
  return performance.now() - t;
};
const stats = (ms: number[]): string => `${percentile(ms, 0.5).toFixed(1)} / ${percentile(ms, 0.9).toFixed(1)}`;

console.log(`YOLOX-Nano, 1 thread, ${count} Flickr8k dev photos (+1 warm-up), interleaved; median / p90 ms`);
console.log('| input | detect (web, all) | wasm run | native run | js pre+post | wasm/native (medians) | median per-image ratio |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
for (const size of sizes) {
  const bytes = size === 416 ? original : await yoloxAtSize(original, size, size);
  const dims = { width: size, height: size };
  const detector = await createObjectDetector({ id: `detector-${size}`, read: async (p) => (p === 'yolox_nano.onnx' ? bytes : null) });
  const web = await createOrtSession(bytes, 'wasm');
  const native = await ortNode.InferenceSession.create(bytes, { intraOpNumThreads: 1, interOpNumThreads: 1, graphOptimizationLevel: 'all' });
  const rows = { detect: [] as number[], wasm: [] as number[], native: [] as number[], js: [] as number[] };
  for (const [i, image] of pixels.entries()) {
    const input = letterbox(image, dims);
    let output: Float32Array | null = null;
    const tasks: [keyof typeof rows, () => Promise<unknown>][] = [
      ['detect', () => detector.detect(image)],
      ['wasm', async () => (output = (await web.run({ images: new ort.Tensor('float32', input.data, input.dims) })).output!.data as Float32Array)],
      ['native', () => native.run({ images: new ortNode.Tensor('float32', input.data, input.dims) })],
    ];
    const ms: Partial<Record<keyof typeof rows, number>> = {};
    for (let k = 0; k < tasks.length; k++) {
      const [name, task] = tasks[(i + k) % tasks.length]!;
      ms[name] = await timed(task);
    }
    ms.js = await timed(async () => nms(decodeYolox(output!, dims, 80, 0.05), 0.45, 100) && letterbox(image, dims));
    if (i === 0) continue;
    for (const name of Object.keys(rows) as (keyof typeof rows)[]) rows[name].push(ms[name]!);
  }
  const ratios = rows.wasm.map((w, k) => w / rows.native[k]!);
  const ratio = percentile(rows.wasm, 0.5) / percentile(rows.native, 0.5);
  console.log(`| ${size}×${size} | ${stats(rows.detect)} | ${stats(rows.wasm)} | ${stats(rows.native)} | ${stats(rows.js)} | ${ratio.toFixed(1)}× | ${percentile(ratios, 0.5).toFixed(1)}× |`);
  await detector.dispose();
  await web.release();
  await native.release();
}
