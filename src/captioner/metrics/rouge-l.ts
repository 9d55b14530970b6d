/**
 * ROUGE-L as the COCO caption evaluation's rouge.py computes it: per image, the
 * longest common subsequence against each reference, the best precision and
 * the best recall taken separately over the references (not the best F), an
 * F-measure with beta 1.2, then the mean over images.
 */
import { scoredIds, type Candidates, type References } from './types';

const BETA = 1.2;

/**
 * Mean ROUGE-L over the corpus.
 *
 * @example rougeL(new Map([['1', 'a dog']]), new Map([['1', ['a dog', 'a cat']]])) // 1
 */
export function rougeL(candidates: Candidates, references: References): number {
  const ids = scoredIds(candidates, references);
  let sum = 0;
  for (const id of ids) sum += rougeLSentence(candidates.get(id) ?? '', references.get(id) ?? []);
  return ids.length === 0 ? 0 : sum / ids.length;
}

/** ROUGE-L of one candidate against its references. */
export function rougeLSentence(candidate: string, refs: readonly string[]): number {
  // The reference splits on single spaces, not on whitespace runs.
  const cand = candidate.split(' ');
  let precMax = 0;
  let recMax = 0;
  for (const ref of refs) {
    const tokens = ref.split(' ');
    const lcs = lcsLength(tokens, cand);
    precMax = Math.max(precMax, lcs / cand.length);
    recMax = Math.max(recMax, lcs / tokens.length);
  }
  if (precMax === 0 || recMax === 0) return 0;
  return ((1 + BETA ** 2) * precMax * recMax) / (recMax + BETA ** 2 * precMax);
}

function lcsLength(a: readonly string[], b: readonly string[]): number {
  let prev = new Array<number>(b.length + 1).fill(0);
  let cur = new Array<number>(b.length + 1).fill(0);
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      cur[j] = a[i - 1] === b[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, cur[j - 1]!);
    }
    [prev, cur] = [cur, prev];
  }
  return prev[b.length]!;
}
