/**
 * Recognition input: each box is cropped from the original image, resized to
 * height 48 keeping its aspect ratio (width capped; longer lines are squeezed),
 * normalised like PaddleOCR's rec config ((x/255 − 0.5) / 0.5, BGR, CHW), and
 * right-padded with zeros (mid-grey) to the widest crop of its batch.
 *
 * @example
 *   const crops = boxes.map((b) => recognitionCrop(rgba, b, { maxWidth: 1280 }));
 *   const { data, dims } = recognitionBatch(crops);   // dims [n, 3, 48, W]
 */
import { resizeRgba } from '../preprocess';
import type { Box, RgbaImage } from './types';
import { rgbAt, shrinkBy } from './det-preprocess';

export const REC_HEIGHT = 48;

/** The box's pixels, copied out of the image. */
export function crop(image: RgbaImage, box: Box): RgbaImage {
  const x0 = Math.max(0, Math.min(image.width - 1, Math.floor(box[0])));
  const y0 = Math.max(0, Math.min(image.height - 1, Math.floor(box[1])));
  const width = Math.max(1, Math.min(image.width - x0, Math.round(box[2])));
  const height = Math.max(1, Math.min(image.height - y0, Math.round(box[3])));
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    const from = ((y0 + y) * image.width + x0) * 4;
    data.set(image.data.subarray(from, from + width * 4), y * width * 4);
  }
  return { width, height, data };
}

/**
 * The picture turned a quarter: `cw` turns it clockwise (text running top to
 * bottom becomes level), otherwise anticlockwise (text running bottom to top).
 */
export function quarterTurn(image: RgbaImage, cw: boolean): RgbaImage {
  const { width, height } = image;
  const data = new Uint8ClampedArray(width * height * 4);
  // The turned picture is height wide and width high.
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const tx = cw ? height - 1 - y : y;
      const ty = cw ? x : width - 1 - x;
      const from = (y * width + x) * 4;
      const to = (ty * height + tx) * 4;
      data[to] = image.data[from]!;
      data[to + 1] = image.data[from + 1]!;
      data[to + 2] = image.data[from + 2]!;
      data[to + 3] = image.data[from + 3]!;
    }
  }
  return { width: height, height: width, data };
}

/** Crop (turned a quarter first when `turn` says so) → RGBA strip of height 48, width ≤ maxWidth (at least 8). */
export function recognitionCrop(image: RgbaImage, box: Box, options: { maxWidth: number; turn?: 'cw' | 'ccw' }): RgbaImage {
  let strip = crop(image, box);
  if (options.turn) strip = quarterTurn(strip, options.turn === 'cw');
  // Tall boxes are shrunk by an integer factor first, so the exact resize stays small.
  strip = shrinkBy(strip, Math.floor(strip.height / (2 * REC_HEIGHT)));
  const width = Math.max(8, Math.min(options.maxWidth, Math.ceil((REC_HEIGHT * strip.width) / strip.height)));
  return resizeRgba(strip, width, REC_HEIGHT);
}

/** Strips of height 48 → one normalised batch tensor, each right-padded to the widest. */
export function recognitionBatch(strips: readonly RgbaImage[]): { data: Float32Array; dims: [number, 3, number, number] } {
  const width = Math.max(...strips.map((s) => s.width));
  const plane = REC_HEIGHT * width;
  const data = new Float32Array(strips.length * 3 * plane);
  strips.forEach((strip, n) => {
    for (let c = 0; c < 3; c++) {
      const src = 2 - c; // B, G, R
      const base = (n * 3 + c) * plane;
      for (let y = 0; y < REC_HEIGHT; y++) {
        for (let x = 0; x < strip.width; x++) data[base + y * width + x] = rgbAt(strip.data, (y * strip.width + x) * 4, src) / 127.5 - 1;
      }
    }
  });
  return { data, dims: [strips.length, 3, REC_HEIGHT, width] };
}
