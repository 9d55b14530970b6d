/**
 * Reading order: boxes are grouped into lines when they overlap vertically
 * (by at least half the shorter box's height, measured against the line's
 * running extent), lines go top to bottom, and boxes within a line left to right.
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
