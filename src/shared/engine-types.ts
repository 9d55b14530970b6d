import type { CaptionCheck, ConceptFinding } from './concept-finding';
import type { ImageType } from './image-type';

/** What the engine reports about itself, shown in the popup and the overlay. */
export interface EngineStatus {
  state: 'idle' | 'loading' | 'ready' | 'error';
  backend: 'webgpu' | 'wasm' | null;
  threads: number;
  crossOriginIsolated: boolean;
  model: string | null;
  /** Plain-words error for the user, when state is 'error'. */
  error: string | null;
  /** Parts of the describe path that could not be loaded (e.g. the object detector), in plain words. */
  missing: string[];
  /**
   * Why the chosen captioning model is not the one in use (it failed to load,
   * or is no longer stored): the embedded model describes images instead.
   */
  fallback?: string | null;
  /** Once ready: ms to load each part in the worker, and `total` from starting the worker to ready. */
  loadMs?: { captioner: number; ocr: number; concepts: number; total: number };
}

/** The engine's image-type gate's decision, with reasons an auditor can cite. */
export interface TypeVerdict {
  type: ImageType;
  /** The gate's probability for `type`, 0..1. */
  confidence: number;
  reasons: string[];
}

/** The model that wrote a caption (the image-type gate and concepts are always the embedded model's). */
export interface CaptionModel {
  id: string;
  /** For people: "distilvit (Mozilla)". */
  name: string;
  /** Whether Glimpse's confidence thresholds were measured for it; the label rules are stricter when not. */
  calibrated: boolean;
  /**
   * The thresholds measured for this model (a downloaded model with a
   * calibration in Glimpse's list); absent for the embedded model, whose
   * thresholds are the ones in the options.
   */
  thresholds?: ModelCalibration;
}

/** Confidence thresholds measured for one captioning model on labelled photos. */
export interface ModelCalibration {
  /** Captions below this confidence are withheld. */
  withholdBelow: number;
  /** Captions from this confidence up are said without a hedge. */
  confidentAt: number;
  /** Where they were measured, for the options page ("Flickr8k dev, 1,000 photos"). */
  measuredOn: string;
}

export interface CaptionSuccess {
  ok: true;
  /** The caption; '' when the image was not captioned (see `captioned`). */
  text: string;
  /** False when the image-type gate kept the image from the captioner (charts, banners, logos…). */
  captioned: boolean;
  /** What kind of picture it is; null when the engine runs without a gate. */
  imageType: TypeVerdict | null;
  /** Legible text read by OCR, lines joined in reading order; '' when none. */
  ocrText: string;
  /** 0..1, see src/captioner/confidence.ts for the formula. */
  confidence: number;
  /** What calibrated models are sure the photo shows, most salient first; [] for non-photos or when none is sure. */
  concepts: ConceptFinding[];
  /** The caption cross-checked against the concepts' evidence; null when there was no caption to check. */
  captionCheck: CaptionCheck | null;
  /** Plain words for concept evidence that is missing (no detector file, a detector failure); null when all ran. */
  conceptsMissing: string | null;
  tokens: number[];
  /** Milliseconds; `ocr` and `gate` when the image-type gate ran (inside `total`). */
  timings: { preprocess: number; encoder: number; decoder: number; total: number; ocr?: number; gate?: number; detector?: number; concepts?: number };
  backend: 'webgpu' | 'wasm';
  /** Which model wrote `text`; absent only in answers built outside the engine (tests, tools). */
  model?: CaptionModel;
  cached: boolean;
}

export interface CaptionFailure {
  ok: false;
  /** Stable code for programs, `message` for people. */
  code: 'too-large' | 'unreadable' | 'fetch-failed' | 'model-missing' | 'model-invalid' | 'cancelled' | 'engine-error' | 'queue-full' | 'timed-out' | 'private-address' | 'placeholder';
  message: string;
}

export type CaptionOutcome = CaptionSuccess | CaptionFailure;
