/**
 * Public types of the OCR core. Like the captioner, it is pure TypeScript:
 * model files + RGBA pixels in, text lines out; no DOM, no `fs`.
 */
import type { CaptionerEnv } from '../env';
import type { ExecutionBackend, ModelSource, RgbaImage } from '../types';

export type { ModelSource, RgbaImage };

/** Axis-aligned box in image pixels: [x, y, width, height]. */
export type Box = [x: number, y: number, width: number, height: number];

export interface OcrLine {
  text: string;
  /** 0..1: mean of the recogniser's per-character max probabilities over the line. */
  confidence: number;
  box: Box;
  /**
   * Set when the line runs up or down the picture and was read turned a
   * quarter: 'up' (bottom to top, read turned clockwise) or 'down' (top to
   * bottom, read turned anticlockwise).
   */
  rotated?: 'up' | 'down';
}

export interface OcrResult {
  /** Lines in reading order: top to bottom, then left to right; lines running up or down the picture last. */
  lines: OcrLine[];
  /** The lines' text joined with '\n'; a line read turned a quarter ends with ' (rotated)'. */
  text: string;
  /** Area of the union of the kept text boxes / image area (0..1). */
  coverage: number;
  /** Wall-clock milliseconds for the whole read. */
  ms: number;
}

/** Names of the three files inside the model source (the npm package's names by default). */
export interface OcrFileNames {
  detection: string;
  recognition: string;
  dictionary: string;
}

export interface OcrOptions {
  /** File names in the source; defaults to {@link DEFAULT_OCR_FILES}. */
  files?: Partial<OcrFileNames>;
  /** Execution provider; 'wasm' (default). WebGPU falls back to WASM if a session cannot be created. */
  backend?: ExecutionBackend;
  /** Longest side fed to the detector (multiple of 32 after rounding). Default 960. */
  maxSide?: number;
  /** Images whose longest side is below this are upscaled to it for detection. Default 320. */
  minSide?: number;
  /** Probability threshold of the detector's map. Default 0.3. */
  binaryThreshold?: number;
  /** Minimum mean probability inside a box. Default 0.6. */
  boxThreshold?: number;
  /** DB unclip ratio (box growth around the detected kernel). Default 2: at PaddleOCR's 1.5 the crops are so tight that the recogniser drops spaces between words (word recall 84% vs 98% on rendered samples). */
  unclipRatio?: number;
  /** Lines whose recognition confidence is below this are dropped. Default 0.5. */
  minConfidence?: number;
  /** A blank CTC step whose space-class probability reaches this counts as a word gap (see ctc.ts); 1 turns it off. Default 0.03: on the rendered dev set's train split word recall is 86.6% off, 90.0% at 0.3, 94.6% at 0.1, 94.4% at 0.03; on scanned receipts, whose small print runs words together, 0.03 reads 80.3% of the words against 75.2% at 0.1 at the same precision (real-web receipts, the half not chosen on: models/README "Receipt OCR settings"). */
  spaceThreshold?: number;
  /** At most this many boxes are recognised (the highest-scoring ones). Default 100. */
  maxBoxes?: number;
  /** Longest side of the glance's small copy. Default 640: smaller images are glanced at their full read's own size. */
  glanceSide?: number;
  /** A text box this many times taller than wide is also read turned a quarter each way. Default 1.5. */
  turnAt?: number;
  /** Text in columns is read column by column across a gutter at least this many text heights wide. Default 1.5. */
  columnGutter?: number;
  /** The glance calls text likely when its best box's mean probability reaches this. */
  glanceScore?: number;
  /** Replaces parts of the environment (tests inject failing session factories). */
  env?: Partial<Pick<CaptionerEnv, 'createSession'>>;
}

/** A quick look for text: the detector alone, on a small copy. */
export interface OcrGlance {
  /** Mean detector probability inside the best candidate box; 0 without one. */
  score: number;
  /** score ≥ glanceScore: a full read is worth its cost. */
  likely: boolean;
  ms: number;
}

export interface Ocr {
  read(image: RgbaImage): Promise<OcrResult>;
  glance(image: RgbaImage): Promise<OcrGlance>;
  dispose(): Promise<void>;
}
