/**
 * onnxruntime-web's runtime files, bundled into the extension by vite (`?url`
 * emits each as an asset) so onnxruntime never fetches them from its default
 * CDN: remote code is forbidden in MV3 and would fail offline.
 *
 * The extension build aliases `onnxruntime-web` to its WebGPU entry (see
 * vite.config.ts), which runs both WASM and WebGPU on the asyncify build, so
 * that pair is all it needs. Giving
 * the `.mjs` explicitly (instead of the copy embedded in the bundle) also makes
 * onnxruntime start its pthread workers from that file rather than from our
 * worker's own chunk.
 */
import runtimeMjs from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.mjs?url';
import runtimeWasm from 'onnxruntime-web/ort-wasm-simd-threaded.asyncify.wasm?url';

/** Absolute URLs, resolved against the worker's own (extension) location. */
export function ortFilePaths(base: string): { mjs: string; wasm: string } {
  return { mjs: new URL(runtimeMjs, base).href, wasm: new URL(runtimeWasm, base).href };
}
