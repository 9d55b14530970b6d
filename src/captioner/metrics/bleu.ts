/**
 * Corpus BLEU-1..4 as the COCO caption evaluation's bleu_scorer.py computes
 * it with option 'closest': clipped n-gram counts summed over the corpus, the
 * reference length closest to each candidate (the shorter one on a tie), and
 * its tiny/small constants in place of smoothing, which is why a corpus with no
 * matching 4-gram scores about 1e-5 rather than 0.
 */
import { ngramCounts, ngramOrder, splitWords } from './ngrams';
import { scoredIds, type Candidates, type References } from './types';

const TINY = 1e-15;
const SMALL = 1e-9;

/**
 * Returns [BLEU-1, ..., BLEU-n] over the corpus.
 *
 * @example bleu(new Map([['1', 'a dog runs']]), new Map([['1', ['a dog runs']]]))[3] // ≈ 1
 */
export function bleu(candidates: Candidates, references: References, n = 4): number[] {
  const guess = new Array<number>(n).fill(0);
  const correct = new Array<number>(n).fill(0);
  let testLength = 0;
  let refLength = 0;

  for (const id of scoredIds(candidates, references)) {
    const refs = references.get(id) ?? [];
    if (refs.length === 0) throw new Error(`image ${id} has no reference caption`);
    const maxRefCounts = new Map<string, number>();
    const refLengths: number[] = [];
    for (const ref of refs) {
      const words = splitWords(ref);
      refLengths.push(words.length);
      for (const [gram, count] of ngramCounts(words, n)) {
        maxRefCounts.set(gram, Math.max(maxRefCounts.get(gram) ?? 0, count));
      }
    }

    const words = splitWords(candidates.get(id) ?? '');
    testLength += words.length;
    refLength += closestLength(refLengths, words.length);
    for (let k = 1; k <= n; k++) guess[k - 1]! += Math.max(0, words.length - k + 1);
    for (const [gram, count] of ngramCounts(words, n)) {
      correct[ngramOrder(gram) - 1]! += Math.min(maxRefCounts.get(gram) ?? 0, count);
    }
  }

  const scores: number[] = [];
  let product = 1;
  for (let k = 0; k < n; k++) {
    // Cumulative product, as the reference does: BLEU-k is the geometric mean of p1..pk.
    product *= (correct[k]! + TINY) / (guess[k]! + SMALL);
    scores.push(product ** (1 / (k + 1)));
  }
  const ratio = (testLength + TINY) / (refLength + SMALL);
  if (ratio < 1) {
    const brevity = Math.exp(1 - 1 / ratio);
    for (let k = 0; k < n; k++) scores[k]! *= brevity;
  }
  return scores;
}

/** The reference length closest to the candidate's; Python's min over (distance, length) tuples breaks ties towards the shorter. */
function closestLength(lengths: readonly number[], testLength: number): number {
  let best = lengths[0]!;
  for (const length of lengths) {
    const d = Math.abs(length - testLength);
    const bestD = Math.abs(best - testLength);
    if (d < bestD || (d === bestD && length < best)) best = length;
  }
  return best;
}
