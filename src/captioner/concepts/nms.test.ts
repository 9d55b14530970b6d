import { describe, expect, it } from 'vitest';
import { iou, nms } from './nms';
import type { ScoredBox } from './yolox-decode';

const box = (x1: number, y1: number, x2: number, y2: number, score: number, classId = 0): ScoredBox => ({ x1, y1, x2, y2, score, classId });

describe('iou', () => {
  it('is 1 for identical boxes, 0 for disjoint or touching ones', () => {
    expect(iou(box(0, 0, 10, 10, 1), box(0, 0, 10, 10, 1))).toBe(1);
    expect(iou(box(0, 0, 10, 10, 1), box(20, 20, 30, 30, 1))).toBe(0);
    expect(iou(box(0, 0, 10, 10, 1), box(10, 0, 20, 10, 1))).toBe(0);
  });

  it('is intersection over union for partial overlap', () => {
    // 5×10 overlap = 50; union = 100 + 100 − 50.
    expect(iou(box(0, 0, 10, 10, 1), box(5, 0, 15, 10, 1))).toBeCloseTo(50 / 150, 10);
    // A box inside another: inner area / outer area.
    expect(iou(box(0, 0, 10, 10, 1), box(2, 2, 7, 7, 1))).toBeCloseTo(25 / 100, 10);
  });

  it('is 0 when a box is empty', () => {
    expect(iou(box(5, 5, 5, 5, 1), box(0, 0, 10, 10, 1))).toBe(0);
  });
});

describe('nms', () => {
  it('drops a lower-scored box of the same class that overlaps more than the threshold', () => {
    const kept = nms([box(0, 0, 10, 10, 0.6), box(1, 0, 11, 10, 0.9), box(50, 50, 60, 60, 0.3)], 0.45);
    expect(kept.map((b) => b.score)).toEqual([0.9, 0.3]);
  });

  it('keeps overlapping boxes of different classes', () => {
    const kept = nms([box(0, 0, 10, 10, 0.9, 0), box(0, 0, 10, 10, 0.8, 16)], 0.45);
    expect(kept.map((b) => b.classId)).toEqual([0, 16]);
  });

  it('keeps a box whose overlap is exactly at or under the threshold', () => {
    // IoU 50/150 = 0.333 stays at threshold 0.45 and at 1/3, goes at 0.3.
    const pair = [box(0, 0, 10, 10, 0.9), box(5, 0, 15, 10, 0.8)];
    expect(nms(pair, 0.45)).toHaveLength(2);
    expect(nms(pair, 50 / 150)).toHaveLength(2);
    expect(nms(pair, 0.3)).toHaveLength(1);
  });

  it('suppresses only against kept boxes, not against dropped ones', () => {
    // B overlaps A (dropped); C overlaps B but not A, so C stays.
    const a = box(0, 0, 10, 10, 0.9);
    const b = box(2, 0, 12, 10, 0.8);
    const c = box(5, 0, 15, 10, 0.7);
    expect(iou(a, b)).toBeGreaterThan(0.45);
    expect(iou(a, c)).toBeLessThan(0.45);
    expect(iou(b, c)).toBeGreaterThan(0.45);
    expect(nms([c, b, a], 0.45)).toEqual([a, c]);
  });

  it('returns highest score first, ties in input order, at most maxBoxes', () => {
    const boxes = [box(0, 0, 1, 1, 0.5), box(10, 10, 11, 11, 0.7), box(20, 20, 21, 21, 0.5), box(30, 30, 31, 31, 0.2)];
    expect(nms(boxes, 0.45)).toEqual([boxes[1], boxes[0], boxes[2], boxes[3]]);
    expect(nms(boxes, 0.45, 2)).toEqual([boxes[1], boxes[0]]);
    expect(nms([], 0.45)).toEqual([]);
  });
});
