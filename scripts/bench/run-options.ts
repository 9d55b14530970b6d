/**
 * What the bench parent tells each child run, and what a child reports back
 * (one JSON line on stdout). Every measured configuration runs in its own
 * process: onnxruntime fixes its WASM thread count when its backend starts,
 * and a fresh process gives each configuration its own peak-memory figure.
 */
import { parseArgs } from 'node:util';

export interface RunOptions {
  model: string;
  images: string[];
  threads: number;
  maxLength: number;
  noRepeatNgramSize: number;
  /** Encoder/decoder file variant to load, as Glimpse chose it ('fp32' or 'q8'). */
  dtype?: 'fp32' | 'q8';
}

export interface ImageRun {
  image: string;
  text: string;
  ms: number;
  /** Decoder steps taken (generated tokens, plus the end token when reached). */
  steps: number;
  stages?: { preprocess: number; encoder: number; decoder: number };
}

export interface RunReport {
  runtime: 'glimpse' | 'transformers.js';
  /** Which onnxruntime actually ran the sessions, and its version. */
  ort: string;
  threads: number;
  files: string[];
  loadMs: number;
  maxRssMb: number;
  results: ImageRun[];
}

/** Both runtimes captioning the same images in one process, interleaved. */
export interface PairedReport {
  threads: number;
  ort: string;
  pairs: { image: string; glimpse: { text: string; ms: number }; transformers: { text: string; ms: number } }[];
}

/** The four ways the interleaved run (run-interleaved.ts) measures every image. */
export type Way = 'describe' | 'native' | 'caption' | 'transformers';
export const WAYS: readonly Way[] = ['describe', 'native', 'caption', 'transformers'];

/** What run-interleaved.ts reports. */
export interface InterleavedReport {
  threads: number;
  ort: string;
  maxRssMb: number;
  loadMs: Record<Way, number>;
  images: ({ image: string } & Record<Way, { ms: number; text: string; type?: string }>)[];
}

/** Child processes receive their options as one JSON argument. */
export function readRunOptions(argv: string[]): RunOptions {
  const { values } = parseArgs({ args: argv, options: { options: { type: 'string' } }, strict: true });
  if (!values.options) throw new Error('--options JSON is required');
  return JSON.parse(values.options) as RunOptions;
}

export function maxRssMb(): number {
  // resourceUsage().maxRSS is in kilobytes.
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
