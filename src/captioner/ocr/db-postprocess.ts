/**
 * DB (Differentiable Binarization) post-processing, written by hand (no
 * OpenCV, no polygon clipper): probability map → text boxes.
 *
 * 1. threshold the map (`binaryThreshold`, PaddleOCR's 0.3);
 * 2. 8-connected components of the binary map;
 * 3. score each component = mean probability inside its bounding box
 *    (PaddleOCR's "fast" score), drop those under `boxThreshold` (0.6);
 * 4. unclip: the detector predicts shrunk text kernels, so each box grows by
 *    d = area × ratio / perimeter on every side (PaddleOCR's unclip distance
 *    for its polygon, here for the component's rectangle);
 * 5. drop boxes whose short side is under `minSize` (before and after unclip);
 * 6. map to image coordinates with the detector-to-image scale, clipped.
 *
 * Boxes are axis-aligned rectangles, not PaddleOCR's minimum-area rotated
 * rectangles: web text is almost always horizontal, and the crops that feed
 * recognition are rectangles anyway. Rotated text is read worse.
 *
 * @example
 *   const boxes = dbBoxes(prob, 640, 320, { scaleX: 1.5, scaleY: 1.5, imageWidth: 960, imageHeight: 480 });
 */
import type { Box } from './types';

export interface DbOptions {
  binaryThreshold?: number;
  boxThreshold?: number;
  unclipRatio?: number;
  /** Minimum short side in detector pixels (PaddleOCR: 3, then 3 + 2 after unclip). */
  minSize?: number;
  maxCandidates?: number;
  /** Image pixels per map pixel. */
  scaleX?: number;
  scaleY?: number;
  /** Boxes are clipped to the image. */
  imageWidth?: number;
  imageHeight?: number;
}

export interface ScoredBox {
  box: Box;
  /** Mean probability inside the component's bounding box. */
  score: number;
}

export interface Component {
  x0: number;
  y0: number;
  x1: number; // inclusive
  y1: number; // inclusive
  pixels: number;
}

/** 8-connected components of `mask` (non-zero = on), by an explicit-stack flood fill. */
export function connectedComponents(mask: Uint8Array, width: number, height: number): Component[] {
  const labels = new Int32Array(width * height);
  const stack = new Int32Array(width * height);
  const components: Component[] = [];
  for (let start = 0; start < mask.length; start++) {
    if (!mask[start] || labels[start]) continue;
    const label = components.length + 1;
    const c: Component = { x0: width, y0: height, x1: -1, y1: -1, pixels: 0 };
    let top = 0;
    stack[top++] = start;
    labels[start] = label;
    while (top > 0) {
      const p = stack[--top]!;
      const x = p % width;
      const y = (p - x) / width;
      c.pixels++;
      if (x < c.x0) c.x0 = x;
      if (x > c.x1) c.x1 = x;
      if (y < c.y0) c.y0 = y;
      if (y > c.y1) c.y1 = y;
      for (let dy = -1; dy <= 1; dy++) {
        const ny = y + dy;
        if (ny < 0 || ny >= height) continue;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = x + dx;
          if ((dx === 0 && dy === 0) || nx < 0 || nx >= width) continue;
          const q = ny * width + nx;
          if (mask[q] && !labels[q]) {
            labels[q] = label;
            stack[top++] = q;
          }
        }
      }
    }
    components.push(c);
  }
  return components;
}

/** Mean of `prob` over the inclusive rectangle. */
export function meanInside(prob: Float32Array, width: number, c: Pick<Component, 'x0' | 'y0' | 'x1' | 'y1'>): number {
  let sum = 0;
  for (let y = c.y0; y <= c.y1; y++) for (let x = c.x0; x <= c.x1; x++) sum += prob[y * width + x]!;
  return sum / ((c.x1 - c.x0 + 1) * (c.y1 - c.y0 + 1));
}

/** Unclip distance for a w × h rectangle: area × ratio / perimeter. */
export function unclipDistance(w: number, h: number, ratio: number): number {
  return (w * h * ratio) / (2 * (w + h));
}

/** Probability map [height × width] → scored boxes in image coordinates, best score first. */
export function dbBoxes(prob: Float32Array, width: number, height: number, options: DbOptions = {}): ScoredBox[] {
  const thresh = options.binaryThreshold ?? 0.3;
  const boxThresh = options.boxThreshold ?? 0.6;
  const ratio = options.unclipRatio ?? 1.5;
  const minSize = options.minSize ?? 3;
  const sx = options.scaleX ?? 1;
  const sy = options.scaleY ?? 1;
  const imageWidth = options.imageWidth ?? width * sx;
  const imageHeight = options.imageHeight ?? height * sy;
  const mask = new Uint8Array(width * height);
  for (let i = 0; i < mask.length; i++) mask[i] = prob[i]! > thresh ? 1 : 0;
  const components = connectedComponents(mask, width, height)
    .sort((a, b) => b.pixels - a.pixels)
    .slice(0, options.maxCandidates ?? 1000);
  const out: ScoredBox[] = [];
  for (const c of components) {
    // Pixel-edge rectangle of the component, as a contour-based rectangle would measure it.
    const w = c.x1 - c.x0 + 1;
    const h = c.y1 - c.y0 + 1;
    if (Math.min(w, h) < minSize) continue;
    const score = meanInside(prob, width, c);
    if (score < boxThresh) continue;
    const d = unclipDistance(w, h, ratio);
    if (Math.min(w, h) + 2 * d < minSize + 2) continue;
    const x0 = Math.max(0, (c.x0 - d) * sx);
    const y0 = Math.max(0, (c.y0 - d) * sy);
    const x1 = Math.min(imageWidth, (c.x1 + 1 + d) * sx);
    const y1 = Math.min(imageHeight, (c.y1 + 1 + d) * sy);
    if (x1 - x0 < 1 || y1 - y0 < 1) continue;
    out.push({ box: [Math.round(x0), Math.round(y0), Math.round(x1 - x0), Math.round(y1 - y0)], score });
  }
  return out.sort((a, b) => b.score - a.score);
}
