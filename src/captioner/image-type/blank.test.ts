import { describe, expect, it } from 'vitest';
import { blankPicture } from './blank';

function image(width: number, height: number, pixel: (x: number, y: number) => [number, number, number, number]) {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(pixel(x, y), (y * width + x) * 4);
  return { width, height, data };
}

describe('blankPicture', () => {
  it('calls a fully transparent picture, whatever its hidden colour, transparent', () => {
    expect(blankPicture(image(1, 1, () => [0, 0, 0, 0]))).toBe('fully transparent');
    expect(blankPicture(image(300, 200, (x) => [x % 255, 10, 200, 3]))).toBe('fully transparent');
  });
  it('calls one flat colour, or colour with a few stray pixels of noise, flat', () => {
    expect(blankPicture(image(400, 300, () => [230, 230, 235, 255]))).toBe('one flat colour');
    expect(blankPicture(image(400, 300, (x, y) => (x === 7 && y === 9 ? [0, 0, 0, 255] : [40, 90, 200, 255])))).toBe('one flat colour');
    expect(blankPicture(image(2, 2, () => [255, 255, 255, 255]))).toBe('one flat colour');
  });
  it('does not call a picture with anything in it blank', () => {
    // A white page with one short black line of text (a 1-px-high rule would be under 0.1% of the grid).
    expect(blankPicture(image(400, 300, (x, y) => (y > 140 && y < 150 && x > 100 && x < 300 ? [0, 0, 0, 255] : [255, 255, 255, 255])))).toBeNull();
    // A soft gradient (a sky): every row a little different.
    expect(blankPicture(image(200, 200, (_x, y) => [120, 160, 100 + y, 255]))).toBeNull();
    // A logo mark on a transparent background.
    expect(blankPicture(image(100, 100, (x, y) => ((x - 50) ** 2 + (y - 50) ** 2 < 400 ? [200, 30, 30, 255] : [0, 0, 0, 0])))).toBeNull();
  });
});
