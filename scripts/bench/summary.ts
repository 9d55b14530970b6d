/** Turns child-run reports into the figures the bench prints: medians, p90s, ratios. */
import { percentile } from '../eval/percentile';
import type { InterleavedReport, PairedReport, RunReport, Way } from './run-options';

export interface RunSummary {
  runtime: RunReport['runtime'];
  threads: number;
  n: number;
  p50: number;
  p90: number;
  /** Median per stage over images; absent for transformers.js, whose pipeline does not expose them. */
  stages?: { preprocess: number; encoder: number; decoder: number; perToken: number };
  loadMs: number;
  maxRssMb: number;
  ort: string;
  files: string[];
}

/**
 * Summarises one run, leaving out its first image, which is a warm-up
 * (first-run allocation and JIT of the WASM kernels).
 *
 * @example summarize(report).p50 // median ms per caption
 */
export function summarize(report: RunReport): RunSummary {
  const timed = report.results.slice(1);
  const ms = timed.map((r) => r.ms);
  const summary: RunSummary = {
    runtime: report.runtime,
    threads: report.threads,
    n: timed.length,
    p50: percentile(ms, 0.5),
    p90: percentile(ms, 0.9),
    loadMs: report.loadMs,
    maxRssMb: report.maxRssMb,
    ort: report.ort,
    files: report.files,
  };
  if (timed.every((r) => r.stages)) {
    summary.stages = {
      preprocess: percentile(timed.map((r) => r.stages!.preprocess), 0.5),
      encoder: percentile(timed.map((r) => r.stages!.encoder), 0.5),
      decoder: percentile(timed.map((r) => r.stages!.decoder), 0.5),
      perToken: percentile(timed.map((r) => r.stages!.decoder / Math.max(1, r.steps)), 0.5),
    };
  }
  return summary;
}

export interface PairedSummary {
  threads: number;
  n: number;
  glimpseP50: number;
  glimpseP90: number;
  transformersP50: number;
  transformersP90: number;
  /** transformers.js p50 / Glimpse p50. */
  speedup: number;
  /** Median over images of transformers.js ms / Glimpse ms for the same image. */
  perImageRatio: number;
  identical: number;
  diffs: { image: string; glimpse: string; transformers: string }[];
}

/**
 * Summarises an interleaved run, leaving out the first (warm-up) pair for
 * timings; captions are compared on every image.
 *
 * @example summarizePairs(report).speedup // 2.1 when transformers.js takes 2.1× as long
 */
export function summarizePairs(report: PairedReport): PairedSummary {
  const timed = report.pairs.slice(1);
  const g = timed.map((p) => p.glimpse.ms);
  const t = timed.map((p) => p.transformers.ms);
  const diffs = report.pairs
    .filter((p) => p.glimpse.text !== p.transformers.text)
    .map((p) => ({ image: p.image, glimpse: p.glimpse.text, transformers: p.transformers.text }));
  return {
    threads: report.threads,
    n: timed.length,
    glimpseP50: percentile(g, 0.5),
    glimpseP90: percentile(g, 0.9),
    transformersP50: percentile(t, 0.5),
    transformersP90: percentile(t, 0.9),
    speedup: percentile(t, 0.5) / percentile(g, 0.5),
    perImageRatio: percentile(timed.map((p) => p.transformers.ms / p.glimpse.ms), 0.5),
    identical: report.pairs.length - diffs.length,
    diffs,
  };
}

export interface InterleavedSummary {
  n: number;
  describe: { p50: number; p90: number };
  native: { p50: number; p90: number };
  caption: { p50: number; p90: number };
  transformers: { p50: number; p90: number };
  /** Glimpse per photo (describe) ÷ the same path on onnxruntime-node. */
  nativeRatio: number;
  /** transformers.js greedy caption ÷ Glimpse per photo as shipped (OCR, gate, beams included). */
  speedup: number;
  /** transformers.js greedy caption ÷ Glimpse greedy caption: the same work. */
  speedupCaption: number;
  /** Median over images of the per-image transformers.js ÷ Glimpse greedy caption ratio. */
  perImageRatio: number;
  /** Glimpse greedy captions equal to transformers.js's, over all images. */
  identical: number;
  /** WASM and native describe results equal, over all images. */
  nativeIdentical: number;
  images: number;
}

/**
 * Summarises the interleaved run, leaving out the first (warm-up) image's
 * timings; texts are compared on every image.
 *
 * @example summarizeInterleaved(report).nativeRatio // 1.8 when WASM takes 1.8× native's time
 */
export function summarizeInterleaved(report: InterleavedReport): InterleavedSummary {
  const timed = report.images.slice(1);
  const spread = (way: Way): { p50: number; p90: number } => {
    const ms = timed.map((r) => r[way].ms);
    return { p50: percentile(ms, 0.5), p90: percentile(ms, 0.9) };
  };
  const describe = spread('describe');
  const native = spread('native');
  const caption = spread('caption');
  const transformers = spread('transformers');
  return {
    n: timed.length,
    describe,
    native,
    caption,
    transformers,
    nativeRatio: describe.p50 / native.p50,
    speedup: transformers.p50 / describe.p50,
    speedupCaption: transformers.p50 / caption.p50,
    perImageRatio: percentile(timed.map((r) => r.transformers.ms / r.caption.ms), 0.5),
    identical: report.images.filter((r) => r.caption.text === r.transformers.text).length,
    nativeIdentical: report.images.filter((r) => r.describe.text === r.native.text).length,
    images: report.images.length,
  };
}
