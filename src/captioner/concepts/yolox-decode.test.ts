import { describe, expect, it } from 'vitest';
import { anchorCount, decodeYolox } from './yolox-decode';

const CLASSES = 80;
const COLS = 5 + CLASSES;

/** An all-background output with one anchor set. */
function output(size: { width: number; height: number }, row: number, values: { tx: number; ty: number; tw: number; th: number; obj: number; cls: Record<number, number> }): Float32Array {
  const data = new Float32Array(anchorCount(size) * COLS);
  const o = row * COLS;
  data.set([values.tx, values.ty, values.tw, values.th, values.obj], o);
  for (const [c, p] of Object.entries(values.cls)) data[o + 5 + Number(c)] = p;
  return data;
}

describe('anchorCount', () => {
  it('matches the shipped graph: 3549 rows at 416×416', () => {
    expect(anchorCount({ width: 416, height: 416 })).toBe(52 * 52 + 26 * 26 + 13 * 13);
    expect(anchorCount({ width: 416, height: 416 })).toBe(3549);
    expect(anchorCount({ width: 320, height: 320 })).toBe(2100);
    expect(anchorCount({ width: 256, height: 256 })).toBe(1344);
  });
});

describe('decodeYolox', () => {
  const size = { width: 416, height: 416 };

  it('places a stride-8 anchor by its grid cell: x = (tx + gx)·8, w = exp(tw)·8', () => {
    // Row 52·3 + 5 is cell (gx 5, gy 3) of the 52×52 grid.
    const data = output(size, 52 * 3 + 5, { tx: 0.5, ty: 0.25, tw: Math.log(4), th: Math.log(2), obj: 0.9, cls: { 16: 0.8, 0: 0.3 } });
    const [b, ...rest] = decodeYolox(data, size, CLASSES, 0.05);
    expect(rest).toEqual([]);
    expect(b!.classId).toBe(16);
    expect(b!.score).toBeCloseTo(0.72, 6);
    // centre (5.5·8, 3.25·8) = (44, 26); size 32×16.
    expect(b!.x1).toBeCloseTo(44 - 16, 4);
    expect(b!.x2).toBeCloseTo(44 + 16, 4);
    expect(b!.y1).toBeCloseTo(26 - 8, 4);
    expect(b!.y2).toBeCloseTo(26 + 8, 4);
  });

  it('uses stride 16 and 32 for the later rows', () => {
    const s16 = 52 * 52 + 26 * 2 + 1; // (gx 1, gy 2) of 26×26
    const [b16] = decodeYolox(output(size, s16, { tx: 0, ty: 0, tw: 0, th: 0, obj: 1, cls: { 2: 1 } }), size, CLASSES, 0.05);
    expect([b16!.x1 + 8, b16!.y1 + 8]).toEqual([16, 32]);
    expect(b16!.x2 - b16!.x1).toBeCloseTo(16, 6);
    const s32 = 52 * 52 + 26 * 26 + 13 * 12 + 12; // last cell of 13×13
    const [b32] = decodeYolox(output(size, s32, { tx: 0, ty: 0, tw: 0, th: 0, obj: 1, cls: { 0: 1 } }), size, CLASSES, 0.05);
    expect([b32!.x1 + 16, b32!.y1 + 16]).toEqual([384, 384]);
  });

  it('scores objectness × best class probability and drops anchors under the floor', () => {
    const data = output(size, 0, { tx: 0, ty: 0, tw: 0, th: 0, obj: 0.2, cls: { 1: 0.2 } });
    expect(decodeYolox(data, size, CLASSES, 0.05)).toEqual([]);
    const kept = decodeYolox(data, size, CLASSES, 0.04);
    expect(kept).toHaveLength(1);
    expect(kept[0]!.score).toBeCloseTo(0.04, 6);
  });

  it('handles non-square inputs, whose grids are W/s by H/s', () => {
    const wide = { width: 416, height: 256 };
    expect(anchorCount(wide)).toBe(52 * 32 + 26 * 16 + 13 * 8);
    // Row 52 is (gx 0, gy 1) on the 52-wide stride-8 grid.
    const [b] = decodeYolox(output(wide, 52, { tx: 0, ty: 0, tw: 0, th: 0, obj: 1, cls: { 0: 1 } }), wide, CLASSES, 0.05);
    expect([b!.x1 + 4, b!.y1 + 4]).toEqual([0, 8]);
  });
});
