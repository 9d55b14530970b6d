/**
 * Caption confidence from the model's own token probabilities.
 *
 * Formula, with p_1 … p_n the model's probabilities of the tokens it chose
 * (the end token included when the caption ended, since deciding to stop is
 * part of the caption; taken before any ban, see generation.ts):
 *
 *     typical = exp( (1/n) · Σ log p_i )      geometric mean = 1 / perplexity
 *     weakest = sqrt( min_i p_i )
 *     confidence = min(typical, weakest)
 *
 * Why both terms. The geometric mean is the standard per-token measure and
 * does not punish long captions. But it averages: nine sure tokens and one
 * coin-flip noun ("a dog on the [grass|snow|sand…]") still average to ~0.7,
 * and users who cannot see the image cannot discount that noun themselves. A
 * caption is only as trustworthy as its weakest word, so the weakest token caps
 * the score. The square root keeps one hesitant function word ("a" vs "the",
 * p ≈ 0.5 → cap ≈ 0.71) from sinking an otherwise sure caption, while a
 * genuinely unsure word (p = 0.05 → cap ≈ 0.22) does.
 *
 * Edge cases: no tokens at all → 0 (nothing was said). A caption cut at
 * max length without an end token keeps the formula; the missing end token
 * simply contributes nothing, so callers wanting to flag truncation should use
 * `Generated.finished`.
 *
 * This is a ranking signal, not a calibrated probability of correctness:
 * evaluation should report how it relates to caption quality before any
 * threshold is chosen.
 *
 * @example
 *   captionConfidence([Math.log(0.9), Math.log(0.9), Math.log(0.05)]) // ≈ 0.22 (weakest-token cap)
 */
export function captionConfidence(logProbs: readonly number[]): number {
  if (!logProbs.length) return 0;
  let total = 0;
  let weakest = 0;
  for (const lp of logProbs) {
    total += lp;
    weakest = Math.min(weakest, lp);
  }
  const typical = Math.exp(total / logProbs.length);
  const cap = Math.exp(weakest / 2);
  const value = Math.min(typical, cap);
  return Number.isFinite(value) ? Math.max(0, Math.min(1, value)) : 0;
}
