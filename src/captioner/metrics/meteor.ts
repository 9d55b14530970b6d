/**
 * METEOR (exact+stem): METEOR 1.5's scoring with only its exact and stem
 * matching modules.
 *
 * METEOR 1.5 also matches WordNet synonyms and paraphrases from tables shipped
 * inside its Java jar; neither is available here, so this scores lower than
 * METEOR 1.5 wherever a candidate paraphrases a reference, and must be named
 * "METEOR (exact+stem)" wherever it is reported. Everything else follows
 * METEOR 1.5 with `-l en -norm`, as the COCO caption evaluation runs it:
 * lower-casing and punctuation tokenisation, English "rank" parameters
 * (alpha 0.85, beta 0.2, gamma 0.6, delta 0.75), module weights 1.0 (exact)
 * and 0.6 (stem), content/function word weighting, the chunk fragmentation
 * penalty, the best-scoring reference per image, and one corpus score computed
 * from the summed statistics of every image (not a mean of image scores).
 */
import { alignWords, countChunks, MODULE_EXACT, MODULE_STEM } from './meteor-align';
import { FUNCTION_WORDS } from './meteor-function-words';
import { scoredIds, type Candidates, type References } from './types';

const ALPHA = 0.85;
const BETA = 0.2;
const GAMMA = 0.6;
const DELTA = 0.75;
const MODULE_WEIGHTS = [1.0, 0.6];
const MODULES = [MODULE_EXACT, MODULE_STEM];

/** METEOR's sufficient statistics for one candidate/reference pair, or summed over a corpus. */
export interface MeteorStats {
  testLength: number;
  referenceLength: number;
  testFunctionWords: number;
  referenceFunctionWords: number;
  /** Matched words per module, split by content/function word, for each side. */
  testContent: number[];
  testFunction: number[];
  referenceContent: number[];
  referenceFunction: number[];
  testMatches: number;
  referenceMatches: number;
  chunks: number;
}

/**
 * Corpus METEOR (exact+stem).
 *
 * @example meteor(new Map([['1', 'a dog runs']]), new Map([['1', ['a dog is running']]]))
 */
export function meteor(candidates: Candidates, references: References): number {
  const total = emptyStats();
  for (const id of scoredIds(candidates, references)) {
    addStats(total, bestReferenceStats(candidates.get(id) ?? '', references.get(id) ?? []));
  }
  return meteorScore(total);
}

/** Statistics against the best-scoring reference; the first one wins a tie. */
export function bestReferenceStats(candidate: string, refs: readonly string[]): MeteorStats {
  const test = normalize(candidate);
  let best = emptyStats();
  let bestScore = -1;
  for (const ref of refs) {
    const stats = pairStats(test, normalize(ref));
    const score = meteorScore(stats);
    if (score > bestScore) {
      best = stats;
      bestScore = score;
    }
  }
  return best;
}

/**
 * METEOR's `-norm` normalisation: lower-case, punctuation split off words
 * (mteval-style; periods and commas stay inside numbers), split on whitespace.
 */
export function normalize(line: string): string[] {
  const text = line
    .replace(/([{-~[-` -&(-+:-@/])/g, ' $1 ')
    .replace(/([^0-9])([.,])/g, '$1 $2 ')
    .replace(/([.,])([^0-9])/g, ' $1 $2')
    .replace(/([0-9])(-)/g, '$1 $2 ')
    .toLowerCase()
    .trim();
  return text === '' ? [] : text.split(/\s+/);
}

function pairStats(test: readonly string[], ref: readonly string[]): MeteorStats {
  const stats = emptyStats();
  stats.testLength = test.length;
  stats.referenceLength = ref.length;
  const fw1 = test.map((w) => FUNCTION_WORDS.has(w));
  const fw2 = ref.map((w) => FUNCTION_WORDS.has(w));
  stats.testFunctionWords = fw1.filter(Boolean).length;
  stats.referenceFunctionWords = fw2.filter(Boolean).length;

  const matches = alignWords(test, ref);
  for (const m of matches) {
    if (m === null) continue;
    if (fw1[m.matchStart]) stats.testFunction[m.module]!++;
    else stats.testContent[m.module]!++;
    if (fw2[m.start]) stats.referenceFunction[m.module]!++;
    else stats.referenceContent[m.module]!++;
  }
  const { matched, chunks } = countChunks(matches);
  stats.testMatches = matched;
  stats.referenceMatches = matched;
  stats.chunks = chunks;
  return stats;
}

/** The METEOR score of (possibly summed) statistics. */
export function meteorScore(s: MeteorStats): number {
  let testWeighted = 0;
  let refWeighted = 0;
  for (let i = 0; i < MODULES.length; i++) {
    testWeighted += s.testContent[i]! * MODULE_WEIGHTS[i]! * DELTA + s.testFunction[i]! * MODULE_WEIGHTS[i]! * (1 - DELTA);
    refWeighted += s.referenceContent[i]! * MODULE_WEIGHTS[i]! * DELTA + s.referenceFunction[i]! * MODULE_WEIGHTS[i]! * (1 - DELTA);
  }
  const testLen = DELTA * (s.testLength - s.testFunctionWords) + (1 - DELTA) * s.testFunctionWords;
  const refLen = DELTA * (s.referenceLength - s.referenceFunctionWords) + (1 - DELTA) * s.referenceFunctionWords;
  const precision = testWeighted / testLen;
  const recall = refWeighted / refLen;
  const fMean = 1 / ((1 - ALPHA) / precision + ALPHA / recall);
  // A perfect match in a single chunk has no fragmentation at all.
  const frag =
    s.testMatches === s.testLength && s.referenceMatches === s.referenceLength && s.chunks === 1
      ? 0
      : s.chunks / ((s.testMatches + s.referenceMatches) / 2);
  const score = fMean * (1 - GAMMA * frag ** BETA);
  return Number.isNaN(score) ? 0 : Math.max(score, 0);
}

function emptyStats(): MeteorStats {
  const zeros = (): number[] => MODULES.map(() => 0);
  return {
    testLength: 0,
    referenceLength: 0,
    testFunctionWords: 0,
    referenceFunctionWords: 0,
    testContent: zeros(),
    testFunction: zeros(),
    referenceContent: zeros(),
    referenceFunction: zeros(),
    testMatches: 0,
    referenceMatches: 0,
    chunks: 0,
  };
}

function addStats(into: MeteorStats, s: MeteorStats): void {
  into.testLength += s.testLength;
  into.referenceLength += s.referenceLength;
  into.testFunctionWords += s.testFunctionWords;
  into.referenceFunctionWords += s.referenceFunctionWords;
  into.testMatches += s.testMatches;
  into.referenceMatches += s.referenceMatches;
  into.chunks += s.chunks;
  for (let i = 0; i < MODULES.length; i++) {
    into.testContent[i]! += s.testContent[i]!;
    into.testFunction[i]! += s.testFunction[i]!;
    into.referenceContent[i]! += s.referenceContent[i]!;
    into.referenceFunction[i]! += s.referenceFunction[i]!;
  }
}
