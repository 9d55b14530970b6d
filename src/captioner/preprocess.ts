/**
 * Image preprocessing driven by a Hugging Face `preprocessor_config.json`
 * (ViTImageProcessor fields): resize, rescale, normalize, RGB channel order,
 * CHW float32 output.
 *
 * @example
 *   const pixels = preprocess(rgba, config); // Float32Array of 3*H*W
 */
import { invalidFile } from './errors';
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

const FILE = 'preprocessor_config.json';
/** Steps of other Hugging Face image processors this preprocessing does not do: refused rather than skipped. */
const UNSUPPORTED_STEPS = ['do_center_crop', 'do_pad', 'do_thumbnail', 'do_align_long_axis'] as const;

function channelTriple(value: unknown): boolean {
  return Array.isArray(value) && value.length === 3 && value.every((v) => typeof v === 'number' && Number.isFinite(v));
}

/**
 * Checks a parsed preprocessor_config.json (ViTImageProcessor and its old
 * name, ViTFeatureExtractor, whose `size` may be a bare number) and returns
 * it typed; throws ModelError('model-invalid') naming the file for a step or
 * a value the captioner can't honour, since a silently different input would
 * give wrong captions rather than an error.
 *
 * @example
 *   const config = readPreprocessor({ size: 224, image_mean: [0.5, 0.5, 0.5], image_std: [0.5, 0.5, 0.5] });
 */
export function readPreprocessor(json: Record<string, unknown>): PreprocessorConfig {
  for (const step of UNSUPPORTED_STEPS) {
    if (json[step] === true) throw invalidFile(FILE, `asks for ${step.slice(3).replace(/_/g, ' ')}, which Glimpse's preprocessing (resize, rescale, normalize) does not do.`);
  }
  const size = json.size;
  const sizeOk =
    size === undefined ||
    (typeof size === 'number' && size > 0) ||
    (typeof size === 'object' && size !== null && (('height' in size && 'width' in size) || 'shortest_edge' in size) && Object.values(size).every((v) => typeof v === 'number' && v > 0));
  if (!sizeOk) throw invalidFile(FILE, `has size ${JSON.stringify(size)}; Glimpse reads a number, { height, width } or { shortest_edge }.`);
  for (const key of ['image_mean', 'image_std'] as const) {
    if (json[key] !== undefined && !channelTriple(json[key])) throw invalidFile(FILE, `${key} should be three numbers (R, G, B), not ${JSON.stringify(json[key])}.`);
  }
  if (Array.isArray(json.image_std) && (json.image_std as number[]).some((v) => v === 0)) throw invalidFile(FILE, 'image_std has a zero, which would divide by zero.');
  if (json.rescale_factor !== undefined && typeof json.rescale_factor !== 'number') throw invalidFile(FILE, `rescale_factor should be a number, not ${JSON.stringify(json.rescale_factor)}.`);
  return json as PreprocessorConfig;
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
