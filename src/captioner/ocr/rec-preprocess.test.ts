import { describe, expect, it } from 'vitest';
import { quarterTurn } from './rec-preprocess';
import type { RgbaImage } from './types';

/** A w×h picture whose pixel (x, y) has red x and green y. */
function grid(width: number, height: number): RgbaImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set([x, y, 7, 255], (y * width + x) * 4);
  return { width, height, data };
}
const at = (image: RgbaImage, x: number, y: number): number[] => Array.from(image.data.subarray((y * image.width + x) * 4, (y * image.width + x) * 4 + 4));

describe('quarterTurn', () => {
  it('turns clockwise: the bottom-left corner becomes the top-left', () => {
    const turned = quarterTurn(grid(3, 2), true);
    expect([turned.width, turned.height]).toEqual([2, 3]);
    expect(at(turned, 0, 0)).toEqual([0, 1, 7, 255]);
    expect(at(turned, 1, 0)).toEqual([0, 0, 7, 255]);
    expect(at(turned, 0, 2)).toEqual([2, 1, 7, 255]);
  });

  it('turns anticlockwise: the top-right corner becomes the top-left, and four turns give the picture back', () => {
    const image = grid(3, 2);
    const turned = quarterTurn(image, false);
    expect(at(turned, 0, 0)).toEqual([2, 0, 7, 255]);
    expect(at(turned, 1, 2)).toEqual([0, 1, 7, 255]);
    let back = image;
    for (let i = 0; i < 4; i++) back = quarterTurn(back, false);
    expect(back).toEqual(image);
    expect(quarterTurn(quarterTurn(image, true), false)).toEqual(image);
  });
});
