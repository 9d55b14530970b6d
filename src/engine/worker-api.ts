/**
 * The one interface between the engine document and its caption worker, shared
 * by both ends of Comlink. Everything that crosses it is structured-cloneable
 * or transferable (the ImageBitmap is transferred, not copied); failures are
 * values, not thrown errors, because Comlink forwards only an Error's message.
 */
import type { CaptionFailure, CaptionModel, CaptionSuccess } from '../shared/messages';
import type { StoredModel } from '../model-store/stored-model';
import type { ImageType } from '../shared/image-type';

export type Backend = 'webgpu' | 'wasm';

export interface WorkerLoadRequest {
  modelId: string;
  /** Absolute URL of the model folder, with a trailing slash. */
  modelUrl: string;
  /** Preferred backend; WebGPU falls back to WASM when it has no adapter or fails. */
  backend: Backend;
  /**
   * Requested WASM threads; used only when the document is crossOriginIsolated.
   * Absent: half the cores, at most 4 (threadCount in src/captioner/env.ts).
   */
  numThreads?: number;
  /**
   * A downloaded model (its OPFS record) that writes the captions; null: the
   * embedded model does. The embedded model is loaded either way: its
   * encoder feeds the image-type gate and the concepts.
   */
  captionModel: StoredModel | null;
}

export interface WorkerReady {
  ok: true;
  backend: Backend;
  /** WASM threads onnxruntime runs with. */
  threads: number;
  crossOriginIsolated: boolean;
  encoderFile: string;
  decoderFile: string;
  /** Parts of the describe path that are missing, in plain words ([] when complete). */
  missing: string[];
  /** The model that writes captions now. */
  speaker: CaptionModel;
  /** Why the requested captionModel is not the speaker (it failed to load); null when it is. */
  fallback: string | null;
  /** How long each part took to load in the worker, ms. */
  loadMs: { captioner: number; ocr: number; concepts: number };
}

export type WorkerFailure = Pick<CaptionFailure, 'ok' | 'code' | 'message'>;

export type WorkerCaption = Omit<CaptionSuccess, 'cached'> | WorkerFailure;

export interface CaptionWorkerApi {
  /** Loads the model once; later calls return the first result. */
  load(request: WorkerLoadRequest): Promise<WorkerReady | WorkerFailure>;
  /**
   * Describes one image (type gate, OCR, caption for photos); the bitmap is
   * closed by the worker. `url` is the image's address, for file-name hints;
   * `placeHint` what its place in the page suggests.
   */
  caption(image: ImageBitmap, url: string, placeHint: ImageType | null): Promise<WorkerCaption>;
  dispose(): Promise<void>;
  /** Holds the Web Lock `name` for the worker's lifetime (see worker-life.ts); resolves once it is held. */
  holdLife(name: string): Promise<void>;
}

/** Posted by the worker (outside Comlink, which ignores it) when its WebGPU device is lost. */
export const GPU_LOST = 'glimpse:gpu-lost';

export interface GpuLostMessage {
  type: typeof GPU_LOST;
  /** The browser's words for the loss. */
  reason: string;
}
