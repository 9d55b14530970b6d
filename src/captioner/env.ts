/**
 * Every environment decision of the captioner lives here: which execution
 * provider, how many WASM threads, where onnxruntime's `.wasm`/`.mjs` files
 * come from, and how sessions are made. Everything else in src/captioner is
 * environment-free.
 *
 * Only `globalThis` probes are used (no DOM imports), so the same code runs in
 * Node (tests, eval, bench) and in the engine's dedicated worker.
 *
 * @example
 *   // In the extension's worker, before the first load:
 *   configureRuntime({ wasmPaths: chrome.runtime.getURL('ort/') });
 *   const captioner = createCaptioner();
 */
import * as bundled from 'onnxruntime-web';
import type { ExecutionBackend } from './types';

/** An onnxruntime-web build: the package's default entry, `/wasm` or `/webgpu`; all share one API. */
export type OrtRuntime = typeof bundled;

/**
 * The onnxruntime-web build every session and tensor comes from (tensors of
 * one build are foreign to another's sessions). Node and the extension's
 * default are the plain WASM build, the fastest to start and to run on WASM
 * (BENCHMARKS.md "onnxruntime-web builds"); the engine switches to the WebGPU
 * build with {@link useRuntime} only when it will really use a GPU.
 */
export let ort: OrtRuntime = bundled;

/** The builds' shared types, under the same name (`ort.Tensor` as a type, whichever build is in use). */
/* eslint-disable @typescript-eslint/no-namespace -- a type-only namespace beside the value of the same name */
export declare namespace ort {
  export type Tensor = bundled.Tensor;
  export type Env = bundled.Env;
  export namespace Env {
    export type WasmPrefixOrFilePaths = bundled.Env.WasmPrefixOrFilePaths;
  }
  export type InferenceSession = bundled.InferenceSession;
  export namespace InferenceSession {
    export type ValueMetadata = bundled.InferenceSession.ValueMetadata;
    export type SessionOptions = bundled.InferenceSession.SessionOptions;
  }
}
/* eslint-enable @typescript-eslint/no-namespace */

/**
 * Chooses the onnxruntime-web build, before the first session: onnxruntime
 * starts its WASM backend once, and sessions can't move between builds.
 *
 * @example useRuntime(await import('onnxruntime-web/webgpu'));
 */
export function useRuntime(runtime: OrtRuntime): void {
  if (configured && runtime !== ort) throw new Error('the onnxruntime-web build is chosen before the first session');
  ort = runtime;
}

/** The part of an onnxruntime session the captioner uses; also the fault-injection seam. */
export interface SessionLike {
  readonly inputNames: readonly string[];
  readonly outputNames: readonly string[];
  readonly inputMetadata: readonly ort.InferenceSession.ValueMetadata[];
  run(feeds: Record<string, ort.Tensor>): Promise<Record<string, ort.Tensor>>;
  release(): Promise<void>;
}

/** Makes a session for one ONNX file on one backend. Throws when the backend can't. */
export type SessionFactory = (model: Uint8Array, backend: ExecutionBackend) => Promise<SessionLike>;

/**
 * What the captioner asks of its environment. Tests replace parts of it (a
 * session factory that fails like a lost GPU device, a WebGPU probe that says
 * yes in Node); the extension uses {@link defaultEnv}.
 */
export interface CaptionerEnv {
  createSession: SessionFactory;
  webGpuAvailable(): Promise<boolean>;
}

export interface RuntimeSettings {
  /**
   * Where onnxruntime loads its `.wasm`/`.mjs` from. The extension points this
   * at its bundled copies: the default would be resolved relative to the
   * bundle, and a CDN would be remote code that fails offline and breaks MV3 rules.
   */
  wasmPaths?: ort.Env.WasmPrefixOrFilePaths;
  /** Requested WASM threads; clamped by {@link threadCount}. */
  numThreads?: number;
}

interface GlobalProbe {
  crossOriginIsolated?: boolean;
  process?: { versions?: { node?: string } };
  navigator?: {
    hardwareConcurrency?: number;
    gpu?: { requestAdapter(): Promise<unknown> };
  };
}

const probe = globalThis as unknown as GlobalProbe;

/** True in Node (tests, eval, bench scripts), false in browsers and workers. */
export function isNode(): boolean {
  return typeof probe.process?.versions?.node === 'string';
}

/**
 * WASM threads to use. Browsers only share WASM memory between threads when
 * the page is crossOriginIsolated (COOP/COEP), otherwise SharedArrayBuffer is
 * missing and onnxruntime would warn and run on one thread anyway. Node always
 * has SharedArrayBuffer. Capped at 4: more threads rarely help a model this small.
 *
 * @example threadCount(8) // 4 when isolated on an 8-core machine, 1 when not isolated
 */
export function threadCount(requested?: number): number {
  if (!isNode() && probe.crossOriginIsolated !== true) return 1;
  const cores = probe.navigator?.hardwareConcurrency ?? 2;
  const wanted = requested ?? Math.ceil(cores / 2);
  return Math.max(1, Math.min(4, cores, Math.floor(wanted)));
}

/**
 * Why WASM runs on one thread, in plain words, or null when threads are free
 * to use. Firefox extension pages are never cross-origin isolated (its
 * manifest has no COOP/COEP keys), so there Glimpse always runs on one thread.
 */
export function threadLimitReason(): string | null {
  if (isNode() || probe.crossOriginIsolated === true) return null;
  return 'captioning on one WASM thread: this engine page is not cross-origin isolated, so there is no SharedArrayBuffer for more';
}

let configured: { threads: number } | null = null;

/**
 * Applies runtime settings to onnxruntime. onnxruntime reads thread count and
 * file paths once, when its WASM backend first starts, so only the first call
 * before any session counts; later calls return the settings in force.
 *
 * @example configureRuntime({ numThreads: 2 }).threads // 2 in Node
 */
export function configureRuntime(settings: RuntimeSettings = {}): { threads: number } {
  if (configured) return configured;
  const threads = threadCount(settings.numThreads);
  ort.env.wasm.numThreads = threads;
  // The captioner already runs off the main thread (a worker, or Node); a second proxy worker only adds copies.
  ort.env.wasm.proxy = false;
  if (settings.wasmPaths !== undefined) ort.env.wasm.wasmPaths = settings.wasmPaths;
  ort.env.logLevel = 'error';
  configured = { threads };
  return configured;
}

/** The thread count in force, or null before the first session. */
export function runtimeThreads(): number | null {
  return configured?.threads ?? null;
}

/**
 * Whether a WebGPU adapter exists. Headless Chromium has none unless started
 * with `--enable-unsafe-webgpu --use-webgpu-adapter=swiftshader`; Node has none.
 */
export async function webGpuAvailable(): Promise<boolean> {
  const gpu = probe.navigator?.gpu;
  if (!gpu) return false;
  try {
    return (await gpu.requestAdapter()) != null;
  } catch {
    return false;
  }
}

/**
 * The session options every Glimpse graph is opened with (the captioner's,
 * OCR's, and the benchmark's own sessions, so they measure what ships).
 *
 * `session.disable_quant_qdq`: by default onnxruntime keeps weight-only
 * DequantizeLinear nodes to fuse them with their MatMul, and on WASM those
 * fused int8 kernels dequantize the weights again on every run (a decoder
 * step cost ~24 ms; ~5 ms folded, BENCHMARKS.md "Per-operator profile").
 * Disabling the QDQ fusions lets constant folding turn each weight-only
 * DequantizeLinear into a float initialiser once, at session creation, so
 * the int8 files stay small on disk and run as float graphs.
 *
 * @example ort.InferenceSession.create(bytes, sessionOptions('wasm'))
 */
export function sessionOptions(backend: ExecutionBackend): ort.InferenceSession.SessionOptions {
  return {
    // One provider only, so a WebGPU failure surfaces here and the captioner's
    // own fallback (which re-creates everything on WASM) decides what happens.
    executionProviders: [backend],
    graphOptimizationLevel: 'all',
    extra: { session: { disable_quant_qdq: '1' } },
  };
}

/** The real session factory: onnxruntime-web on the named execution provider, nothing else. */
export const createOrtSession: SessionFactory = async (model, backend) => {
  configureRuntime();
  return ort.InferenceSession.create(model, sessionOptions(backend));
};

export const defaultEnv: CaptionerEnv = { createSession: createOrtSession, webGpuAvailable };

/** Backend to try first: WebGPU only when requested and an adapter exists. */
export async function chooseBackend(requested: ExecutionBackend | undefined, env: CaptionerEnv): Promise<{ backend: ExecutionBackend; reason?: string }> {
  if (requested !== 'webgpu') return { backend: 'wasm' };
  if (await env.webGpuAvailable()) return { backend: 'webgpu' };
  return { backend: 'wasm', reason: 'no WebGPU adapter is available' };
}


/** Plain words for why WebGPU was given up, for ModelInfo.fallbackReason and the popup. */
export function describeBackendFailure(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return `WebGPU failed (${message}); using WASM instead`;
}
