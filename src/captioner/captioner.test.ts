// The public captioner on the tiny random model: what a caller gets back, and
// that it is the same every time for the same pixels.
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelDir } from '../../scripts/lib/model-dir';
import { syntheticImage, testImages, TINY_MODEL } from '../../scripts/lib/test-model';
import { createCaptioner, type LocalCaptioner } from './captioner';
import { captionConfidence } from './confidence';
import { loadTokenizer } from './tokenizer';
import type { RgbaImage } from './types';

let captioner: LocalCaptioner;
let images: RgbaImage[];
let vocabulary: Set<string>;

beforeAll(async () => {
  captioner = createCaptioner();
  await captioner.load(modelDir(TINY_MODEL));
  images = await testImages();
  const tokenizer = JSON.parse(await readFile(join(TINY_MODEL, 'tokenizer.json'), 'utf8')) as { model: { vocab: Record<string, number> } };
  vocabulary = new Set(Object.keys(tokenizer.model.vocab).filter((w) => !w.startsWith('[')));
}, 120_000);

afterAll(() => captioner.dispose(), 60_000);

describe('caption()', () => {
  it('returns text in the model vocabulary, with no special tokens, and its parts', async () => {
    const caption = await captioner.caption(images[0]!);
    expect(caption.backend).toBe('wasm');
    expect(caption.tokens.length).toBeGreaterThan(0);
    expect(caption.text).not.toMatch(/\[(UNK|PAD|BOS|EOS)\]/);
    for (const word of caption.text.split(' ')) expect(vocabulary.has(word)).toBe(true);
    expect(caption.confidence).toBeGreaterThan(0);
    expect(caption.confidence).toBeLessThanOrEqual(1);
    const { timings } = caption;
    for (const stage of [timings.preprocess, timings.encoder, timings.decoder]) expect(stage).toBeGreaterThan(0);
    expect(timings.total).toBeGreaterThanOrEqual(timings.preprocess + timings.encoder + timings.decoder);
  });

  it('is deterministic for a fixed image, across calls and across captioners', async () => {
    const first = await captioner.caption(images[1]!);
    const again = await captioner.caption(images[1]!);
    const other = createCaptioner();
    await other.load(modelDir(TINY_MODEL));
    const fresh = await other.caption(images[1]!);
    await other.dispose();
    for (const c of [again, fresh]) {
      expect(c.tokens).toEqual(first.tokens);
      expect(c.text).toBe(first.text);
      expect(c.confidence).toBe(first.confidence);
    }
  });

  it('depends on the image', async () => {
    const captions = await Promise.all(images.map((image) => captioner.caption(image)));
    expect(new Set(captions.map((c) => c.tokens.join())).size).toBeGreaterThan(1);
  });

  it('honours maxLength and reports a cut caption as truncated', async () => {
    const caption = await captioner.caption(images[0]!, { maxLength: 4, numBeams: 1 });
    expect(caption.tokens.length).toBeLessThanOrEqual(3);
    if (caption.tokens.length === 3) expect(caption.truncated).toBe(true);
  });

  it('gives the same tokens with and without the KV cache through the public options', async () => {
    for (const numBeams of [1, 3]) {
      const cached = await captioner.caption(images[2]!, { numBeams });
      const recomputed = await captioner.caption(images[2]!, { numBeams, useCache: false });
      expect(recomputed.tokens).toEqual(cached.tokens);
    }
  });

  it('never emits the unknown token', async () => {
    const tokenizerJson = JSON.parse(await readFile(join(TINY_MODEL, 'tokenizer.json'), 'utf8'));
    const unk = loadTokenizer(tokenizerJson).unkId!;
    for (const image of images) expect((await captioner.caption(image)).tokens).not.toContain(unk);
  });

  it('reports low confidence for a model that knows nothing', async () => {
    const caption = await captioner.caption(syntheticImage(11), { numBeams: 1 });
    // A random model spreads probability over ~200 words, so the formula must say "unsure".
    expect(caption.confidence).toBeLessThan(0.2);
    expect(captionConfidence([])).toBe(0);
  });

  it('rejects pixel buffers that do not match their size', async () => {
    await expect(captioner.caption({ width: 10, height: 10, data: new Uint8Array(10) })).rejects.toThrow(/needs 400/);
  });

  it('refuses to caption before load and after dispose', async () => {
    const idle = createCaptioner();
    await expect(idle.caption(images[0]!)).rejects.toThrow(/load\(\)/);
    expect(idle.backend).toBeNull();
    await idle.load(modelDir(TINY_MODEL));
    await idle.dispose();
    await expect(idle.caption(images[0]!)).rejects.toThrow(/load\(\)/);
  });
});
