/**
 * The named numbers the concept models read, with where each came from. One
 * definition serves the engine and the script that dumps the training set,
 * so the models are fitted on exactly what they later see.
 *
 * - `det:<word>`: the detector's best score for the COCO classes said as
 *   <word>; `det:<word>:n` how many boxes (score ≥ 0.3), `det:<word>:area` the
 *   largest one's share of the image.
 * - `in:<word>`: the backbone's ImageNet probability summed over the classes
 *   that WordNet maps to <word>, on a log scale (0 = 1e-4 or less, 1 = certain).
 * - `px:<name>`: pixel statistics and scene colours.
 *
 * @example
 *   const f = conceptFeatures({ imagenet, detections, stats, colours }, tables);
 *   f.values.get('det:dog') // 0.93
 *   f.imagenetFor('dog')    // [{ label: 'golden retriever', p: 0.61 }, …]
 */
import type { PixelStats } from '../image-type/pixel-stats';
import type { SceneColours } from './scene-colours';

/** A detection as the concept models need it (see object-detector.ts). */
export interface DetectionLike {
  label: string;
  score: number;
  /** Share of the image the box covers, 0..1. */
  area: number;
}

export interface ConceptTables {
  /** For each ImageNet class, in logit order: its label and the plain words it maps to. */
  imagenet: readonly { label: string; words: readonly string[] }[];
  /** COCO class name → plain word, or null when never said. */
  coco: Readonly<Record<string, string | null>>;
}

export interface ConceptInputs {
  /** Softmax of the backbone's ImageNet logits; null when the encoder has none. */
  imagenet: Float32Array | null;
  /** Null when the detector is missing or failed on this image. */
  detections: readonly DetectionLike[] | null;
  stats: PixelStats;
  colours: SceneColours;
}

export interface ConceptFeatures {
  values: Map<string, number>;
  /** The ImageNet classes behind `in:<word>`, most probable first. */
  imagenetFor(word: string): { label: string; p: number }[];
  /** The detections behind `det:<word>`, best first. */
  detectionsFor(word: string): DetectionLike[];
  detectorRan: boolean;
}

/** A box counts towards `:n` and `:area` from this score. */
export const COUNT_SCORE = 0.3;
const LOG_FLOOR = 1e-4;

export function logProbability(p: number): number {
  return Math.max(0, (Math.log10(p + LOG_FLOOR) - Math.log10(LOG_FLOOR)) / -Math.log10(LOG_FLOOR));
}

export function conceptFeatures(inputs: ConceptInputs, tables: ConceptTables): ConceptFeatures {
  const values = new Map<string, number>();
  const inClasses = new Map<string, { label: string; p: number }[]>();
  if (inputs.imagenet) {
    const sums = new Map<string, number>();
    tables.imagenet.forEach((entry, i) => {
      const p = inputs.imagenet![i] ?? 0;
      for (const word of entry.words) {
        sums.set(word, (sums.get(word) ?? 0) + p);
        if (p >= 0.01) inClasses.set(word, [...(inClasses.get(word) ?? []), { label: entry.label, p }]);
      }
    });
    for (const [word, p] of sums) values.set(`in:${word}`, logProbability(p));
  }
  const byWord = new Map<string, DetectionLike[]>();
  for (const d of inputs.detections ?? []) {
    const word = tables.coco[d.label];
    if (word) byWord.set(word, [...(byWord.get(word) ?? []), d]);
  }
  for (const [word, list] of byWord) {
    list.sort((a, b) => b.score - a.score);
    const counted = list.filter((d) => d.score >= COUNT_SCORE);
    values.set(`det:${word}`, list[0]!.score);
    values.set(`det:${word}:n`, Math.log1p(counted.length) / 2);
    values.set(`det:${word}:area`, Math.max(0, ...counted.map((d) => d.area)));
  }
  for (const [name, v] of Object.entries(inputs.stats)) values.set(`px:${name}`, v);
  for (const [name, v] of Object.entries(inputs.colours)) values.set(`px:${name}`, v);
  return {
    values,
    imagenetFor: (word) => [...(inClasses.get(word) ?? [])].sort((a, b) => b.p - a.p),
    detectionsFor: (word) => byWord.get(word) ?? [],
    detectorRan: inputs.detections !== null,
  };
}
