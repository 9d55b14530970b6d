/**
 * Percentile with linear interpolation between closest ranks (numpy's
 * default), so figures agree with what a notebook would compute.
 *
 * @example percentile([10, 20, 30, 40], 0.5) // 25
 */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = p * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

/** Rounds for reports: 6 decimals for scores, fewer for milliseconds. */
export function round(value: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}
