// Reading order (lines by vertical overlap, then left to right) and box unions.
import { describe, expect, it } from 'vitest';
import { columnOrder, readingOrder, unionArea, unionBox } from './reading-order';
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

/** Words as boxes 20 px high: [text, x, y, width]. */
const rows = (words: [string, number, number, number][]) => readingOrder(words.map(([t, x, y, w]) => item(t, [x, y, w, 20])));
const texts = (lines: { text: string }[][]) => lines.map((line) => line.map((i) => i.text).join(' '));

describe('columnOrder', () => {
  it('reads two columns under a title one after the other, and the footer after both', () => {
    const page = rows([
      ['Title over both', 10, 0, 500],
      ['left one', 10, 40, 220], ['right one', 290, 40, 220],
      ['left two', 10, 70, 220], ['right two', 290, 70, 220],
      ['left three', 10, 100, 200], ['right three', 290, 100, 220],
      ['left four', 10, 130, 150],
      ['Footer across the page', 10, 170, 480],
    ]);
    expect(texts(columnOrder(page))).toEqual(['Title over both', 'left one', 'left two', 'left three', 'left four', 'right one', 'right two', 'right three', 'Footer across the page']);
  });

  it('reads three columns left to right', () => {
    const page = rows([0, 30, 60].flatMap((y, r) => [['a' + r, 0, y, 150], ['b' + r, 200, y, 150], ['c' + r, 400, y, 150]] as [string, number, number, number][]));
    expect(texts(columnOrder(page))).toEqual(['a0', 'a1', 'a2', 'b0', 'b1', 'b2', 'c0', 'c1', 'c2']);
  });

  it("keeps a receipt's items beside their prices, and short tables row by row", () => {
    const receipt = rows([
      ['NASI LEMAK AYAM', 10, 0, 200], ['12.50', 400, 0, 60],
      ['TEH TARIK', 10, 30, 120], ['3.00', 410, 30, 50],
      ['ROTI CANAI KOSONG', 10, 60, 230], ['2.40', 410, 60, 50],
      ['TOTAL', 10, 90, 70], ['17.90', 400, 90, 60],
    ]);
    expect(texts(columnOrder(receipt))).toEqual(['NASI LEMAK AYAM 12.50', 'TEH TARIK 3.00', 'ROTI CANAI KOSONG 2.40', 'TOTAL 17.90']);
    const twoRows = rows([['left one', 10, 0, 220], ['right one', 290, 0, 220], ['left two', 10, 30, 220], ['right two', 290, 30, 220]]);
    expect(texts(columnOrder(twoRows))).toEqual(['left one right one', 'left two right two']);
  });

  it('leaves single-column text and no text as they are', () => {
    const prose = rows([['The first line of text', 10, 0, 400], ['and the second one', 10, 30, 350], ['ends here.', 10, 60, 160]]);
    expect(columnOrder(prose)).toEqual(prose);
    expect(columnOrder([])).toEqual([]);
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
