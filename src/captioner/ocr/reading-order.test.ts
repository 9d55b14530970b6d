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
      ['left one here', 10, 40, 220], ['right one here', 290, 40, 220],
      ['left two here', 10, 70, 220], ['right two here', 290, 70, 220],
      ['left three here', 10, 100, 200], ['right three here', 290, 100, 220],
      ['left four here', 10, 130, 150],
      ['Footer across the page', 10, 170, 480],
    ]);
    expect(texts(columnOrder(page))).toEqual(['Title over both', 'left one here', 'left two here', 'left three here', 'left four here', 'right one here', 'right two here', 'right three here', 'Footer across the page']);
  });

  it('reads three columns left to right', () => {
    const page = rows([0, 30, 60].flatMap((y, r) => [[`aa ${r} of aa`, 0, y, 150], [`bb ${r} of bb`, 200, y, 150], [`cc ${r} of cc`, 400, y, 150]] as [string, number, number, number][]));
    expect(texts(columnOrder(page))).toEqual(['aa 0 of aa', 'aa 1 of aa', 'aa 2 of aa', 'bb 0 of bb', 'bb 1 of bb', 'bb 2 of bb', 'cc 0 of cc', 'cc 1 of cc', 'cc 2 of cc']);
  });

  it("keeps a receipt's items beside their prices, and short tables row by row", () => {
    const receipt = rows([
      ['NASI LEMAK AYAM', 10, 0, 200], ['12.50', 400, 0, 60],
      ['TEH TARIK', 10, 30, 120], ['3.00', 410, 30, 50],
      ['ROTI CANAI KOSONG', 10, 60, 230], ['2.40', 410, 60, 50],
      ['TOTAL', 10, 90, 70], ['17.90', 400, 90, 60],
    ]);
    expect(texts(columnOrder(receipt))).toEqual(['NASI LEMAK AYAM 12.50', 'TEH TARIK 3.00', 'ROTI CANAI KOSONG 2.40', 'TOTAL 17.90']);
    const amounts = rows([
      ['NASI LEMAK AYAM BESAR', 10, 0, 200], ['2 x 12.50 25.00', 230, 0, 150],
      ['TEH TARIK KURANG MANIS', 10, 30, 210], ['1 x 3.00 3.00', 240, 30, 140],
      ['ROTI CANAI KOSONG SATU', 10, 60, 230], ['1 x 2.40 2.40', 250, 60, 130],
    ]);
    expect(texts(columnOrder(amounts))).toEqual(['NASI LEMAK AYAM BESAR 2 x 12.50 25.00', 'TEH TARIK KURANG MANIS 1 x 3.00 3.00', 'ROTI CANAI KOSONG SATU 1 x 2.40 2.40']);
    const twoRows = rows([['left one here', 10, 0, 220], ['right one here', 290, 0, 220], ['left two here', 10, 30, 220], ['right two here', 290, 30, 220]]);
    expect(texts(columnOrder(twoRows))).toEqual(['left one here right one here', 'left two here right two here']);
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
