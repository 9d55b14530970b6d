/**
 * One image, described honestly: the encoder runs once; its ImageNet logits,
 * the pixel statistics and OCR feed the image-type gate; only photos go on to
 * the caption decoder. Charts, screenshots, banners, logos and illustrations
 * come back with their type and the text read in them, never with a caption
 * the photo-trained model would invent. A blank picture (fully transparent,
 * one flat colour) is a placeholder: it throws PlaceholderImageError.
 *
 * @example
 *   const d = await describeImage({ captioner, gate, ocr }, rgba, { url: img.src });
 *   d.type?.type      // 'chart'
 *   d.caption.decoded // false: the decoder never ran
 *   d.text?.text      // 'Quarterly sales 2024 …'
 */
import { blankPicture } from './image-type/blank';
import { PlaceholderImageError } from './errors';
import { classify, type GateModel, type TypeDecision } from './image-type/gate';
import { gatherEvidence, type Evidence, type TextReading } from './image-type/evidence';
import { detectObjects, judgeConcepts, type ConceptParts, type ObjectsSeen } from './concepts/describe-concepts';
import type { CaptionCheck, ConceptFinding } from '../shared/concept-finding';
import type { CaptionSuccess } from '../shared/engine-types';
import type { Caption, Captioner, GenerateOptions, RgbaImage } from './types';
import type { ImageType } from '../shared/image-type';

/** An OCR engine as the describer needs it. */
export interface TextReader {
  read(image: RgbaImage): Promise<TextReading>;
  /** A cheap look for text; without it every image gets a full read. */
  glance?(image: RgbaImage): Promise<{ likely: boolean }>;
}

/** What a glance that saw no text stands for: a read that found nothing. */
const NOTHING_READ: TextReading = { text: '', coverage: 0, lines: [] };

export interface DescribeParts {
  captioner: Pick<Captioner, 'caption'>;
  /** Without a gate every image is captioned, as before the gate existed. */
  gate: GateModel | null;
  ocr: TextReader | null;
  /** Without concept parts photos get only their caption, as before concepts existed. */
  concepts?: ConceptParts | null;
}

export interface Description {
  caption: Caption;
  type: TypeDecision | null;
  text: TextReading | null;
  /** Why OCR gave nothing, when it failed (the description goes on without text). */
  textError: string | null;
  /** What calibrated models are sure a photo shows; [] for non-photos. */
  concepts: ConceptFinding[];
  /** The caption cross-checked against the concepts; null without a caption or concept parts. */
  captionCheck: CaptionCheck | null;
  /** Plain words for concept evidence that is missing on this image. */
  conceptsMissing: string | null;
  timings: { ocr: number; gate: number; detector: number; concepts: number };
}

function isPhoto(type: TypeDecision | null): boolean {
  return type === null || type.type === 'photo';
}

export async function describeImage(
  parts: DescribeParts,
  image: RgbaImage,
  options: { url?: string; placeHint?: ImageType | null; generate?: GenerateOptions } = {},
): Promise<Description> {
  // Nothing to look at: never typed, never captioned (the engine answers "placeholder, not described").
  const blank = blankPicture(image);
  if (blank) throw new PlaceholderImageError(blank);
  let type: TypeDecision | null = null;
  let text: TextReading | null = null;
  let textError: string | null = null;
  let decided = false;
  let seen: ObjectsSeen | null = null;
  let evidence: Evidence | null = null;
  const timings = { ocr: 0, gate: 0, detector: 0, concepts: 0 };
  const caption = await parts.captioner.caption(image, {
    ...options.generate,
    // Runs again if a WebGPU failure makes the captioner retry on WASM; the first answer stands.
    beforeDecode: async (seenByEncoder) => {
      if (!decided) {
        const t0 = performance.now();
        const read = async (): Promise<TextReading | null> => {
          try {
            return parts.ocr ? await parts.ocr.read(image) : null;
          } catch (error) {
            textError = `Text could not be read: ${error instanceof Error ? error.message : String(error)}`;
            return null;
          }
        };
        // A photo whose small copy shows no text box skips the full read; anything the gate
        // calls a non-photo is read in full and decided again, so non-photos keep all their text.
        let glanced = false;
        if (parts.ocr?.glance) {
          try {
            glanced = !(await parts.ocr.glance(image)).likely;
          } catch {
            glanced = false; // the full read below reports the failure
          }
        }
        text = glanced ? NOTHING_READ : await read();
        let t1 = performance.now();
        // The gate's evidence (ImageNet softmax, pixel statistics) is the concepts' too: computed once.
        evidence = parts.gate || parts.concepts ? gatherEvidence(image, seenByEncoder, text) : null;
        const decide = (e: Evidence | null): TypeDecision | null => (parts.gate && e ? classify(parts.gate, e, options.url, options.placeHint ?? null) : null);
        type = decide(evidence);
        if (glanced && !isPhoto(type)) {
          const t2 = performance.now();
          text = await read();
          evidence = evidence && { ...evidence, text };
          type = decide(evidence);
          t1 += performance.now() - t2;
        }
        timings.ocr = t1 - t0;
        timings.gate = performance.now() - t1;
        decided = true;
        if (isPhoto(type) && parts.concepts) {
          seen = await detectObjects(parts.concepts, image);
          timings.detector = seen.ms;
        }
      }
      return isPhoto(type);
    },
  });
  const objects = seen as ObjectsSeen | null;
  const known = evidence as Evidence | null;
  // Non-photos keep their typed labels: no concepts are said of them.
  if (!parts.concepts || !objects || !known) return { caption, type, text, textError, concepts: [], captionCheck: null, conceptsMissing: !parts.concepts && isPhoto(type) ? 'The concept models are not loaded.' : null, timings };
  const judged = judgeConcepts(
    parts.concepts,
    { imagenet: known.imagenet, stats: known.stats, detections: objects.detections, image },
    caption.decoded && caption.text.trim() ? caption.text : null,
  );
  timings.concepts = judged.ms;
  return { caption, type, text, textError, concepts: judged.concepts, captionCheck: judged.captionCheck, conceptsMissing: objects.missing, timings };
}

/**
 * A description as the engine answers it (the worker's reply, the judge's
 * input to the label rules).
 *
 * @example decideLabel({ ...answerOf(await describeImage(parts, rgba)), cached: false }, settings)
 */
export function answerOf(d: Description): Omit<CaptionSuccess, 'cached'> {
  return {
    ok: true,
    text: d.caption.text,
    captioned: d.caption.decoded,
    confidence: d.caption.confidence,
    imageType: d.type && { type: d.type.type, confidence: d.type.confidence, reasons: d.type.reasons },
    ocrText: d.text?.text ?? '',
    concepts: d.concepts,
    captionCheck: d.captionCheck,
    conceptsMissing: d.conceptsMissing,
    tokens: d.caption.tokens,
    timings: { ...d.caption.timings, ...d.timings },
    backend: d.caption.backend,
  };
}
