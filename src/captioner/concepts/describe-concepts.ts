/**
 * The concept half of describing a photo: run the object detector, turn its
 * boxes, the backbone's ImageNet distribution and the photo's colours into
 * named features, say the concepts whose calibrated probability clears their
 * threshold, and cross-check the sentence caption against them.
 *
 * Each part degrades alone: without a detector (missing file, a failure on
 * this image) the ImageNet and colour evidence still answers, and
 * `missing` says what is absent.
 *
 * @example
 *   const seen = await detectObjects(parts, rgba);
 *   const { concepts, captionCheck } = judgeConcepts(parts, { imagenet, stats, detections: seen.detections, image: rgba }, caption.text);
 */
import type { CaptionCheck, ConceptFinding } from '../../shared/concept-finding';
import type { PixelStats } from '../image-type/pixel-stats';
import type { RgbaImage } from '../types';
import { checkCaption, type TermIndex } from './caption-check';
import { conceptFeatures, type ConceptTables, type DetectionLike } from './concept-features';
import { findConcepts, type ConceptModel } from './concept-model';
import { sceneColours } from './scene-colours';
import type { Detection } from './types';

export interface ConceptParts {
  /** Null when the detector could not be loaded; `detectorMissing` says why. */
  detector: { detect(image: RgbaImage): Promise<Detection[]> } | null;
  detectorMissing?: string | null;
  model: ConceptModel;
  tables: ConceptTables;
  terms: TermIndex;
}

export interface ObjectsSeen {
  /** Null when the detector is missing or failed on this image. */
  detections: Detection[] | null;
  /** Plain words for why there are no detections, when there are none to have. */
  missing: string | null;
  ms: number;
}

export async function detectObjects(parts: ConceptParts, image: RgbaImage): Promise<ObjectsSeen> {
  const t0 = performance.now();
  if (!parts.detector) return { detections: null, missing: parts.detectorMissing ?? 'The object detector is not loaded.', ms: 0 };
  try {
    return { detections: await parts.detector.detect(image), missing: null, ms: performance.now() - t0 };
  } catch (error) {
    return { detections: null, missing: `The object detector failed on this image: ${error instanceof Error ? error.message : String(error)}`, ms: performance.now() - t0 };
  }
}

export interface ConceptJudgement {
  concepts: ConceptFinding[];
  /** Null when there was no sentence to check. */
  captionCheck: CaptionCheck | null;
  ms: number;
}

export function judgeConcepts(
  parts: ConceptParts,
  /** `imagenet` is the softmax and `stats` the pixel statistics the image-type gate already computed. */
  evidence: { imagenet: Float32Array | null; stats: PixelStats; detections: readonly DetectionLike[] | null; image: RgbaImage },
  caption: string | null,
): ConceptJudgement {
  const t0 = performance.now();
  const features = conceptFeatures(
    { imagenet: evidence.imagenet, detections: evidence.detections, stats: evidence.stats, colours: sceneColours(evidence.image) },
    parts.tables,
  );
  const concepts = findConcepts(parts.model, features);
  const captionCheck = caption ? checkCaption(caption, parts.model, features, parts.terms, concepts) : null;
  return { concepts, captionCheck, ms: performance.now() - t0 };
}
