/**
 * Public types of the COCO object detector (YOLOX-Nano on onnxruntime-web).
 */
import type { SessionFactory } from '../env';
import type { ExecutionBackend, RgbaImage } from '../types';

export type { ExecutionBackend, ModelSource, RgbaImage } from '../types';

/** One detected object. Box and area are fractions of the image (0..1), so they survive any later resize. */
export interface Detection {
  /** COCO class index 0..79 (YOLOX order). */
  classId: number;
  /** COCO class name, e.g. "person", "dog", "traffic light". */
  label: string;
  /** Objectness × class probability, 0..1. Not calibrated: callers pick per-class thresholds. */
  score: number;
  /** Left, top, width, height as fractions of the image's width and height. */
  box: { x: number; y: number; width: number; height: number };
  /** box.width × box.height: the fraction of the image the box covers. */
  area: number;
}

export interface ObjectDetectorOptions {
  /** Preferred backend; WebGPU falls back to WASM when the session can't be made (default 'wasm'). */
  backend?: ExecutionBackend;
  /** The ONNX file inside the source (default `yolox_nano.onnx`). */
  file?: string;
  /** Lowest score returned (default 0.05), low so that calibration can choose per-class thresholds above it. */
  scoreFloor?: number;
  /** IoU above which a lower-scored box of the same class is dropped (default 0.45, YOLOX's). */
  iouThreshold?: number;
  /** Most detections returned, highest score first (default 100). */
  maxDetections?: number;
  /** Session factory; the default is onnxruntime-web (env.ts). */
  createSession?: SessionFactory;
}

export interface ObjectDetector {
  /** Objects found, highest score first; [] for images under 32 px on a side. */
  detect(image: RgbaImage): Promise<Detection[]>;
  /** The network input size read from the graph, e.g. 416×416. */
  readonly inputSize: { width: number; height: number };
  /** The backend in use (WASM after a WebGPU fallback). */
  readonly backend: ExecutionBackend;
  dispose(): Promise<void>;
}
