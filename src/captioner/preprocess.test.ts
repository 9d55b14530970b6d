import { describe, expect, it } from 'vitest';
import { ModelError } from './errors';
import { preprocess, readPreprocessor, resizeRgba, targetSize } from './preprocess';
import type { RgbaImage } from './types';

function solid(width: number, height: number, rgba: [number, number, number, number]): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set(rgba, i * 4);
  return { width, height, data };
}

describe('targetSize', () => {
  it('reads fixed, square and shortest-edge sizes', () => {
    expect(targetSize({ size: { height: 224, width: 200 } }, { width: 10, height: 10 })).toEqual({ width: 200, height: 224 });
    expect(targetSize({ size: 32 }, { width: 10, height: 20 })).toEqual({ width: 32, height: 32 });
    expect(targetSize({ size: { shortest_edge: 100 } }, { width: 400, height: 200 })).toEqual({ width: 200, height: 100 });
  });
});

describe('resizeRgba', () => {
  it('returns the same image when the size already matches', () => {
    const image = solid(4, 4, [1, 2, 3, 255]);
    expect(resizeRgba(image, 4, 4)).toBe(image);
  });

  it('keeps a solid colour solid when shrinking and enlarging', () => {
    for (const [w, h] of [[7, 3], [50, 90]]) {
      const out = resizeRgba(solid(23, 31, [200, 100, 50, 255]), w!, h!);
      expect(out.width * out.height * 4).toBe(out.data.length);
      for (let i = 0; i < out.data.length; i += 4) expect([...out.data.subarray(i, i + 4)]).toEqual([200, 100, 50, 255]);
    }
  });

  it('averages over the source footprint when shrinking, instead of sampling', () => {
    // 1-pixel black/white stripes: point sampling would give pure black or white, averaging gives grey.
    const stripes = solid(64, 64, [0, 0, 0, 255]);
    for (let x = 0; x < 64; x += 2) for (let y = 0; y < 64; y++) stripes.data.set([255, 255, 255, 255], (y * 64 + x) * 4);
    const out = resizeRgba(stripes, 8, 8);
    for (let i = 0; i < out.data.length; i += 4) expect(Math.abs(out.data[i]! - 128)).toBeLessThanOrEqual(20);
  });

  it('preserves a left-to-right gradient direction', () => {
    const ramp: RgbaImage = { width: 100, height: 2, data: new Uint8ClampedArray(800) };
    for (let x = 0; x < 100; x++) for (let y = 0; y < 2; y++) ramp.data.set([x * 2, 0, 0, 255], (y * 100 + x) * 4);
    const out = resizeRgba(ramp, 10, 1);
    for (let x = 1; x < 10; x++) expect(out.data[x * 4]!).toBeGreaterThan(out.data[(x - 1) * 4]!);
  });
});

describe('preprocess', () => {
  const config = { size: { height: 4, width: 6 }, image_mean: [0.5, 0.25, 0], image_std: [0.5, 0.25, 1] };

  it('produces normalised CHW float32 of the configured size', () => {
    const out = preprocess(solid(12, 8, [255, 0, 51, 255]), config);
    expect(out.dims).toEqual([1, 3, 4, 6]);
    expect(out.data).toHaveLength(3 * 4 * 6);
    expect(out.data[0]).toBeCloseTo((1 - 0.5) / 0.5, 6); // red plane
    expect(out.data[24]).toBeCloseTo((0 - 0.25) / 0.25, 6); // green plane
    expect(out.data[48]).toBeCloseTo(0.2, 6); // blue plane
  });

  it('swaps to BGR when the config says so, and skips what is switched off', () => {
    const out = preprocess(solid(2, 2, [10, 20, 30, 255]), { do_resize: false, do_rescale: false, do_normalize: false, channel_order: 'BGR' });
    expect(out.dims).toEqual([1, 3, 2, 2]);
    expect([out.data[0], out.data[4], out.data[8]]).toEqual([30, 20, 10]);
  });
});

describe('ViT preprocessing (vit-gpt2, distilvit)', () => {
  const vit = { do_resize: true, size: 224, do_rescale: true, rescale_factor: 1 / 255, do_normalize: true, image_mean: [0.5, 0.5, 0.5], image_std: [0.5, 0.5, 0.5] };

  it('maps 0 → −1 and 255 → 1 in channel-first planes, and reads the legacy bare-number size', () => {
    const image = solid(300, 150, [0, 255, 128, 255]);
    const bare = preprocess(image, readPreprocessor(vit));
    const sized = preprocess(image, readPreprocessor({ ...vit, size: { height: 224, width: 224 } }));
    expect(bare.dims).toEqual([1, 3, 224, 224]);
    expect(sized.data).toEqual(bare.data);
    const plane = 224 * 224;
    expect(bare.data[0]).toBeCloseTo(-1, 6);
    expect(bare.data[plane + 5]).toBeCloseTo(1, 6);
    expect(bare.data[2 * plane + 9]).toBeCloseTo(128 / 127.5 - 1, 6);
  });

  it.each([
    [{ do_center_crop: true, crop_size: 224 }, /center crop/],
    [{ do_pad: true }, /pad/],
    [{ do_thumbnail: true }, /thumbnail/],
    [{ size: { longest_edge: 224 } }, /size \{"longest_edge":224\}/],
    [{ image_mean: [0.5] }, /image_mean should be three numbers/],
    [{ image_std: [0.5, 0, 0.5] }, /zero/],
    [{ rescale_factor: '1/255' }, /rescale_factor should be a number/],
  ])('refuses what it cannot honour, naming preprocessor_config.json (%o)', (edit, message) => {
    try {
      readPreprocessor({ ...vit, ...edit });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ModelError);
      expect(error).toMatchObject({ code: 'model-invalid', file: 'preprocessor_config.json' });
      expect((error as ModelError).message).toMatch(message);
    }
  });
});
