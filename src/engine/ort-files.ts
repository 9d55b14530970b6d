/**
 * onnxruntime-web's runtime files, bundled into the extension by vite (`?url`
 * emits each as an asset) so onnxruntime never fetches them from its default
 * CDN: remote code is forbidden in MV3 and would fail offline.
 *
 * The default `onnxruntime-web` entry (the one the captioner imports) runs
 * both WASM and WebGPU on the JSEP build, so that pair is all it needs. Giving
 * the `.mjs` explicitly (instead of the copy embedded in the bundle) also makes
 * onnxruntime start its pthread workers from that file rather than from our
 * worker's own chunk.
 */
import jsepMjs from 'onnxruntime-web/ort-wasm-simd-threaded.jsep.mjs?url';
import jsepWasm from 'onnxruntime-web/ort-wasm-simd-threaded.jsep.wasm?url';

/** Absolute URLs, resolved against the worker's own (extension) location. */
export function ortFilePaths(base: string): { mjs: string; wasm: string } {
  return { mjs: new URL(jsepMjs, base).href, wasm: new URL(jsepWasm, base).href };
}
