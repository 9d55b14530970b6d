/**
 * Numerically stable log-softmax over one row of logits, in float64 so that
 * sums of many token log-probabilities stay exact enough to compare beams.
 *
 * `out` may be a reused buffer of the same length (the searches keep one per beam).
 *
 * @example logSoftmax(new Float32Array([0, 0])) // Float64Array [-0.693…, -0.693…]
 */
export function logSoftmax(logits: ArrayLike<number>, out: Float64Array = new Float64Array(logits.length)): Float64Array {
  if (out.length !== logits.length) throw new RangeError(`logSoftmax: an output of ${out.length} for ${logits.length} logits`);
  let max = -Infinity;
  for (let i = 0; i < logits.length; i++) if (logits[i]! > max) max = logits[i]!;
  let sum = 0;
  for (let i = 0; i < logits.length; i++) sum += Math.exp(logits[i]! - max);
  const logZ = max + Math.log(sum);
  for (let i = 0; i < logits.length; i++) out[i] = logits[i]! - logZ;
  return out;
}

/**
 * Index of the largest value; the lowest index wins ties, like torch.argmax,
 * so results are deterministic.
 */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let i = 1; i < values.length; i++) if (values[i]! > values[best]!) best = i;
  return best;
}
