// Greedy decoding and preprocessing checked against an independent
// implementation: transformers.js (a dev dependency) on the same tiny model
// and the same onnxruntime-web build. Its beam search keeps only one candidate,
// so only greedy is compared; beam search is checked in decoding.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { modelDir } from '../../scripts/lib/model-dir';
import { importTransformersBeside, type Transformers } from '../../scripts/lib/transformers-local';
import { testImages, TINY_MODEL } from '../../scripts/lib/test-model';
import { createCaptioner } from './captioner';
import { preprocess, type PreprocessorConfig } from './preprocess';
import type { RgbaImage } from './types';

let tjs: Transformers;
let square: RgbaImage[];
let preprocessor: PreprocessorConfig;

beforeAll(async () => {
  tjs = await importTransformersBeside(TINY_MODEL);
  // 224×224 images need no resize, so both sides see identical pixels.
  square = (await testImages()).filter((i) => i.width === 224 && i.height === 224);
  preprocessor = JSON.parse(new TextDecoder().decode((await modelDir(TINY_MODEL).read('preprocessor_config.json'))!)) as PreprocessorConfig;
}, 120_000);

describe('parity with transformers.js', () => {
  it('preprocesses a 224×224 image to the same pixel values', async () => {
    const processor = await tjs.AutoProcessor.from_pretrained('tiny-random', { local_files_only: true });
    for (const image of square) {
      const theirs = (await processor(new tjs.RawImage(new Uint8ClampedArray(image.data), 224, 224, 4))) as { pixel_values: { data: Float32Array; dims: number[] } };
      const ours = preprocess(image, preprocessor);
      expect(theirs.pixel_values.dims).toEqual(ours.dims);
      let worst = 0;
      for (let i = 0; i < ours.data.length; i++) worst = Math.max(worst, Math.abs(ours.data[i]! - theirs.pixel_values.data[i]!));
      expect(worst).toBeLessThan(1e-4);
    }
  });

  it.each([
    ['q8', true],
    ['fp32', false],
  ] as const)('generates the same greedy tokens (%s files)', async (dtype, quantized) => {
    expect(square.length).toBeGreaterThan(0);
    const model = await tjs.AutoModelForVision2Seq.from_pretrained('tiny-random', { dtype, device: 'auto', local_files_only: true } as Parameters<typeof tjs.AutoModelForVision2Seq.from_pretrained>[1]);
    const captioner = createCaptioner();
    await captioner.load(modelDir(TINY_MODEL), { quantized });
    try {
      for (const image of square) {
        const ours = await captioner.caption(image, { numBeams: 1 });
        const pixels = preprocess(image, preprocessor);
        const generate = model.generate as (options: Record<string, unknown>) => Promise<{ tolist(): bigint[][] }>;
        const output = await generate.call(model, {
          pixel_values: new tjs.Tensor('float32', pixels.data, pixels.dims),
          max_length: 22,
          num_beams: 1,
          do_sample: false,
          no_repeat_ngram_size: 3,
          bad_words_ids: [[3]], // the captioner never emits [UNK]
        });
        const ids = output.tolist()[0]!.map(Number);
        // transformers.js returns the start token first and the end token last, when reached.
        const theirs = ids.slice(1).filter((id, i, all) => !(i === all.length - 1 && id === 2));
        expect(ours.tokens).toEqual(theirs);
      }
    } finally {
      await captioner.dispose();
      await model.dispose();
    }
  });
});
