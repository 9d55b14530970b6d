/**
 * Colour and edge statistics of an image, the cheap half of the image-type
 * gate's evidence. Photos have many colours, soft gradients and texture;
 * charts, screenshots, banners and logos have a few flat colours, hard edges
 * and large plain backgrounds.
 *
 * The image is sampled on a grid of at most 128×128 points, so the cost does
 * not grow with the image.
 */
import type { RgbaImage } from '../types';

export interface PixelStats {
  /** Share of sampled pixels in the most common colour (4 bits per channel). */
  dominantColour: number;
  /** Share in the 8 most common colours. */
  topColours: number;
  /** Colours holding at least 0.5% of the pixels, / 64, capped at 1. */
  colourCount: number;
  /** Share of pixels whose luminance hardly changes to the right and below. */
  flat: number;
  /** Share with a hard luminance step (edges of text, lines and shapes). */
  hardEdges: number;
  /** Mean HSV saturation, 0..1. */
  saturation: number;
  /** Luminance standard deviation / 128. */
  contrast: number;
  /** Entropy of a 16-bin luminance histogram / 4 bits. */
  lumaEntropy: number;
  /** Share of near-white and of near-black pixels. */
  white: number;
  black: number;
  /** Share of (mostly) transparent pixels. */
  transparent: number;
  /** log2 of width and height in pixels, / 12. */
  logWidth: number;
  logHeight: number;
  /** |ln(width / height)|. */
  aspect: number;
}

const GRID = 128;

/** @example pixelStats({ width: 2, height: 1, data: new Uint8Array([255,255,255,255, 0,0,0,255]) }).white // → 0.5 */
export function pixelStats(image: RgbaImage): PixelStats {
  const { width, height, data } = image;
  const cols = Math.min(width, GRID);
  const rows = Math.min(height, GRID);
  const n = cols * rows;
  const luma = new Float32Array(n);
  const histogram = new Uint32Array(4096);
  const lumaBins = new Uint32Array(16);
  let satSum = 0;
  let lumaSum = 0;
  let white = 0;
  let black = 0;
  let transparent = 0;
  for (let r = 0; r < rows; r++) {
    const y = Math.min(height - 1, Math.floor(((r + 0.5) * height) / rows));
    for (let c = 0; c < cols; c++) {
      const x = Math.min(width - 1, Math.floor(((c + 0.5) * width) / cols));
      const o = (y * width + x) * 4;
      const alpha = data[o + 3]! / 255;
      // Transparent pixels are seen over white, as on most pages.
      const red = data[o]! * alpha + 255 * (1 - alpha);
      const green = data[o + 1]! * alpha + 255 * (1 - alpha);
      const blue = data[o + 2]! * alpha + 255 * (1 - alpha);
      if (alpha < 0.5) transparent++;
      const l = 0.299 * red + 0.587 * green + 0.114 * blue;
      const i = r * cols + c;
      luma[i] = l;
      lumaSum += l;
      lumaBins[Math.min(15, Math.floor(l / 16))]!++;
      if (l > 240) white++;
      if (l < 15) black++;
      const max = Math.max(red, green, blue);
      const min = Math.min(red, green, blue);
      satSum += max === 0 ? 0 : (max - min) / max;
      histogram[((red >> 4) << 8) | ((green >> 4) << 4) | (blue >> 4)]!++;
    }
  }
  const counts = Array.from(histogram).filter((v) => v > 0).sort((a, b) => b - a);
  const top8 = counts.slice(0, 8).reduce((s, v) => s + v, 0);
  const common = counts.filter((v) => v >= n * 0.005).length;
  const mean = lumaSum / n;
  let variance = 0;
  for (let i = 0; i < n; i++) variance += (luma[i]! - mean) ** 2;
  let flat = 0;
  let hard = 0;
  let pairs = 0;
  for (let r = 0; r < rows - 1; r++) {
    for (let c = 0; c < cols - 1; c++) {
      const i = r * cols + c;
      const step = Math.abs(luma[i]! - luma[i + 1]!) + Math.abs(luma[i]! - luma[i + cols]!);
      pairs++;
      if (step < 3) flat++;
      if (step > 80) hard++;
    }
  }
  let entropy = 0;
  for (const v of lumaBins) {
    if (v > 0) entropy -= (v / n) * Math.log2(v / n);
  }
  return {
    dominantColour: (counts[0] ?? 0) / n,
    topColours: top8 / n,
    colourCount: Math.min(1, common / 64),
    flat: pairs ? flat / pairs : 1,
    hardEdges: pairs ? hard / pairs : 0,
    saturation: satSum / n,
    contrast: Math.sqrt(variance / n) / 128,
    lumaEntropy: entropy / 4,
    white: white / n,
    black: black / n,
    transparent: transparent / n,
    logWidth: Math.log2(width) / 12,
    logHeight: Math.log2(height) / 12,
    aspect: Math.abs(Math.log(width / height)),
  };
}
