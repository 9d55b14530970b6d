// The GPT-2 / ViT path (the layout of Xenova/vit-gpt2-image-captioning)
// checked token for token against transformers.js, which loads the same
// stand-in folder (random weights, format tests only) on the same
// onnxruntime-web build: its own processor, its own generate() over the
// merged decoder's If graph (MatMulInteger weights, as Xenova's files have),
// its own GPT-2 detokenizer.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelDir } from '../../scripts/lib/model-dir';
import { importTransformersBeside, type Transformers } from '../../scripts/lib/transformers-local';
import { squareTestImages, VIT_GPT2_STANDIN } from '../../scripts/lib/test-model';
import { createCaptioner, type LocalCaptioner } from './captioner';
import { decoderRunner } from './decoder-runner';
import { defaultEnv, ort } from './env';
import { readModelSpec } from './model-config';
import { readModelFiles } from './model-files';
import { createSessionPair, releaseAll } from './sessions';
import { preprocess, type PreprocessorConfig } from './preprocess';
import type { RgbaImage } from './types';

type Generate = (options: Record<string, unknown>) => Promise<{ tolist(): bigint[][] }>;
const EOS = 50256;
let tjs: Transformers;
let images: RgbaImage[];
let captioner: LocalCaptioner;
let preprocessor: PreprocessorConfig;

beforeAll(async () => {
  tjs = await importTransformersBeside(VIT_GPT2_STANDIN);
  images = await squareTestImages(10);
  captioner = createCaptioner();
  await captioner.load(modelDir(VIT_GPT2_STANDIN));
  preprocessor = JSON.parse(new TextDecoder().decode((await modelDir(VIT_GPT2_STANDIN).read('preprocessor_config.json'))!)) as PreprocessorConfig;
}, 120_000);

afterAll(async () => {
  await captioner?.dispose();
});

const raw = (image: RgbaImage) => new tjs.RawImage(new Uint8ClampedArray(image.data), image.width, image.height, 4);

describe('vit-gpt2 stand-in against transformers.js', () => {
  it('preprocesses like its ViTImageProcessor (224², rescale, mean/std 0.5)', async () => {
    const processor = await tjs.AutoProcessor.from_pretrained('vit-gpt2-standin', { local_files_only: true });
    for (const image of images) {
      const theirs = (await processor(raw(image))) as { pixel_values: { data: Float32Array; dims: number[] } };
      const ours = preprocess(image, preprocessor);
      expect(ours.dims).toEqual([1, 3, 224, 224]);
      expect(theirs.pixel_values.dims).toEqual(ours.dims);
      let worst = 0;
      for (let i = 0; i < ours.data.length; i++) worst = Math.max(worst, Math.abs(ours.data[i]! - theirs.pixel_values.data[i]!));
      expect(worst).toBeLessThan(1e-5);
    }
  });

  it('generates the same greedy tokens and text on 10 images, and they are not degenerate', async () => {
    expect(images).toHaveLength(10);
    const tokenizer = await tjs.AutoTokenizer.from_pretrained('vit-gpt2-standin', { local_files_only: true });
    const model = await tjs.AutoModelForVision2Seq.from_pretrained('vit-gpt2-standin', { dtype: 'q8', device: 'auto', local_files_only: true } as Parameters<typeof tjs.AutoModelForVision2Seq.from_pretrained>[1]);
    const all: number[][] = [];
    try {
      for (const image of images) {
        const ours = await captioner.caption(image, { numBeams: 1 });
        // Both sides decode the same pixel values: preprocessing is compared on its own above, and
        // dynamic quantization would turn its last-bit float differences into near-tie flips.
        const pixels = preprocess(image, preprocessor);
        const pixel_values = new tjs.Tensor('float32', pixels.data, pixels.dims);
        // Greedy with the model's own generation_config.json (max_length 20, the Hugging Face default).
        const output = await (model.generate as Generate).call(model, { pixel_values, do_sample: false, num_beams: 1 });
        const ids = output.tolist()[0]!.map(Number);
        expect(ids[0]).toBe(EOS); // decoder_start_token_id
        const theirs = ids.slice(1).filter((id, i, rest) => !(i === rest.length - 1 && id === EOS));
        expect(ours.tokens).toEqual(theirs);
        const text = (tokenizer.decode(ids, { skip_special_tokens: true }) as string).replace(/\s+/g, ' ').trim();
        expect(ours.text).toBe(text);
        all.push(ours.tokens);
      }
    } finally {
      await model.dispose();
    }
    // A test that can fail: captions differ between images, each uses many
    // different tokens, and they reach deep into the 50,257-token vocabulary.
    expect(new Set(all.map((t) => t.join(','))).size).toBeGreaterThanOrEqual(8);
    for (const tokens of all) expect(new Set(tokens).size).toBeGreaterThan(5);
    expect(Math.max(...all.flat())).toBeGreaterThan(10_000);
    // A preprocessing slip as small as 6/255 in brightness changes the caption.
    for (const [i, image] of images.slice(0, 3).entries()) {
      const brighter = { ...image, data: image.data.map((v, j) => (j % 4 === 3 ? v : Math.min(255, v + 6))) };
      expect((await captioner.caption(brighter, { numBeams: 1 })).tokens).not.toEqual(all[i]);
    }
  }, 300_000);

  it('agrees with the image-to-text pipeline on the caption text', async () => {
    const caption = await tjs.pipeline('image-to-text', 'vit-gpt2-standin', { dtype: 'q8', device: 'auto', local_files_only: true } as Record<string, unknown>);
    try {
      for (const image of images.slice(0, 3)) {
        const [result] = (await caption(raw(image))) as { generated_text: string }[];
        expect((await captioner.caption(image, { numBeams: 1 })).text).toBe(result!.generated_text.replace(/\s+/g, ' ').trim());
      }
    } finally {
      await caption.dispose();
    }
  }, 120_000);

  // Dynamic quantization scales each activation by its own range, so a step
  // fed one token through the cache and the same step recomputed over the
  // whole prefix round differently: close logits, not identical ones, and a
  // near-tie may go either way. Compared along our own greedy path.
  it('gives close logits through the cache branch and through full recomputation, step by step', async () => {
    const source = modelDir(VIT_GPT2_STANDIN);
    const files = await readModelFiles(source, { quantized: true });
    const spec = readModelSpec(files.config, files.generationConfig);
    const pair = await createSessionPair(defaultEnv, source, { ...files, encoderBytes: files.encoder.bytes, decoderBytes: files.decoder.bytes }, 'wasm', spec);
    let worst = 0;
    let spread = 0;
    let leastChange = Infinity; // between one step's logits and the next: what a broken cache would look like
    try {
      for (const image of images.slice(0, 3)) {
        const pixels = preprocess(image, preprocessor);
        const hidden = (await pair.encoder.run({ pixel_values: new ort.Tensor('float32', pixels.data, pixels.dims) })).last_hidden_state!;
        const cached = decoderRunner(pair.decoder, pair.decoderLayout, hidden, { useCache: true });
        const full = decoderRunner(pair.decoder, pair.decoderLayout, hidden, { useCache: false });
        const sequence = [EOS];
        let previous: Float32Array | null = null;
        for (let step = 0; step < 12; step++) {
          const [a] = await cached([sequence]);
          const [b] = await full([sequence]);
          for (let i = 0; i < a!.length; i++) worst = Math.max(worst, Math.abs(a![i]! - b![i]!));
          if (previous) leastChange = Math.min(leastChange, a!.reduce((m, v, i) => Math.max(m, Math.abs(v - previous![i]!)), 0));
          previous = a!;
          spread = Math.max(spread, Math.max(...a!) - Math.min(...a!));
          sequence.push(a!.indexOf(Math.max(...a!)));
        }
      }
    } finally {
      await releaseAll([pair.encoder, pair.decoder]);
    }
    expect(spread).toBeGreaterThan(5);
    expect(worst).toBeLessThan(spread * 0.05);
    expect(leastChange).toBeGreaterThan(spread * 0.05);
  }, 120_000);
});
