/**
 * transformers.js's `image-to-text` pipeline set up for the bench, on the
 * same onnxruntime-web module Glimpse uses. In Node, transformers.js would
 * pick onnxruntime-node (native) by itself; it takes the onnxruntime module
 * from `globalThis[Symbol.for('onnxruntime')]` when that is set before it
 * loads, which puts both runtimes on onnxruntime-web's WASM backend: same
 * build, same thread count. Session creation is counted on both onnxruntime
 * packages, so a run proves which one it used.
 */
import { basename, dirname, resolve } from 'node:path';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import * as ort from 'onnxruntime-web';
import type { RgbaImage } from '../../src/captioner/types';
import type { RunOptions } from './run-options';

export interface TransformersRunner {
  ort: string;
  threads: number;
  files: string[];
  loadMs: number;
  caption(image: RgbaImage): Promise<{ text: string }>;
  /** Throws unless every session was an onnxruntime-web one. */
  checkRuntime(): string;
}

type Create = typeof ort.InferenceSession.create;

/** Set while transformers.js itself runs: sessions other runners open in the same process (Glimpse's lazy OCR recogniser) don't count. */
let inTransformers = false;

async function asTransformers<T>(work: () => Promise<T>): Promise<T> {
  inTransformers = true;
  try {
    return await work();
  } finally {
    inTransformers = false;
  }
}

function countSessions(target: { InferenceSession: { create: Create } }): { count: number } {
  const counter = { count: 0 };
  const create = target.InferenceSession.create.bind(target.InferenceSession);
  target.InferenceSession.create = ((...args: Parameters<Create>) => {
    if (inTransformers) counter.count++;
    return create(...args);
  }) as Create;
  return counter;
}

/**
 * Loads the model with transformers.js on onnxruntime-web and returns a greedy captioner.
 *
 * @example const t = await openTransformers(options); const { text } = await t.caption(rgba);
 */
export async function openTransformers(options: RunOptions): Promise<TransformersRunner> {
  const require = createRequire(import.meta.url);
  ort.env.wasm.numThreads = options.threads;
  ort.env.wasm.proxy = false;
  // Without this transformers.js points onnxruntime-web at a CDN, which is offline here.
  if (!ort.env.wasm.wasmPaths) ort.env.wasm.wasmPaths = pathToFileURL(`${dirname(require.resolve('onnxruntime-web'))}/`).href;
  const web = countSessions(ort);
  const native = countSessions(require('onnxruntime-node') as typeof ort);
  (globalThis as Record<symbol, unknown>)[Symbol.for('onnxruntime')] = ort;

  const { env, pipeline, RawImage } = await import('@huggingface/transformers');
  env.allowRemoteModels = false;
  env.useBrowserCache = false;
  env.useWasmCache = false;
  const dir = resolve(options.model);
  env.localModelPath = `${dirname(dir)}/`;
  const dtype = options.dtype ?? 'fp32';
  const start = performance.now();
  // With the onnxruntime module injected, transformers.js lists no devices of its own;
  // 'auto' then passes no execution provider, and onnxruntime-web's Node build has only WASM.
  const captioner = await asTransformers(() => pipeline('image-to-text', basename(dir), { device: 'auto', dtype, local_files_only: true }));
  const loadMs = performance.now() - start;
  // transformers.js's generate() keeps only the first candidate of its beam sampler,
  // so greedy decoding is the setting both runtimes implement alike.
  const generate = { max_length: options.maxLength, num_beams: 1, do_sample: false, no_repeat_ngram_size: options.noRepeatNgramSize };

  return {
    ort: `onnxruntime-web ${ort.env.versions.web ?? '?'} (wasm)`,
    threads: options.threads,
    files: [`dtype ${dtype}`],
    loadMs,
    async caption(rgba) {
      const image = new RawImage(new Uint8ClampedArray(rgba.data), rgba.width, rgba.height, 4);
      const output = (await asTransformers(() => captioner(image, generate))) as { generated_text: string }[];
      return { text: output[0]?.generated_text.trim() ?? '' };
    },
    checkRuntime() {
      if (web.count === 0 || native.count !== 0) {
        throw new Error(`expected onnxruntime-web sessions only, saw ${web.count} onnxruntime-web and ${native.count} onnxruntime-node sessions`);
      }
      return `${web.count} onnxruntime-web sessions, 0 onnxruntime-node sessions`;
    },
  };
}
