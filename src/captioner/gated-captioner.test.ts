// The embedded model looks (its encoder feeds the gate), the downloaded one speaks:
// checked on the tiny model and the vit-gpt2 stand-in, both real ONNX files.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelDir } from '../../scripts/lib/model-dir';
import { squareTestImages, TINY_MODEL, VIT_GPT2_STANDIN } from '../../scripts/lib/test-model';
import { createCaptioner, type LocalCaptioner } from './captioner';
import { gatedCaptioner } from './gated-captioner';
import type { Caption, GenerateOptions, RgbaImage } from './types';

let looks: LocalCaptioner;
let speaks: LocalCaptioner;
let images: RgbaImage[];

beforeAll(async () => {
  looks = createCaptioner();
  speaks = createCaptioner();
  await looks.load(modelDir(TINY_MODEL));
  await speaks.load(modelDir(VIT_GPT2_STANDIN));
  images = await squareTestImages(2);
}, 120_000);

afterAll(async () => {
  await looks?.dispose();
  await speaks?.dispose();
});

/** Counts the calls that reach a captioner. */
function counted(inner: LocalCaptioner): { caption(image: RgbaImage, options?: GenerateOptions): Promise<Caption>; calls: number } {
  const wrapper = {
    calls: 0,
    caption(image: RgbaImage, options?: GenerateOptions) {
      wrapper.calls++;
      return inner.caption(image, options);
    },
  };
  return wrapper;
}

describe('gatedCaptioner', () => {
  it('a photo is captioned by the speaking model, token for token as that model alone', async () => {
    const speaker = counted(speaks);
    const gated = gatedCaptioner(looks, speaker);
    for (const image of images) {
      let asked = 0;
      const both = await gated.caption(image, { beforeDecode: () => (asked++, true), maxLength: 12 });
      const alone = await speaks.caption(image, { maxLength: 12 });
      expect(asked).toBe(1);
      expect(both.decoded).toBe(true);
      expect(both.tokens).toEqual(alone.tokens);
      expect(both.text).toBe(alone.text);
    }
    expect(speaker.calls).toBe(images.length);
  });

  it('an image the gate declines never reaches the speaking model', async () => {
    const speaker = counted(speaks);
    const caption = await gatedCaptioner(looks, speaker).caption(images[0]!, { beforeDecode: () => false });
    expect(caption.decoded).toBe(false);
    expect(caption.tokens).toEqual([]);
    expect(speaker.calls).toBe(0);
  });

  it('the gate sees the looking model\'s encoder, not the speaking one\'s', async () => {
    const seen: (Float32Array | null)[] = [];
    await gatedCaptioner(looks, speaks).caption(images[0]!, { beforeDecode: (view) => (seen.push(view.imagenetLogits), false) });
    const own: (Float32Array | null)[] = [];
    await looks.caption(images[0]!, { beforeDecode: (view) => (own.push(view.imagenetLogits), false) });
    expect(seen[0]?.length).toBe(1000); // the tiny model's encoder exposes its backbone's logits, the stand-in's does not
    expect(seen).toEqual(own);
  });
});
