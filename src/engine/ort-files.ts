/**
 * onnxruntime-web's runtime files, bundled into the extension by vite (`?url`
 * emits each as an asset) so onnxruntime never fetches them from its default
 * CDN: remote code is forbidden in MV3 and would fail offline.
 *
 * Two builds ship, each with its own pair (vite.config.ts, caption-worker.ts):
 * - `wasm`: the plain WASM build, `onnxruntime-web/wasm`, used whenever no GPU
 *   is: it starts about 3 s sooner than the asyncify build and runs the decoder
 *   faster (BENCHMARKS.md "onnxruntime-web builds");
 * - `webgpu`: `onnxruntime-web/jspi` (the native WebGPU EP on the JSPI build:
 *   WebAssembly's JavaScript Promise Integration instead of asyncify's code
 *   rewriting, a 16.8 MB wasm against 26.8 MB, and it starts sooner), loaded
 *   only when WebGPU will be used.
 * Giving the `.mjs` explicitly (instead of the copy embedded in the bundle)
 * also makes onnxruntime start its pthread workers from that file rather than
 * from our worker's own chunk.
 */
import wasmMjs from 'onnxruntime-web/ort-wasm-simd-threaded.mjs?url';
import wasmWasm from 'onnxruntime-web/ort-wasm-simd-threaded.wasm?url';
import webgpuMjs from 'onnxruntime-web/ort-wasm-simd-threaded.jspi.mjs?url';
import webgpuWasm from 'onnxruntime-web/ort-wasm-simd-threaded.jspi.wasm?url';

export type OrtBuild = 'wasm' | 'webgpu';

const FILES: Record<OrtBuild, { mjs: string; wasm: string }> = {
  wasm: { mjs: wasmMjs, wasm: wasmWasm },
  webgpu: { mjs: webgpuMjs, wasm: webgpuWasm },
};

/** Absolute URLs of one build's pair, resolved against the worker's own (extension) location. */
export function ortFilePaths(base: string, build: OrtBuild): { mjs: string; wasm: string } {
  return { mjs: new URL(FILES[build].mjs, base).href, wasm: new URL(FILES[build].wasm, base).href };
}
