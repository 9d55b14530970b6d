/** What the engine reports about itself, shown in the popup and the overlay. */
export interface EngineStatus {
  state: 'idle' | 'loading' | 'ready' | 'error';
  backend: 'webgpu' | 'wasm' | null;
  threads: number;
  crossOriginIsolated: boolean;
  model: string | null;
  /** Plain-words error for the user, when state is 'error'. */
  error: string | null;
}

export interface CaptionSuccess {
  ok: true;
  text: string;
  /** 0..1, see src/captioner/confidence.ts for the formula. */
  confidence: number;
  tokens: number[];
  timings: { preprocess: number; encoder: number; decoder: number; total: number };
  backend: 'webgpu' | 'wasm';
  cached: boolean;
}

export interface CaptionFailure {
  ok: false;
  /** Stable code for programs, `message` for people. */
  code: 'too-large' | 'unreadable' | 'fetch-failed' | 'model-missing' | 'model-invalid' | 'cancelled' | 'engine-error';
  message: string;
}

export type CaptionOutcome = CaptionSuccess | CaptionFailure;
