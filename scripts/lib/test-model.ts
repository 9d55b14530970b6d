/**
 * Fixtures for the captioner's Node tests: the format-identical random model
 * in scripts/lib/fixtures/tiny-random (never shipped), a few images, and copies of the model with one thing
 * broken (for the error tests). Random weights: good for format and
 * algorithm checks, never for caption quality.
 *
 * @example
 *   const dir = await brokenCopy((d) => rm(join(d, 'tokenizer.json')));
 */
import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RgbaImage } from '../../src/captioner/types';
import { loadImage } from './load-image';
import { loadModel, encodeModel, type OnnxModel } from './onnx-graph';

export const TINY_MODEL = fileURLToPath(new URL('./fixtures/tiny-random', import.meta.url));
/** Random weights in the layout of Xenova/vit-gpt2-image-captioning (training/make-vit-gpt2-standin.py). */
export const VIT_GPT2_STANDIN = fileURLToPath(new URL('./fixtures/vit-gpt2-standin', import.meta.url));
const FLICKR = fileURLToPath(new URL('../../../shared/data/flickr8k/images', import.meta.url));
const FLICKR_DEV = fileURLToPath(new URL('../../../shared/data/flickr8k/Flickr_8k.devImages.txt', import.meta.url));

/** A smooth synthetic image, different per seed; needs no data files. */
export function syntheticImage(seed: number, width = 97, height = 61): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 4;
      data[i] = (x * (seed + 3) * 7) % 256;
      data[i + 1] = (y * (seed + 5) * 5) % 256;
      data[i + 2] = ((x + y) * seed * 3) % 256;
      data[i + 3] = 255;
    }
  }
  return { width, height, data };
}

/** Synthetic images, plus Flickr8k dev photos when ../shared is present. */
export async function testImages(): Promise<RgbaImage[]> {
  const images = [syntheticImage(1), syntheticImage(2), syntheticImage(7, 224, 224)];
  for (const name of ['1000268201_693b08cb0e.jpg', '1001773457_577c3a7d70.jpg']) {
    const path = join(FLICKR, name);
    if (existsSync(path)) images.push(await loadImage(path));
  }
  return images;
}

/**
 * `count` 224×224 images, which need no resize (so two implementations see
 * identical pixels): Flickr8k dev photos when ../shared is present (all but
 * three of them), synthetic ones for the rest.
 */
export async function squareTestImages(count: number): Promise<RgbaImage[]> {
  const names = existsSync(FLICKR_DEV) ? (await readFile(FLICKR_DEV, 'utf8')).split('\n').filter(Boolean).slice(0, Math.max(0, count - 3)) : [];
  const images = await Promise.all(names.map((name) => loadImage(join(FLICKR, name))));
  for (let seed = 1; images.length < count; seed++) images.push(syntheticImage(seed * 3, 224, 224));
  return images;
}

const copies: string[] = [];

/** Copies a fixture model (the tiny one unless told) to a fresh temporary folder and lets `breakIt` damage the copy. */
export async function brokenCopy(breakIt: (dir: string) => Promise<void>, from = TINY_MODEL): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'glimpse-model-'));
  copies.push(dir);
  await cp(from, dir, { recursive: true });
  await breakIt(dir);
  return dir;
}

/**
 * Renames a tensor everywhere in an ONNX model, subgraphs included (the merged
 * decoder's If branches read the cache inputs from the outer graph).
 */
export async function renameInOnnx(bytes: Uint8Array, rename: (name: string) => string): Promise<Uint8Array> {
  const model: OnnxModel = await loadModel(bytes);
  const visit = (g: OnnxModel): void => {
    for (const list of [g.input ?? [], g.output ?? [], g.valueInfo ?? []]) for (const v of list) v.name = rename(v.name);
    for (const t of g.initializer ?? []) t.name = rename(t.name);
    for (const n of g.node ?? []) {
      n.input = n.input.map(rename);
      n.output = n.output.map(rename);
      for (const a of n.attribute ?? []) {
        if (a.g) visit(a.g);
        for (const sub of a.graphs ?? []) visit(sub);
      }
    }
  };
  visit(model.graph);
  return encodeModel(model);
}

/** Deletes every copy made by {@link brokenCopy}; call from afterAll. */
export async function removeCopies(): Promise<void> {
  await Promise.all(copies.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
}
