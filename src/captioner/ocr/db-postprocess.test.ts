// DB post-processing on hand-made probability maps: components, box score,
// unclip, size filter, scaling back to the image.
import { describe, expect, it } from 'vitest';
import { connectedComponents, dbBoxes, unclipDistance } from './db-postprocess';

/** A width × height map with the given rectangles filled with a probability. */
function map(width: number, height: number, rects: [x: number, y: number, w: number, h: number, p: number][]): Float32Array {
  const prob = new Float32Array(width * height);
  for (const [x0, y0, w, h, p] of rects) for (let y = y0; y < y0 + h; y++) for (let x = x0; x < x0 + w; x++) prob[y * width + x] = p;
  return prob;
}

describe('connectedComponents', () => {
  it('joins diagonal neighbours (8-connectivity) and keeps separate blobs apart', () => {
    const mask = new Uint8Array([
      1, 0, 0, 0, 1,
      0, 1, 0, 0, 1,
      0, 0, 0, 0, 0,
    ]);
    const parts = connectedComponents(mask, 5, 3);
    expect(parts).toHaveLength(2);
    expect(parts[0]).toEqual({ x0: 0, y0: 0, x1: 1, y1: 1, pixels: 2 });
    expect(parts[1]).toEqual({ x0: 4, y0: 0, x1: 4, y1: 1, pixels: 2 });
  });
});

describe('dbBoxes', () => {
  it('keeps confident text kernels, unclipped by area × ratio / perimeter', () => {
    const prob = map(100, 40, [[10, 10, 40, 10, 0.9]]);
    const [only, ...rest] = dbBoxes(prob, 100, 40, { unclipRatio: 1.5 });
    expect(rest).toHaveLength(0);
    const d = unclipDistance(40, 10, 1.5); // 40·10·1.5 / 100 = 6
    expect(d).toBe(6);
    expect(only!.box).toEqual([10 - 6, 10 - 6, 40 + 12, 10 + 12]);
    expect(only!.score).toBeCloseTo(0.9, 5);
  });

  it('drops blobs under the box threshold, under the binary threshold, and too small', () => {
    const prob = map(120, 60, [
      [5, 5, 30, 8, 0.5], // above 0.3 but mean 0.5 < 0.6
      [50, 5, 30, 8, 0.2], // never above the binary threshold
      [5, 40, 2, 2, 0.95], // short side 2 < 3
      [50, 40, 40, 10, 0.8], // kept
    ]);
    const boxes = dbBoxes(prob, 120, 60, { binaryThreshold: 0.3, boxThreshold: 0.6 });
    expect(boxes).toHaveLength(1);
    expect(boxes[0]!.box[0]).toBeLessThan(50);
  });

  it('scores by the mean inside the bounding box, so a sparse blob scores low', () => {
    // An L-shaped component: its bounding box is mostly empty.
    const prob = map(60, 60, [[10, 10, 40, 4, 0.9], [10, 10, 4, 40, 0.9]]);
    expect(dbBoxes(prob, 60, 60)).toHaveLength(0);
    expect(dbBoxes(prob, 60, 60, { boxThreshold: 0.1 })).toHaveLength(1);
  });

  it('maps boxes to image coordinates and clips them to the image', () => {
    const prob = map(64, 32, [[0, 0, 20, 8, 1], [40, 20, 20, 8, 0.7]]);
    const boxes = dbBoxes(prob, 64, 32, { scaleX: 2, scaleY: 3, imageWidth: 128, imageHeight: 96, unclipRatio: 1.5 });
    expect(boxes.map((b) => b.score)).toEqual([1, expect.closeTo(0.7, 5)]);
    const [first, second] = boxes.map((b) => b.box);
    expect(first!.slice(0, 2)).toEqual([0, 0]); // clipped at the top-left corner
    const d = unclipDistance(20, 8, 1.5);
    expect(second).toEqual([Math.round((40 - d) * 2), Math.round((20 - d) * 3), Math.round((20 + 2 * d) * 2), Math.round(Math.min(96, (28 + d) * 3) - (20 - d) * 3)]);
    for (const [x, y, w, h] of [first!, second!]) {
      expect(x + w).toBeLessThanOrEqual(128);
      expect(y + h).toBeLessThanOrEqual(96);
    }
  });

  it('finds nothing in an empty map', () => {
    expect(dbBoxes(new Float32Array(32 * 32), 32, 32)).toEqual([]);
  });
});
