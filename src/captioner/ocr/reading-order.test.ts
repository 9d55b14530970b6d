// Reading order (lines by vertical overlap, then left to right) and box unions.
import { describe, expect, it } from 'vitest';
import { readingOrder, unionArea, unionBox } from './reading-order';
import type { Box } from './types';

const item = (text: string, box: Box) => ({ text, box });

describe('readingOrder', () => {
  it('groups boxes that overlap vertically into lines, top to bottom, left to right', () => {
    const items = [item('world', [220, 14, 90, 30]), item('second', [10, 80, 120, 28]), item('hello', [10, 10, 100, 32]), item('line', [140, 84, 60, 26])];
    expect(readingOrder(items).map((line) => line.map((i) => i.text))).toEqual([['hello', 'world'], ['second', 'line']]);
  });

  it('keeps boxes that barely touch vertically on separate lines', () => {
    const items = [item('b', [0, 25, 50, 20]), item('a', [100, 0, 50, 28])];
    expect(readingOrder(items).map((line) => line.map((i) => i.text))).toEqual([['a'], ['b']]);
  });

  it('returns no lines for no boxes', () => {
    expect(readingOrder([])).toEqual([]);
  });
});

describe('unionBox / unionArea', () => {
  it('bounds boxes and measures overlapping areas once', () => {
    const boxes: Box[] = [[0, 0, 10, 10], [5, 5, 10, 10], [30, 0, 5, 5]];
    expect(unionBox(boxes)).toEqual([0, 0, 35, 15]);
    expect(unionArea(boxes)).toBe(100 + 100 - 25 + 25);
    expect(unionArea([[0, 0, 10, 10], [2, 2, 3, 3]])).toBe(100);
    expect(unionArea([])).toBe(0);
  });
});
