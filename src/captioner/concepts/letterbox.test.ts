import { describe, expect, it } from 'vitest';
import { letterbox, letterboxSize, PAD_VALUE } from './letterbox';
import type { RgbaImage } from '../types';

function solid(width: number, height: number, rgba: [number, number, number, number]): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let i = 0; i < width * height; i++) data.set(rgba, i * 4);
  return { width, height, data };
}

describe('letterboxSize', () => {
  it('fits the longer side and keeps the aspect ratio, truncating like YOLOX', () => {
    expect(letterboxSize({ width: 640, height: 480 }, { width: 416, height: 416 })).toEqual({ scale: 0.65, width: 416, height: 312 });
    expect(letterboxSize({ width: 300, height: 1000 }, { width: 416, height: 416 })).toEqual({ scale: 0.416, width: 124, height: 416 });
    // Enlarges small images too.
    expect(letterboxSize({ width: 224, height: 224 }, { width: 416, height: 416 }).width).toBe(416);
  });
});

describe('letterbox', () => {
  it('puts the image top-left in BGR order and pads the rest with 114', () => {
    const input = letterbox(solid(200, 100, [10, 20, 30, 255]), { width: 64, height: 64 });
    expect(input.dims).toEqual([1, 3, 64, 64]);
    expect(input.scale).toBeCloseTo(0.32, 10);
    expect([input.contentWidth, input.contentHeight]).toEqual([64, 32]);
    const plane = 64 * 64;
    const at = (c: number, x: number, y: number): number => input.data[c * plane + y * 64 + x]!;
    // Content rows 0..31: B, G, R planes.
    expect([at(0, 0, 0), at(1, 0, 0), at(2, 0, 0)].map(Math.round)).toEqual([30, 20, 10]);
    expect([at(0, 63, 31), at(1, 63, 31), at(2, 63, 31)].map(Math.round)).toEqual([30, 20, 10]);
    // Padding below.
    expect([at(0, 0, 32), at(1, 30, 50), at(2, 63, 63)]).toEqual([PAD_VALUE, PAD_VALUE, PAD_VALUE]);
  });

  it('keeps pixel values on the 0–255 scale and flattens transparency onto white', () => {
    const input = letterbox(solid(32, 32, [0, 0, 0, 0]), { width: 32, height: 32 });
    expect(Math.round(input.data[0]!)).toBe(255);
    const opaque = letterbox(solid(32, 32, [255, 128, 0, 255]), { width: 32, height: 32 });
    expect([opaque.data[0], opaque.data[1024], opaque.data[2048]].map((v) => Math.round(v!))).toEqual([0, 128, 255]);
  });

  it('maps a feature back through the scale: a bright column stays where it was', () => {
    const image = solid(400, 200, [0, 0, 0, 255]);
    for (let y = 0; y < 200; y++) for (let x = 300; x < 310; x++) image.data.set([255, 255, 255, 255], (y * 400 + x) * 4);
    const input = letterbox(image, { width: 416, height: 416 });
    const row = Array.from({ length: 416 }, (_, x) => input.data[100 * 416 + x]!);
    const brightest = row.indexOf(Math.max(...row));
    expect(brightest / input.scale).toBeGreaterThanOrEqual(299);
    expect(brightest / input.scale).toBeLessThanOrEqual(310);
  });
});

describe('letterbox resampling', () => {
  it('matches the captioner resize (resizeRgba) on a photo-like image, up and down', async () => {
    const { resizeRgba } = await import('../preprocess');
    const width = 300;
    const height = 200;
    const data = new Uint8ClampedArray(width * height * 4);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) data.set([(x * 7 + y * 3) % 256, (x * y) % 256, (255 - x) & 255, 255], (y * width + x) * 4);
    }
    const image = { width, height, data };
    for (const target of [416, 160]) {
      const input = letterbox(image, { width: target, height: target });
      const ref = resizeRgba(image, input.contentWidth, input.contentHeight);
      const plane = target * target;
      let worst = 0;
      for (let y = 0; y < input.contentHeight; y++) {
        for (let x = 0; x < input.contentWidth; x++) {
          const i = (y * input.contentWidth + x) * 4;
          for (const [c, rgb] of [[0, 2], [1, 1], [2, 0]] as const) worst = Math.max(worst, Math.abs(input.data[c * plane + y * target + x]! - ref.data[i + rgb]!));
        }
      }
      // resizeRgba rounds to whole values; the letterbox keeps the fraction.
      expect(worst).toBeLessThanOrEqual(0.51);
    }
  });
});
