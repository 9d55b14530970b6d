/**
 * Image preprocessing driven by a Hugging Face `preprocessor_config.json`
 * (ViTImageProcessor fields): resize, rescale, normalize, RGB channel order,
 * CHW float32 output.
 *
 * @example
 *   const pixels = preprocess(rgba, config); // Float32Array of 3*H*W
 */
import type { RgbaImage } from './types';

export interface PreprocessorConfig {
  do_resize?: boolean;
  size?: { height: number; width: number } | { shortest_edge: number } | number;
  do_rescale?: boolean;
  rescale_factor?: number;
  do_normalize?: boolean;
  image_mean?: number[];
  image_std?: number[];
  /** Not a Hugging Face field: 'BGR' for encoders trained on BGR input. */
  channel_order?: 'RGB' | 'BGR';
}

export interface PreprocessedImage {
  data: Float32Array;
  dims: [1, 3, number, number];
}

export function targetSize(config: PreprocessorConfig, image: { width: number; height: number }): { width: number; height: number } {
  const size = config.size ?? 224;
  if (typeof size === 'number') return { width: size, height: size };
  if ('shortest_edge' in size) {
    const scale = size.shortest_edge / Math.min(image.width, image.height);
    return { width: Math.round(image.width * scale), height: Math.round(image.height * scale) };
  }
  return { width: size.width, height: size.height };
}

/**
 * Resizes RGBA pixels with bilinear interpolation, averaging over the source
 * footprint when shrinking (like PIL's BILINEAR filter with support scaled by
 * the reduction factor), so large images don't alias.
 */
export function resizeRgba(image: RgbaImage, width: number, height: number): RgbaImage {
  if (image.width === width && image.height === height) return image;
  const out = new Uint8ClampedArray(width * height * 4);
  // Separable triangle filter: horizontal pass into a float buffer, then vertical.
  const tmp = new Float32Array(width * image.height * 4);
  const hWeights = filterWeights(image.width, width);
  for (let y = 0; y < image.height; y++) {
    for (let x = 0; x < width; x++) {
      const { start, weights } = hWeights[x]!;
      for (let c = 0; c < 4; c++) {
        let acc = 0;
        for (let k = 0; k < weights.length; k++) acc += weights[k]! * image.data[((y * image.width) + start + k) * 4 + c]!;
        tmp[(y * width + x) * 4 + c] = acc;
      }
    }
  }
  const vWeights = filterWeights(image.height, height);
  for (let y = 0; y < height; y++) {
    const { start, weights } = vWeights[y]!;
    for (let x = 0; x < width; x++) {
      for (let c = 0; c < 4; c++) {
        let acc = 0;
        for (let k = 0; k < weights.length; k++) acc += weights[k]! * tmp[((start + k) * width + x) * 4 + c]!;
        out[(y * width + x) * 4 + c] = acc;
      }
    }
  }
  return { width, height, data: out };
}

function filterWeights(inSize: number, outSize: number): { start: number; weights: Float32Array }[] {
  const scale = inSize / outSize;
  const support = Math.max(1, scale);
  const result: { start: number; weights: Float32Array }[] = [];
  for (let i = 0; i < outSize; i++) {
    const center = (i + 0.5) * scale;
    const start = Math.max(0, Math.floor(center - support));
    const end = Math.min(inSize, Math.ceil(center + support));
    const weights = new Float32Array(end - start);
    let sum = 0;
    for (let j = start; j < end; j++) {
      const w = Math.max(0, 1 - Math.abs((j + 0.5 - center) / support));
      weights[j - start] = w;
      sum += w;
    }
    if (sum > 0) for (let k = 0; k < weights.length; k++) weights[k]! /= sum;
    result.push({ start, weights });
  }
  return result;
}

/** RGBA pixels → normalized CHW float32 tensor data, as the encoder expects. */
export function preprocess(image: RgbaImage, config: PreprocessorConfig): PreprocessedImage {
  const { width, height } = config.do_resize === false ? image : targetSize(config, image);
  const resized = resizeRgba(image, width, height);
  const rescale = config.do_rescale === false ? 1 : (config.rescale_factor ?? 1 / 255);
  const mean = config.do_normalize === false ? [0, 0, 0] : (config.image_mean ?? [0.5, 0.5, 0.5]);
  const std = config.do_normalize === false ? [1, 1, 1] : (config.image_std ?? [0.5, 0.5, 0.5]);
  const order = config.channel_order === 'BGR' ? [2, 1, 0] : [0, 1, 2];
  const plane = width * height;
  const data = new Float32Array(3 * plane);
  for (let c = 0; c < 3; c++) {
    const src = order[c]!;
    const m = mean[c]!;
    const s = std[c]!;
    for (let p = 0; p < plane; p++) data[c * plane + p] = (resized.data[p * 4 + src]! * rescale - m) / s;
  }
  return { data, dims: [1, 3, height, width] };
}
