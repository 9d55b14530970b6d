/**
 * Caches MobileNetV2 grid features (tensor `627`, 1280x7x7) and ImageNet
 * logits for every Flickr8k train/dev image, plus the same for the mirrored
 * image (flip augmentation). It goes through the extension's own
 * preprocessing (`src/captioner/preprocess.ts`, driven by the shipped
 * preprocessor_config.json) and the same backbone bytes the build assembles,
 * so training sees exactly the features the extension computes.
 *
 * Usage: npx tsx training/extract-features.ts [outDir]
 * Writes <outDir>/{images.json, grid.f32, logits.f32, grid-flip.f32, logits-flip.f32}.
 */
import { createWriteStream, mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { preprocess, type PreprocessorConfig } from '../src/captioner/preprocess';
import { backboneWithFeatures, thirdPartyModelDir } from '../scripts/lib/backbone';

const root = resolve(import.meta.dirname, '..');
const data = resolve(root, '../shared/data/flickr8k');
const outDir = resolve(process.argv[2] ?? '/work/cache/glimpse-features');
const config = JSON.parse(readFileSync(join(root, 'models/glimpse-captioner/preprocessor_config.json'), 'utf8')) as PreprocessorConfig;
const BATCH = 16;

function list(file: string): string[] {
  return readFileSync(join(data, file), 'utf8').split('\n').map((s) => s.trim()).filter(Boolean);
}

async function rgba(path: string, flip: boolean) {
  const img = sharp(path).ensureAlpha();
  const { data: px, info } = await (flip ? img.flop() : img).raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(px.buffer, px.byteOffset, px.length) };
}

async function main(): Promise<void> {
  mkdirSync(outDir, { recursive: true });
  const images = [...list('Flickr_8k.trainImages.txt'), ...list('Flickr_8k.devImages.txt')];
  if (existsSync(join(outDir, 'done.json'))) {
    console.log(`features already in ${outDir}`);
    return;
  }
  const model = await backboneWithFeatures(thirdPartyModelDir(root));
  const session = await ort.InferenceSession.create(model, { intraOpNumThreads: 2 });
  for (const flip of [false, true]) {
    const suffix = flip ? '-flip' : '';
    const grid = createWriteStream(join(outDir, `grid${suffix}.f32`));
    const logits = createWriteStream(join(outDir, `logits${suffix}.f32`));
    const t0 = Date.now();
    for (let i = 0; i < images.length; i += BATCH) {
      const names = images.slice(i, i + BATCH);
      const batch = new Float32Array(names.length * 3 * 224 * 224);
      for (let b = 0; b < names.length; b++) {
        const pre = preprocess(await rgba(join(data, 'images', names[b]!), flip), config);
        batch.set(pre.data, b * pre.data.length);
      }
      const out = await session.run({ input: new ort.Tensor('float32', batch, [names.length, 3, 224, 224]) });
      const g = out['627']!.data as Float32Array;
      const l = out['output']!.data as Float32Array;
      grid.write(Buffer.from(g.buffer, g.byteOffset, g.byteLength));
      logits.write(Buffer.from(l.buffer, l.byteOffset, l.byteLength));
      if (i % 800 === 0) console.log(`${flip ? 'flip' : 'plain'} ${i}/${images.length} ${((Date.now() - t0) / 1000).toFixed(0)}s`);
    }
    await Promise.all([grid, logits].map((s) => new Promise((r) => s.end(r))));
  }
  writeFileSync(join(outDir, 'images.json'), JSON.stringify({ images, train: 6000, dev: 1000, grid: [1280, 7, 7], logits: 1000 }));
  writeFileSync(join(outDir, 'done.json'), '{}');
}

await main();
