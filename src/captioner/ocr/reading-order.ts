/**
 * Reading order: boxes are grouped into lines when they overlap vertically
 * (by at least half the shorter box's height, measured against the line's
 * running extent), lines go top to bottom, and boxes within a line left to right.
 * Then `columnOrder` reads text set in columns one column after the other.
 *
 * @example
 *   readingOrder([{ box: [200, 10, 50, 20] }, { box: [10, 12, 80, 20] }, { box: [10, 60, 80, 20] }])
 *   // [[second, first], [third]]
 */
import type { Box } from './types';

export function verticalOverlap(a: Box, b: Box): number {
  return Math.min(a[1] + a[3], b[1] + b[3]) - Math.max(a[1], b[1]);
}

export function readingOrder<T extends { box: Box }>(items: readonly T[]): T[][] {
  const byTop = [...items].sort((a, b) => a.box[1] + a.box[3] / 2 - (b.box[1] + b.box[3] / 2));
  const lines: { items: T[]; top: number; bottom: number }[] = [];
  for (const item of byTop) {
    const [, y, , h] = item.box;
    let target: (typeof lines)[number] | undefined;
    let bestOverlap = 0;
    for (const line of lines) {
      const lineHeight = line.bottom - line.top;
      const overlap = Math.min(y + h, line.bottom) - Math.max(y, line.top);
      if (overlap >= 0.5 * Math.min(h, lineHeight) && overlap > bestOverlap) {
        bestOverlap = overlap;
        target = line;
      }
    }
    if (target) {
      target.items.push(item);
      target.top = Math.min(target.top, y);
      target.bottom = Math.max(target.bottom, y + h);
    } else {
      lines.push({ items: [item], top: y, bottom: y + h });
    }
  }
  return lines
    .sort((a, b) => a.top + a.bottom - (b.top + b.bottom))
    .map((line) => line.items.sort((a, b) => a.box[0] - b.box[0]));
}

/** A gutter between columns is at least this many text heights wide (the OCR setting `columnGutter`)… */
export const COLUMN_GUTTER = 1.5;
/** …with lines on both sides in at least this many rows… */
const MIN_COLUMN_ROWS = 3;
/** …whose text is typically at least this many text heights long on each side (a receipt's prices are not a column). */
const MIN_COLUMN_HEIGHTS = 4;
/** …and a gutter at most this share of the narrower side's text length. */
const MAX_GUTTER_SHARE = 0.5;
/** …and running text on each side: rows of at least this many words with letters (a receipt's amounts and codes are not). */
const MIN_COLUMN_WORDS = 3;
const LETTERS = /\p{L}{2}/u;

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted.length ? sorted[Math.floor(sorted.length / 2)]! : 0;
}

/**
 * Text in columns, one column after the other. Rows (from `readingOrder`)
 * that share a gutter, an upright strip crossed by no box in any of them,
 * form a block; a block with text on both sides in enough rows, and running
 * text on each side (long rows of words, a narrow gutter beside them: not a
 * receipt's items and prices), is read as its left column's rows and then its right
 * column's (each side again split the same way, for three columns). Rows a
 * box crosses the gutter of (a title over both columns) end the block, and
 * everything else keeps its place.
 *
 * @example
 *   // two columns of three rows each: left rows first, then right rows
 *   columnOrder(readingOrder(boxes))
 */
export function columnOrder<T extends { box: Box; text: string }>(rows: readonly T[][], gutterHeights = COLUMN_GUTTER): T[][] {
  const height = median(rows.flat().map((i) => i.box[3]));
  if (!height) return rows.map((r) => [...r]);
  const out: T[][] = [];
  let i = 0;
  while (i < rows.length) {
    const block = columnBlock(rows, i, height * gutterHeights, height);
    if (!block) {
      out.push([...rows[i]!]);
      i++;
      continue;
    }
    const left = block.rows.map((r) => r.filter((item) => item.box[0] + item.box[2] <= block.gutter)).filter((r) => r.length);
    const right = block.rows.map((r) => r.filter((item) => item.box[0] >= block.gutter)).filter((r) => r.length);
    out.push(...columnOrder(left, gutterHeights), ...columnOrder(right, gutterHeights));
    i += block.rows.length;
  }
  return out;
}

/** The longest block of rows from `start` sharing a gutter that qualifies as two columns, or null. */
function columnBlock<T extends { box: Box; text: string }>(rows: readonly T[][], start: number, minGutter: number, height: number): { rows: T[][]; gutter: number } | null {
  const gaps = (row: T[]): [number, number][] => {
    const out: [number, number][] = [];
    for (let k = 1; k < row.length; k++) {
      const from = Math.max(...row.slice(0, k).map((b) => b.box[0] + b.box[2]));
      const to = Math.min(...row.slice(k).map((b) => b.box[0]));
      if (to - from >= minGutter) out.push([from, to]);
    }
    return out;
  };
  // Every gap of the first row is a candidate gutter; a later row keeps it open if it has a gap overlapping it
  // widely enough, or sits wholly on one side of it (one column ran longer than the other).
  let best: { rows: T[][]; gutter: number } | null = null;
  for (const first of gaps(rows[start]!)) {
    let [g0, g1] = first;
    let end = start + 1;
    for (; end < rows.length; end++) {
      const row = rows[end]!;
      const open = gaps(row).map(([a, b]): [number, number] => [Math.max(a, g0), Math.min(b, g1)]).find(([a, b]) => b - a >= minGutter);
      if (open) [g0, g1] = open;
      else if (!row.every((b) => b.box[0] + b.box[2] <= g0) && !row.every((b) => b.box[0] >= g1)) break;
    }
    const block = rows.slice(start, end);
    const gutter = (g0 + g1) / 2;
    const isLeft = (b: T): boolean => b.box[0] + b.box[2] <= gutter;
    const isRight = (b: T): boolean => b.box[0] >= gutter;
    const both = block.filter((r) => r.some(isLeft) && r.some(isRight));
    /** One side's typical row: its length (px) and how many words with letters it holds. */
    const side = (on: (b: T) => boolean): { length: number; words: number } => {
      const parts = block.map((r) => r.filter(on)).filter((r) => r.length);
      return {
        length: median(parts.map((r) => unionBox(r.map((b) => b.box))[2])),
        words: median(parts.map((r) => r.map((b) => b.text).join(' ').split(/\s+/).filter((w) => LETTERS.test(w)).length)),
      };
    };
    const [left, right] = [side(isLeft), side(isRight)];
    const narrower = Math.min(left.length, right.length);
    // Typeset columns are long rows of words beside a narrow gutter; a receipt's gap between an item and its price is not a gutter.
    const long = narrower >= MIN_COLUMN_HEIGHTS * height && g1 - g0 <= MAX_GUTTER_SHARE * narrower && Math.min(left.words, right.words) >= MIN_COLUMN_WORDS;
    if (both.length >= MIN_COLUMN_ROWS && long && (!best || block.length > best.rows.length)) best = { rows: block, gutter };
  }
  return best;
}

/** Smallest box holding all of `boxes`. */
export function unionBox(boxes: readonly Box[]): Box {
  const x0 = Math.min(...boxes.map((b) => b[0]));
  const y0 = Math.min(...boxes.map((b) => b[1]));
  const x1 = Math.max(...boxes.map((b) => b[0] + b[2]));
  const y1 = Math.max(...boxes.map((b) => b[1] + b[3]));
  return [x0, y0, x1 - x0, y1 - y0];
}

/** Area of the union of boxes (exact: x slabs × merged y intervals). */
export function unionArea(boxes: readonly Box[]): number {
  const xs = [...new Set(boxes.flatMap((b) => [b[0], b[0] + b[2]]))].sort((a, b) => a - b);
  let area = 0;
  for (let i = 0; i + 1 < xs.length; i++) {
    const left = xs[i]!;
    const right = xs[i + 1]!;
    const spans = boxes
      .filter((b) => b[0] <= left && b[0] + b[2] >= right && b[2] > 0 && b[3] > 0)
      .map((b) => [b[1], b[1] + b[3]] as const)
      .sort((a, b) => a[0] - b[0]);
    let covered = 0;
    let end = -Infinity;
    for (const [s, e] of spans) {
      if (e <= end) continue;
      covered += e - Math.max(s, end);
      end = e;
    }
    area += covered * (right - left);
  }
  return area;
}
