/**
 * The captioner core's public types. The core is pure TypeScript: model files
 * + pixels in, caption out. It runs unchanged in Node (tests, eval, bench) and
 * in the engine's dedicated worker.
 */

/** Decoded pixels, RGBA, row-major, like ImageData. */
export interface RgbaImage {
  width: number;
  height: number;
  data: Uint8Array | Uint8ClampedArray;
}

/**
 * Where model files come from: a directory in Node, extension URLs in the
 * worker. Paths are relative to the model root, e.g. `onnx/encoder_model_quantized.onnx`.
 * `read` resolves to null when the file does not exist.
 */
export interface ModelSource {
  id: string;
  read(path: string): Promise<Uint8Array | null>;
  /** Lists files under a folder of the model root (used to find onnx/*.onnx variants). */
  list?(folder: string): Promise<string[]>;
}

export type ExecutionBackend = 'webgpu' | 'wasm';

export interface LoadOptions {
  /** Preferred backend; WebGPU falls back to WASM when it fails. */
  backend?: ExecutionBackend;
  /** Prefer `*_quantized.onnx` files when present (default true). */
  quantized?: boolean;
}

export interface GenerateOptions {
  numBeams?: number;
  maxLength?: number;
  noRepeatNgramSize?: number;
}

export interface StageTimings {
  preprocess: number;
  encoder: number;
  decoder: number;
  total: number;
}

export interface Caption {
  text: string;
  /** 0..1, derived from token probabilities (see confidence.ts). */
  confidence: number;
  tokens: number[];
  timings: StageTimings;
}

export interface ModelInfo {
  id: string;
  backend: ExecutionBackend;
  encoderFile: string;
  decoderFile: string;
}

/** The model behind a small interface. */
export interface Captioner {
  load(source: ModelSource, options?: LoadOptions): Promise<ModelInfo>;
  caption(image: RgbaImage, options?: GenerateOptions): Promise<Caption>;
  dispose(): Promise<void>;
}
