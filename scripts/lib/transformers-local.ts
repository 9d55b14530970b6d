/**
 * transformers.js for parity tests: loaded offline, on the same onnxruntime-web
 * build as Glimpse's captioner, with model folders found beside `modelFolder`.
 * transformers.js takes the onnxruntime module from `Symbol.for('onnxruntime')`
 * when that is set before it loads, so both sides run the same WASM build;
 * without wasmPaths it would look for a CDN.
 *
 * @example
 *   const tjs = await importTransformersBeside(TINY_MODEL);
 *   const model = await tjs.AutoModelForVision2Seq.from_pretrained(basename(TINY_MODEL));
 */
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { ort } from '../../src/captioner/env';

export type Transformers = typeof import('@huggingface/transformers');

export async function importTransformersBeside(modelFolder: string): Promise<Transformers> {
  const require = createRequire(import.meta.url);
  ort.env.wasm.wasmPaths ??= pathToFileURL(`${dirname(require.resolve('onnxruntime-web'))}/`).href;
  (globalThis as Record<symbol, unknown>)[Symbol.for('onnxruntime')] = ort;
  const tjs = await import('@huggingface/transformers');
  tjs.env.allowRemoteModels = false;
  tjs.env.localModelPath = `${dirname(modelFolder)}/`;
  return tjs;
}
