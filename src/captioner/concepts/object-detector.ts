/**
 * COCO object detector: YOLOX-Nano on onnxruntime-web. Pure: runs in Node and
 * in a worker.
 *
 * detect(): letterbox (aspect kept, top-left, pad 114, BGR 0–255) → network →
 * raw grid decode (yolox-decode) → class-wise NMS (nms) → boxes as fractions
 * of the original image. The network input size is read from the graph, so a
 * copy of the same weights rewritten for a smaller input works unchanged.
 *
 * @example
 *   const detector = await createObjectDetector(source);   // source holds yolox_nano.onnx
 *   const found = await detector.detect(rgba);              // [{ label: 'dog', score: 0.83, box, area }, …]
 *   await detector.dispose();
 */
import { defaultEnv, ort, type SessionFactory, type SessionLike } from '../env';
import cocoClasses from './coco-classes.json' with { type: 'json' };
import { DetectorInputError, describeError, invalidFile, missingFile } from './errors';
import { letterbox } from './letterbox';
import { nms } from './nms';
import type { Detection, ObjectDetector, ObjectDetectorOptions } from './types';
import { anchorCount, decodeYolox, type ScoredBox } from './yolox-decode';
import type { ExecutionBackend, ModelSource, RgbaImage } from '../types';

export const COCO_CLASSES: readonly string[] = cocoClasses;

export const DETECTOR_DEFAULTS = {
  file: 'yolox_nano.onnx',
  scoreFloor: 0.05,
  iouThreshold: 0.45,
  maxDetections: 100,
} as const;

/** Images with a side shorter than this are too small to hold a recognisable object. */
export const MIN_DETECT_SIDE = 32;

const SOURCE_HINT = 'Glimpse reads YOLOX-Nano (models/manifest.json → thirdParty.yolox_nano; `npm run models` writes it to .cache/models/detector/).';

async function open(factory: SessionFactory, bytes: Uint8Array, file: string, backend: ExecutionBackend): Promise<{ session: SessionLike; backend: ExecutionBackend }> {
  try {
    return { session: await factory(bytes, backend), backend };
  } catch (error) {
    if (backend === 'webgpu') return open(factory, bytes, file, 'wasm');
    throw invalidFile(file, `is damaged or not an ONNX model onnxruntime can open (${describeError(error)}).`, error);
  }
}

/** The fixed [1, 3, H, W] input of a YOLOX graph, or a ModelError naming the file. */
export function graphInputSize(session: SessionLike, file: string): { width: number; height: number } {
  if (session.inputNames.length !== 1 || session.outputNames.length !== 1) {
    throw invalidFile(file, `has inputs ${session.inputNames.join(', ')} and outputs ${session.outputNames.join(', ')}; a YOLOX detector has one of each.`);
  }
  const meta = session.inputMetadata[0];
  const shape = meta?.isTensor ? meta.shape : [];
  const [, channels, height, width] = shape;
  if (shape.length !== 4 || channels !== 3 || typeof height !== 'number' || typeof width !== 'number' || height % 32 || width % 32) {
    throw invalidFile(file, `has input shape [${shape.join(', ')}]; Glimpse needs a fixed [1, 3, H, W] YOLOX input with H and W multiples of 32.`);
  }
  return { width, height };
}

function checkImage(image: RgbaImage): void {
  const { width, height, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new DetectorInputError('image-invalid', `Image size ${width}×${height} is not a pair of whole numbers.`);
  }
  if (!data || data.length !== width * height * 4) {
    throw new DetectorInputError('image-invalid', `Image data has ${data?.length ?? 0} bytes; ${width}×${height} RGBA needs ${width * height * 4}.`);
  }
}

/** Network-pixel corners → fractions of the original image, clipped to it. */
function toDetection(b: ScoredBox, scale: number, image: RgbaImage): Detection {
  const clip = (v: number): number => Math.min(1, Math.max(0, v));
  const x1 = clip(b.x1 / scale / image.width);
  const y1 = clip(b.y1 / scale / image.height);
  const x2 = clip(b.x2 / scale / image.width);
  const y2 = clip(b.y2 / scale / image.height);
  const box = { x: x1, y: y1, width: x2 - x1, height: y2 - y1 };
  return { classId: b.classId, label: COCO_CLASSES[b.classId]!, score: b.score, box, area: box.width * box.height };
}

/** Loads the YOLOX ONNX file from `source` and checks its input; missing or damaged files are ModelErrors naming the file. */
export async function createObjectDetector(source: ModelSource, options: ObjectDetectorOptions = {}): Promise<ObjectDetector> {
  const file = options.file ?? DETECTOR_DEFAULTS.file;
  const scoreFloor = options.scoreFloor ?? DETECTOR_DEFAULTS.scoreFloor;
  const iouThreshold = options.iouThreshold ?? DETECTOR_DEFAULTS.iouThreshold;
  const maxDetections = options.maxDetections ?? DETECTOR_DEFAULTS.maxDetections;
  const bytes = await source.read(file);
  if (!bytes) throw missingFile(file, source.id, SOURCE_HINT);
  const opened = await open(options.createSession ?? defaultEnv.createSession, bytes, file, options.backend ?? 'wasm');
  let session: SessionLike | null = opened.session;
  let inputSize: { width: number; height: number };
  try {
    inputSize = graphInputSize(opened.session, file);
  } catch (error) {
    await opened.session.release().catch(() => undefined);
    throw error;
  }
  const expectedRows = anchorCount(inputSize);
  const columns = 5 + COCO_CLASSES.length;

  // onnxruntime-web runs one inference per session at a time; calls queue here.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  async function detect(image: RgbaImage): Promise<Detection[]> {
    checkImage(image);
    const s = session;
    if (!s) throw new DetectorInputError('disposed', 'This object detector was disposed.');
    if (image.width < MIN_DETECT_SIDE || image.height < MIN_DETECT_SIDE) return [];
    const input = letterbox(image, inputSize);
    const output = (await s.run({ [s.inputNames[0]!]: new ort.Tensor('float32', input.data, input.dims) }))[s.outputNames[0]!]!;
    const [, rows, cols] = output.dims as number[];
    if (rows !== expectedRows || cols !== columns) {
      throw invalidFile(file, `returned [${output.dims.join(', ')}] for a ${inputSize.width}×${inputSize.height} input; YOLOX with 80 COCO classes returns [1, ${expectedRows}, ${columns}].`);
    }
    const boxes = decodeYolox(output.data as Float32Array, inputSize, COCO_CLASSES.length, scoreFloor);
    return nms(boxes, iouThreshold, maxDetections)
      .map((b) => toDetection(b, input.scale, image))
      .filter((d) => d.area > 0);
  }

  return {
    inputSize,
    backend: opened.backend,
    detect: (image) => serial(() => detect(image)),
    async dispose() {
      const s = session;
      session = null;
      if (s) await serial(() => s.release().catch(() => undefined));
    },
  };
}
