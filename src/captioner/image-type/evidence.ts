/**
 * The image-type gate's evidence, as named numbers. One definition serves the
 * gate in the worker and the script that dumps the training set, so the gate
 * is trained on exactly what it later sees.
 */
import { pixelStats, type PixelStats } from './pixel-stats';
import type { EncoderView, RgbaImage } from '../types';

/** What OCR read, as far as the gate needs it. */
export interface TextReading {
  text: string;
  /** Union of text boxes / image area, 0..1. */
  coverage: number;
  lines: readonly { text: string; confidence: number }[];
}

export interface Evidence {
  stats: PixelStats;
  /** Softmax of the backbone's 1000 ImageNet logits, or null when the encoder has none. */
  imagenet: Float32Array | null;
  /** The backbone's spatially pooled features, or null when the encoder has none. */
  pooled: Float32Array | null;
  text: TextReading | null;
}

/** What the encoder saw (its ImageNet logits and pooled features) with the pixels and the OCR reading. */
export function gatherEvidence(image: RgbaImage, seen: EncoderView, text: TextReading | null): Evidence {
  const { imagenetLogits, pooled } = seen;
  return { stats: pixelStats(image), imagenet: imagenetLogits ? softmax(imagenetLogits) : null, pooled: pooled ? Float32Array.from(pooled) : null, text };
}

export function softmax(logits: Float32Array): Float32Array {
  let max = -Infinity;
  for (const v of logits) max = Math.max(max, v);
  const out = new Float32Array(logits.length);
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += out[i] = Math.exp(logits[i]! - max);
  for (let i = 0; i < out.length; i++) out[i]! /= sum;
  return out;
}

/**
 * The value of one named feature: a pixel statistic (`flat`), an OCR figure
 * (`ocr.coverage`), a summary of the ImageNet distribution (`imagenet.top`),
 * one ImageNet class's probability (`imagenet:916`) or one channel of the
 * backbone's pooled features (`pooled:17`). Unknown names throw:
 * a gate file that names a feature this code doesn't compute is broken.
 */
export function featureValue(evidence: Evidence, name: string): number {
  const { stats, imagenet, pooled, text } = evidence;
  if (name in stats) return stats[name as keyof PixelStats];
  if (name.startsWith('imagenet:')) return imagenet?.[Number(name.slice(9))] ?? 0;
  if (name.startsWith('pooled:')) return pooled?.[Number(name.slice(7))] ?? 0;
  const chars = text ? text.text.replace(/\s+/g, '').length : 0;
  switch (name) {
    case 'imagenet.top':
      return imagenet ? Math.max(...imagenet) : 0;
    case 'imagenet.animal':
      // ImageNet's classes 0–397 are animals (dogs are 151–268): photos' subjects, rarely drawn.
      return imagenet ? imagenet.subarray(0, 398).reduce((a, p) => a + p, 0) : 0;
    case 'imagenet.entropy': {
      if (!imagenet) return 0;
      let h = 0;
      for (const p of imagenet) if (p > 0) h -= p * Math.log(p);
      return h / Math.log(imagenet.length);
    }
    case 'ocr.coverage':
      return text?.coverage ?? 0;
    case 'ocr.chars':
      return Math.log1p(chars) / 6;
    case 'ocr.words':
      return Math.log1p(text ? text.text.split(/\s+/).filter(Boolean).length : 0) / 4;
    case 'ocr.lines':
      return Math.log1p(text?.lines.length ?? 0) / 3;
    case 'ocr.confidence':
      return text && text.lines.length ? text.lines.reduce((s, l) => s + l.confidence, 0) / text.lines.length : 0;
    case 'ocr.digits':
      return chars ? (text!.text.match(/\d/g)?.length ?? 0) / chars : 0;
    default:
      throw new Error(`the image-type gate names an unknown feature "${name}"`);
  }
}

/** Every feature name except the per-class ImageNet ones, in a stable order. */
export const BASE_FEATURES: readonly string[] = [
  'dominantColour', 'topColours', 'colourCount', 'flat', 'hardEdges', 'saturation', 'contrast', 'lumaEntropy',
  'white', 'black', 'transparent', 'logWidth', 'logHeight', 'aspect',
  'imagenet.top', 'imagenet.entropy', 'imagenet.animal',
  'ocr.coverage', 'ocr.chars', 'ocr.words', 'ocr.lines', 'ocr.confidence', 'ocr.digits',
];
