/**
 * The calibrated concept models: one logistic regression per concept over
 * named features (concept-features.ts), fitted by training/train-concepts.py
 * on Flickr8k train photos whose reference captions name the concept, with a
 * threshold chosen on photos held out from the fit so that what is said is
 * right at least 90% of the time. A concept that could not reach that has no
 * threshold and is never said. Ships as models/glimpse-captioner/concepts.json.
 *
 * @example
 *   const model = checkConceptModel(JSON.parse(json));
 *   findConcepts(model, features) // [{ word: 'dog', phrase: 'a dog', probability: 0.97, … }]
 */
import type { ConceptFinding, ConceptKind } from '../../shared/concept-finding';
import { COUNT_SCORE, type ConceptFeatures } from './concept-features';
import { counted, plural } from './plural';

export interface ConceptEntry {
  word: string;
  kind: ConceptKind;
  features: string[];
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
  /** Said from this probability; null: never said (under 90% precision, or too few held-out positives). */
  sayAt: number | null;
  /** A caption naming this concept is contradicted below this probability. */
  ruleOutBelow: number | null;
  /** Measured on the photos held out from the fit, where the threshold was chosen. */
  heldOut: { precision: number | null; said: number; positives: number };
  /**
   * What must be seen before a thing is said, any one of: its detector score
   * or its ImageNet classes at a level. Never said on a collection's prior alone
   * (three Flickr8k photos in four show people). Empty for settings.
   */
  evidence?: { feature: string; atLeast: number }[];
}

export interface CountRule {
  /** Counted by the detector's boxes for this word. */
  word: string;
  /** Boxes from this score count. */
  minScore: number;
  /** A further box from this score (below minScore) makes the number unsure: said as several, never as 1. */
  doubtFrom?: number | null;
  /** Counts up to this are said as numbers ('a person', '2 people'). 0: never said as a number. */
  numeralsUpTo: number;
  /** Above `numeralsUpTo`, 'a group of people' / 'dogs' when this held its precision; else just the word. */
  groupsOk: boolean;
}

export interface ConceptModel {
  about: string;
  concepts: ConceptEntry[];
  counts: CountRule[];
}

/** Checks a parsed concepts.json; throws with what is wrong. */
export function checkConceptModel(raw: unknown): ConceptModel {
  const m = raw as Partial<ConceptModel>;
  const ok =
    Array.isArray(m.concepts) && Array.isArray(m.counts) &&
    m.concepts.every((c) => typeof c.word === 'string' && Array.isArray(c.features) && c.features.length > 0 &&
      c.mean?.length === c.features.length && c.scale?.length === c.features.length && c.weights?.length === c.features.length &&
      typeof c.bias === 'number' && (c.sayAt === null || typeof c.sayAt === 'number'));
  if (!ok) throw new Error('concepts.json is not a concept model (concepts with features, mean, scale, weights, bias, sayAt; counts).');
  return m as ConceptModel;
}

/** The model's probability that the photo shows `entry`'s concept. */
export function conceptProbability(entry: ConceptEntry, features: ConceptFeatures): number {
  let z = entry.bias;
  entry.features.forEach((name, i) => {
    z += entry.weights[i]! * ((features.values.get(name) ?? 0) - entry.mean[i]!) / entry.scale[i]!;
  });
  return 1 / (1 + Math.exp(-z));
}

/** Whether the photo shows the concept's own evidence (always, for concepts without rules). */
export function hasEvidence(entry: ConceptEntry, features: ConceptFeatures): boolean {
  const rules = entry.evidence ?? [];
  return rules.length === 0 || rules.some((r) => (features.values.get(r.feature) ?? 0) >= r.atLeast);
}

/** Whether a concept's evidence includes the detector (then it means little when the detector did not run). */
export function usesDetector(entry: ConceptEntry): boolean {
  return entry.features.some((f) => f.startsWith('det:'));
}

const pct = (p: number): string => `${Math.round(p * 100)}%`;

/** Plain words for what a concept rests on, strongest first. */
export function conceptReasons(entry: ConceptEntry, features: ConceptFeatures, probability: number): string[] {
  const reasons: string[] = [];
  const boxes = features.detectionsFor(entry.word);
  if (boxes.length) {
    const n = boxes.filter((d) => d.score >= COUNT_SCORE).length;
    reasons.push(`object detector (YOLOX-Nano, COCO): ${boxes[0]!.label} ${boxes[0]!.score.toFixed(2)}${n > 1 ? `, ${n} boxes` : ''}`);
  }
  const classes = features.imagenetFor(entry.word).slice(0, 3);
  if (classes.length) reasons.push(`ImageNet classes → ${entry.word}: ${classes.map((c) => `${c.label} ${c.p.toFixed(2)}`).join(', ')}`);
  if (entry.features.some((f) => f.startsWith('px:'))) reasons.push('the photo\'s colours and texture');
  const at = entry.sayAt === null ? '' : `, said from ${pct(entry.sayAt)}`;
  const precision = entry.heldOut.precision === null ? '' : `; right ${pct(entry.heldOut.precision)} of the time on held-out photos`;
  reasons.push(`concept model: ${pct(probability)}${at}${precision}`);
  return reasons;
}

function phraseFor(entry: ConceptEntry, rule: CountRule | undefined, features: ConceptFeatures): { phrase: string; count: number | null } {
  if (!rule || !features.detectorRan) return { phrase: entry.word, count: null };
  const boxes = features.detectionsFor(entry.word);
  const sure = boxes.filter((d) => d.score >= rule.minScore).length;
  const doubt = sure >= 1 && rule.doubtFrom != null && boxes.some((d) => d.score >= rule.doubtFrom! && d.score < rule.minScore);
  // An unsure number counts as several: 'one or more people', never 'a person' beside a second likely box.
  const n = doubt ? Math.max(sure, 2) : sure;
  if (!doubt && n >= 1 && n <= rule.numeralsUpTo) return { phrase: counted(entry.word, n), count: n };
  if (n >= 2 && rule.groupsOk) return { phrase: entry.kind === 'person' ? `a group of ${plural(entry.word)}` : plural(entry.word), count: null };
  // Several boxes but no count that held its precision: say no number ('one or more people', never 'person').
  return { phrase: n >= 2 ? `one or more ${plural(entry.word)}` : entry.word, count: null };
}

/**
 * Every concept said for this photo: probability at or above its threshold,
 * the most salient first (large detections before small, settings last).
 */
export function findConcepts(model: ConceptModel, features: ConceptFeatures): ConceptFinding[] {
  const found: ConceptFinding[] = [];
  for (const entry of model.concepts) {
    if (entry.sayAt === null || !hasEvidence(entry, features)) continue;
    const probability = conceptProbability(entry, features);
    if (probability < entry.sayAt) continue;
    const { phrase, count } = phraseFor(entry, model.counts.find((r) => r.word === entry.word), features);
    const salience = Math.max(0, ...features.detectionsFor(entry.word).map((d) => d.area));
    found.push({
      word: entry.word, kind: entry.kind, phrase, probability, sayAt: entry.sayAt, precision: entry.heldOut.precision,
      count, salience, reasons: conceptReasons(entry, features, probability),
    });
  }
  const rank = (f: ConceptFinding): number => (f.kind === 'setting' ? -2 : f.kind === 'place' ? -1 : f.salience);
  return found.sort((a, b) => rank(b) - rank(a) || b.probability - a.probability);
}
