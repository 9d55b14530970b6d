/**
 * One thing the engine is sure a photo shows, with the reasons an auditor can
 * cite. Concepts come from calibrated models over the object detector, the
 * backbone's ImageNet classes and the photo's colours; each is said only above
 * a threshold whose precision was measured on held-out photos.
 */
export type ConceptKind = 'person' | 'animal' | 'object' | 'place' | 'setting';

export interface ConceptFinding {
  /** The plain word, e.g. 'dog', 'water', 'outdoors'. */
  word: string;
  kind: ConceptKind;
  /** What the name says: 'a dog', '2 people', 'a group of people', 'water'. */
  phrase: string;
  /** The concept model's probability, 0..1. */
  probability: number;
  /** The probability from which this concept is said. */
  sayAt: number;
  /** Precision measured at `sayAt` on held-out photos. */
  precision: number | null;
  /** Boxes the detector counted, when the phrase is a count. */
  count: number | null;
  /** Largest detected box's share of the image (0 for settings): salient things first. */
  salience: number;
  /** Which detector said it, with what score; which ImageNet class was mapped to which word. */
  reasons: string[];
}

/** Why a caption was not written although its confidence cleared the floor. */
export interface CaptionCheck {
  /** True when the caption contradicts the evidence. */
  contradicted: boolean;
  /** e.g. 'the caption names a horse; the evidence gives a horse 2% (said from 70%); it finds 3 people' */
  reason: string | null;
}
