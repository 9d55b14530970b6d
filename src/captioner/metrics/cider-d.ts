/**
 * CIDEr-D as the COCO caption evaluation's cider_scorer.py computes it:
 * TF-IDF n-gram vectors (n = 1..4) with document frequencies counted over the
 * references of the evaluated set itself, so a score depends on the whole set;
 * clipped similarity (min of candidate and reference weights), a Gaussian
 * length penalty with sigma 6, the mean over orders and references, times 10.
 */
import { ngramCounts, ngramOrder, splitWords } from './ngrams';
import { scoredIds, type Candidates, type References } from './types';

const N = 4;
const SIGMA = 6;

interface Vector {
  weights: Map<string, number>[];
  norms: number[];
  length: number;
}

/**
 * Mean CIDEr-D over the corpus.
 *
 * @example ciderD(candidates, references) // 0 for a single image: every n-gram then has idf 0
 */
export function ciderD(candidates: Candidates, references: References): number {
  const scores = [...ciderDPerImage(candidates, references).values()];
  return scores.length === 0 ? 0 : scores.reduce((a, b) => a + b, 0) / scores.length;
}

/**
 * Each image's CIDEr-D, with document frequencies over the whole evaluated
 * set (so their mean is {@link ciderD}): for per-image analysis and the
 * standard error of the corpus score.
 */
export function ciderDPerImage(candidates: Candidates, references: References): Map<string, number> {
  const ids = scoredIds(candidates, references);
  const out = new Map<string, number>();
  if (ids.length === 0) return out;
  const refCounts = ids.map((id) => (references.get(id) ?? []).map((r) => ngramCounts(splitWords(r), N)));

  const docFreq = new Map<string, number>();
  for (const refs of refCounts) {
    const seen = new Set<string>();
    for (const counts of refs) for (const gram of counts.keys()) seen.add(gram);
    for (const gram of seen) docFreq.set(gram, (docFreq.get(gram) ?? 0) + 1);
  }
  const logRefCount = Math.log(ids.length);

  const toVector = (counts: Map<string, number>): Vector => {
    const weights = Array.from({ length: N }, () => new Map<string, number>());
    const norms = new Array<number>(N).fill(0);
    let length = 0;
    for (const [gram, tf] of counts) {
      const order = ngramOrder(gram) - 1;
      const w = tf * (logRefCount - Math.log(Math.max(1, docFreq.get(gram) ?? 0)));
      weights[order]!.set(gram, w);
      norms[order]! += w * w;
      // The reference counts bigrams here, not words; kept so the length
      // penalty matches it (the difference only shows for empty captions).
      if (order === 1) length += tf;
    }
    return { weights, norms: norms.map(Math.sqrt), length };
  };

  ids.forEach((id, index) => {
    const hyp = toVector(ngramCounts(splitWords(candidates.get(id) ?? ''), N));
    const score = new Array<number>(N).fill(0);
    const refs = refCounts[index]!;
    for (const counts of refs) {
      const ref = toVector(counts);
      const delta = hyp.length - ref.length;
      for (let n = 0; n < N; n++) {
        let val = 0;
        for (const [gram, w] of hyp.weights[n]!) {
          const r = ref.weights[n]!.get(gram) ?? 0;
          val += Math.min(w, r) * r;
        }
        if (hyp.norms[n] !== 0 && ref.norms[n] !== 0) val /= hyp.norms[n]! * ref.norms[n]!;
        score[n]! += val * Math.exp(-(delta * delta) / (2 * SIGMA * SIGMA));
      }
    }
    const mean = score.reduce((a, b) => a + b, 0) / N;
    out.set(id, (mean / refs.length) * 10);
  });
  return out;
}
