/**
 * Dumps the InceptionV3 grids (mixed5, mixed6, mixed7: 768×17×17 each) for
 * every Flickr8k train and dev image, for training an encoder on them. It
 * runs the graph `npm run models` derives from nsfwjs
 * (.cache/models/backbones/inception_v3.onnx) on onnxruntime-node, over the
 * extension's own preprocessing at 299×299, x/255 (INCEPTION_PREPROCESSOR),
 * so training sees what the extension would compute.
 *
 * Writes <outDir>/{images.json, mixed5.f16, mixed6.f16, mixed7.f16} (and
 * `-flip` files for the mirrored images with --flip): float16, image-major
 * NCHW, train images then dev in the split files' order; about 444 KB per
 * image and layer, 9.3 GB for one pass. Resumable: a rerun continues after the
 * last image every file holds. `done.json` marks a finished pass.
 * Read with numpy: np.memmap(path, np.float16, 'r').reshape(-1, 768, 17, 17).
 *
 * @example nice -n 10 npx tsx training/extract-inception-features.ts /work/feat-inception [--flip] [--threads 1]
 */
import { existsSync, mkdirSync, openSync, readFileSync, statSync, truncateSync, writeFileSync, writeSync, closeSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { Float16Array } from '@petamoriken/float16';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { preprocess } from '../src/captioner/preprocess';
import { INCEPTION_PREPROCESSOR } from '../scripts/lib/inception-backbone';
import { inceptionManifest } from '../scripts/lib/nsfwjs-inception';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { flip: { type: 'boolean', default: false }, threads: { type: 'string', default: '1' } } });
const root = resolve(import.meta.dirname, '..');
const data = resolve(root, '../shared/data/flickr8k');
const outDir = resolve(positionals[0] ?? '/work/feat-inception');
const spec = inceptionManifest(root).onnx;
const suffix = values.flip ? '-flip' : '';
const BATCH = 8;
const SIZE = spec.inputSize;

const list = (file: string): string[] => readFileSync(join(data, file), 'utf8').split('\n').map((s) => s.trim()).filter(Boolean);

async function pixels(path: string): Promise<Float32Array> {
  const img = sharp(path).ensureAlpha();
  const { data: px, info } = await (values.flip ? img.flop() : img).raw().toBuffer({ resolveWithObject: true });
  return preprocess({ width: info.width, height: info.height, data: new Uint8Array(px.buffer, px.byteOffset, px.length) }, INCEPTION_PREPROCESSOR).data;
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const train = list('Flickr_8k.trainImages.txt');
  const images = [...train, ...list('Flickr_8k.devImages.txt')];
  const done = join(outDir, `done${suffix}.json`);
  if (existsSync(done)) return console.log(`features already in ${outDir} (${done})`);
  const session = await ort.InferenceSession.create(join(root, '.cache/models', spec.install), { intraOpNumThreads: Number(values.threads), interOpNumThreads: 1 });
  const perImage = 768 * 17 * 17 * 2;
  const paths = spec.outputs.map((name) => join(outDir, `${name}${suffix}.f16`));
  // Resume after the last image that every file holds whole.
  const start = Math.min(...paths.map((p) => (existsSync(p) ? Math.floor(statSync(p).size / perImage) : 0)));
  for (const p of paths) if (existsSync(p)) truncateSync(p, start * perImage);
  const fds = paths.map((p) => openSync(p, 'a'));
  writeFileSync(join(outDir, 'images.json'), JSON.stringify({ images, train: train.length, dev: images.length - train.length, layers: spec.outputs, grid: [768, 17, 17], dtype: 'float16', source: spec.install, sha256: spec.sha256, preprocessor: INCEPTION_PREPROCESSOR }));
  const t0 = Date.now();
  for (let i = start; i < images.length; i += BATCH) {
    const names = images.slice(i, i + BATCH);
    const batch = new Float32Array(names.length * 3 * SIZE * SIZE);
    for (const [b, name] of names.entries()) batch.set(await pixels(join(data, 'images', name)), b * 3 * SIZE * SIZE);
    const out = await session.run({ [spec.input]: new ort.Tensor('float32', batch, [names.length, 3, SIZE, SIZE]) });
    spec.outputs.forEach((name, k) => {
      const half = Float16Array.from(out[name]!.data as Float32Array);
      writeSync(fds[k]!, new Uint8Array(half.buffer, half.byteOffset, half.byteLength));
    });
    if ((i - start) % 400 < BATCH) {
      const rate = (i + names.length - start) / ((Date.now() - t0) / 1000);
      console.log(`${suffix || 'plain'} ${i + names.length}/${images.length} ${rate.toFixed(2)} img/s, ~${((images.length - i) / rate / 60).toFixed(0)} min left`);
    }
  }
  fds.forEach((fd) => closeSync(fd));
  writeFileSync(done, JSON.stringify({ images: images.length, seconds: (Date.now() - t0) / 1000 }));
  console.log(`done: ${outDir}`);
}

await main();
