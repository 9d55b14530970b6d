/**
 * Detection input: resize keeping the aspect ratio so both sides are multiples
 * of 32 (the DB detector downsamples by 32), longest side capped, then
 * normalise like PaddleOCR's det config: x/255, mean [0.485, 0.456, 0.406],
 * std [0.229, 0.224, 0.225], CHW float32.
 *
 * Channel order: PaddleOCR decodes images with OpenCV, so its models were
 * trained on BGR and the mean/std lists apply to B, G, R in that order. This
 * file feeds BGR the same way (measured: see ocr.test.ts / README).
 *
 * @example
 *   const { data, dims, scaleX, scaleY } = detectionInput(rgba, { maxSide: 960, minSide: 320 });
 */
import { resizeRgba } from '../preprocess';
import type { RgbaImage } from '../types';

export const DET_MEAN = [0.485, 0.456, 0.406] as const;
export const DET_STD = [0.229, 0.224, 0.225] as const;

export interface DetectionInput {
  data: Float32Array;
  dims: [1, 3, number, number];
  /** Original pixels per detector pixel, horizontally and vertically. */
  scaleX: number;
  scaleY: number;
}

/** Detector input size: aspect kept, longest side ≤ maxSide (and ≥ minSide), each side a multiple of 32, at least 32. */
export function detectionSize(width: number, height: number, maxSide: number, minSide: number): { width: number; height: number } {
  const longest = Math.max(width, height);
  let scale = 1;
  if (longest > maxSide) scale = maxSide / longest;
  else if (longest < minSide) scale = minSide / longest;
  const round32 = (v: number): number => Math.max(32, Math.round((v * scale) / 32) * 32);
  return { width: Math.min(round32(width), Math.ceil(maxSide / 32) * 32), height: Math.min(round32(height), Math.ceil(maxSide / 32) * 32) };
}

/**
 * Cheap integer box-average shrink, so the exact resize never has to hold a
 * float copy of a huge image: at most `factor`² source pixels per output pixel.
 */
export function shrinkBy(image: RgbaImage, factor: number): RgbaImage {
  if (factor <= 1) return image;
  const width = Math.max(1, Math.floor(image.width / factor));
  const height = Math.max(1, Math.floor(image.height / factor));
  const out = new Uint8ClampedArray(width * height * 4);
  const sums = new Float64Array(width * 4);
  for (let y = 0; y < height; y++) {
    sums.fill(0);
    for (let dy = 0; dy < factor; dy++) {
      const row = (y * factor + dy) * image.width;
      for (let x = 0; x < width; x++) {
        for (let dx = 0; dx < factor; dx++) {
          const i = (row + x * factor + dx) * 4;
          for (let c = 0; c < 4; c++) sums[x * 4 + c] = sums[x * 4 + c]! + image.data[i + c]!;
        }
      }
    }
    const n = factor * factor;
    for (let k = 0; k < width * 4; k++) out[y * width * 4 + k] = sums[k]! / n;
  }
  return { width, height, data: out };
}

/**
 * Flattens alpha onto white: transparent logos and banners are drawn on light
 * pages far more often than on dark ones, and the models never saw alpha.
 */
export function rgbAt(data: RgbaImage['data'], i: number, channel: number): number {
  const a = data[i + 3]!;
  const v = data[i + channel]!;
  return a === 255 ? v : (v * a + 255 * (255 - a)) / 255;
}

/** RGBA → normalised BGR CHW tensor data for the detector. */
export function detectionInput(image: RgbaImage, options: { maxSide: number; minSide: number }): DetectionInput {
  const size = detectionSize(image.width, image.height, options.maxSide, options.minSide);
  // Pre-shrink by an integer factor when the image is more than twice the target: bounded memory and time for huge images.
  const factor = Math.floor(Math.min(image.width / size.width, image.height / size.height) / 2);
  const resized = resizeRgba(shrinkBy(image, factor), size.width, size.height);
  const plane = size.width * size.height;
  const data = new Float32Array(3 * plane);
  for (let c = 0; c < 3; c++) {
    const src = 2 - c; // B, G, R
    const mean = DET_MEAN[c]!;
    const std = DET_STD[c]!;
    for (let p = 0; p < plane; p++) data[c * plane + p] = (rgbAt(resized.data, p * 4, src) / 255 - mean) / std;
  }
  return { data, dims: [1, 3, size.height, size.width], scaleX: image.width / size.width, scaleY: image.height / size.height };
}
