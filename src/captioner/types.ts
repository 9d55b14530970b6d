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

/** Overrides of generation_config.json; each defaults to the model's own setting. */
export interface GenerateOptions {
  /** 1 = greedy. */
  numBeams?: number;
  /** Total length including the decoder start token, as Hugging Face counts it. */
  maxLength?: number;
  noRepeatNgramSize?: number;
  /** Beam score = Σ log p / length^lengthPenalty (default 1). */
  lengthPenalty?: number;
  /** Beam search stops once numBeams captions have ended (default true). */
  earlyStopping?: boolean;
  /**
   * false recomputes the whole sequence at every step instead of using the
   * KV cache: slower, same tokens. A reference for checking a model export.
   */
  useCache?: boolean;
  /**
   * Called once per image between the encoder and the decoder with what the
   * encoder saw; resolving false skips the decoder (the caption comes back
   * with `decoded: false` and no words). The image-type gate lives here.
   */
  beforeDecode?: (view: EncoderView) => boolean | Promise<boolean>;
}

/** What the encoder run offers before any word is generated. */
export interface EncoderView {
  /** The backbone's 1000 ImageNet logits, when the encoder graph exposes them as `logits`. */
  imagenetLogits: Float32Array | null;
  /** The backbone's feature map averaged over space (1280 for MobileNetV2), when the encoder exposes it as `pooled`. */
  pooled: Float32Array | null;
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
  /** Generated token ids, without the start and end tokens. */
  tokens: number[];
  /** True when the caption was cut at maxLength instead of ending by itself. */
  truncated: boolean;
  /** False when `beforeDecode` declined the decoder: then there are no words. */
  decoded: boolean;
  /** The backbone's ImageNet logits, when the encoder exposes them. */
  imagenetLogits: Float32Array | null;
  /** The backend that produced this caption (WASM after a WebGPU fallback). */
  backend: ExecutionBackend;
  /** Milliseconds. `total` includes a failed WebGPU attempt when there was a fallback. */
  timings: StageTimings;
}

export interface ModelInfo {
  id: string;
  backend: ExecutionBackend;
  encoderFile: string;
  decoderFile: string;
  /** WASM threads in force (1 unless crossOriginIsolated or in Node). */
  threads: number;
  /** Plain words for why WebGPU was asked for but isn't used. */
  fallbackReason?: string;
}

/** The model behind a small interface. */
export interface Captioner {
  load(source: ModelSource, options?: LoadOptions): Promise<ModelInfo>;
  caption(image: RgbaImage, options?: GenerateOptions): Promise<Caption>;
  dispose(): Promise<void>;
}
