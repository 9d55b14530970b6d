/**
 * YOLOX input: the image scaled to fit the network input with its aspect kept,
 * placed top-left (as YOLOX's `preproc` does, so boxes map back by one
 * division and no offset), the rest filled with 114; BGR, 0–255, CHW float32.
 *
 * YOLOX resizes with OpenCV's bilinear filter. This uses the same separable
 * triangle filter as the captioner's `resizeRgba` (support widened when
 * shrinking, so large images don't alias; huge ones are first box-shrunk by
 * an integer factor), written straight into the BGR planes with precomputed
 * taps: `resizeRgba` plus a copy cost ~4× more, which mattered for the
 * detector's time budget. Alpha is flattened onto white, as for OCR.
 *
 * @example
 *   const input = letterbox(rgba, { width: 416, height: 416 });
 *   input.dims   // [1, 3, 416, 416]
 *   input.scale  // network pixels per image pixel
 */
import { shrinkBy } from '../ocr/det-preprocess';
import type { RgbaImage } from '../types';

/** YOLOX's padding grey. */
export const PAD_VALUE = 114;

export interface LetterboxInput {
  data: Float32Array;
  dims: [1, 3, number, number];
  /** Network pixels per image pixel: divide network coordinates by it to get image pixels. */
  scale: number;
  /** Size of the scaled image inside the input (the rest is padding). */
  contentWidth: number;
  contentHeight: number;
}

/** Scale and scaled size that fit `image` into `size`, aspect kept (YOLOX: r = min(H/h, W/w), sides truncated). */
export function letterboxSize(image: { width: number; height: number }, size: { width: number; height: number }): { scale: number; width: number; height: number } {
  const scale = Math.min(size.width / image.width, size.height / image.height);
  // The epsilon keeps 416/640·640 from truncating to 415.
  const fit = (side: number, limit: number): number => Math.max(1, Math.min(limit, Math.floor(side * scale + 1e-6)));
  return { scale, width: fit(image.width, size.width), height: fit(image.height, size.height) };
}

interface Taps {
  start: Int32Array;
  count: Int32Array;
  /** `stride` weights per output sample, normalised to sum 1. */
  weights: Float32Array;
  stride: number;
}

/** Triangle-filter taps from inSize samples to outSize (as preprocess.ts's filterWeights). */
function taps(inSize: number, outSize: number): Taps {
  const scale = inSize / outSize;
  const support = Math.max(1, scale);
  const stride = Math.ceil(support) * 2 + 1;
  const start = new Int32Array(outSize);
  const count = new Int32Array(outSize);
  const weights = new Float32Array(outSize * stride);
  for (let i = 0; i < outSize; i++) {
    const center = (i + 0.5) * scale;
    const first = Math.max(0, Math.floor(center - support));
    const end = Math.min(inSize, Math.ceil(center + support), first + stride);
    let sum = 0;
    for (let j = first; j < end; j++) {
      const w = Math.max(0, 1 - Math.abs((j + 0.5 - center) / support));
      weights[i * stride + j - first] = w;
      sum += w;
    }
    if (sum > 0) for (let k = 0; k < end - first; k++) weights[i * stride + k]! /= sum;
    start[i] = first;
    count[i] = end - first;
  }
  return { start, count, weights, stride };
}

/** RGBA pixels → the detector's letterboxed BGR CHW tensor data. */
export function letterbox(image: RgbaImage, size: { width: number; height: number }): LetterboxInput {
  const fit = letterboxSize(image, size);
  const factor = Math.floor(Math.min(image.width / fit.width, image.height / fit.height) / 2);
  const src = shrinkBy(image, factor);
  const { width: sw, height: sh, data: px } = src;
  const ow = fit.width;
  const oh = fit.height;
  // Horizontal pass: each source row → ow samples of B, G, R (alpha flattened onto white).
  const h = taps(sw, ow);
  const rows = new Float32Array(sh * ow * 3);
  for (let y = 0; y < sh; y++) {
    const rowIn = y * sw * 4;
    const rowOut = y * ow * 3;
    for (let x = 0; x < ow; x++) {
      let b = 0;
      let g = 0;
      let r = 0;
      const first = h.start[x]!;
      const n = h.count[x]!;
      const wBase = x * h.stride;
      for (let k = 0; k < n; k++) {
        const w = h.weights[wBase + k]!;
        const i = rowIn + (first + k) * 4;
        const a = px[i + 3]!;
        if (a === 255) {
          r += w * px[i]!;
          g += w * px[i + 1]!;
          b += w * px[i + 2]!;
        } else {
          const white = 255 - a;
          r += (w * (px[i]! * a + 255 * white)) / 255;
          g += (w * (px[i + 1]! * a + 255 * white)) / 255;
          b += (w * (px[i + 2]! * a + 255 * white)) / 255;
        }
      }
      rows[rowOut + x * 3] = b;
      rows[rowOut + x * 3 + 1] = g;
      rows[rowOut + x * 3 + 2] = r;
    }
  }
  // Vertical pass straight into the padded planes.
  const v = taps(sh, oh);
  const plane = size.width * size.height;
  const data = new Float32Array(3 * plane).fill(PAD_VALUE);
  for (let y = 0; y < oh; y++) {
    const first = v.start[y]!;
    const n = v.count[y]!;
    const wBase = y * v.stride;
    const o = y * size.width;
    for (let x = 0; x < ow; x++) {
      let b = 0;
      let g = 0;
      let r = 0;
      for (let k = 0; k < n; k++) {
        const w = v.weights[wBase + k]!;
        const i = ((first + k) * ow + x) * 3;
        b += w * rows[i]!;
        g += w * rows[i + 1]!;
        r += w * rows[i + 2]!;
      }
      data[o + x] = b;
      data[plane + o + x] = g;
      data[2 * plane + o + x] = r;
    }
  }
  return { data, dims: [1, 3, size.height, size.width], scale: fit.scale, contentWidth: ow, contentHeight: oh };
}
