import { describe, expect, it } from 'vitest';
import { argmax, logSoftmax } from './log-softmax';

describe('logSoftmax', () => {
  it('gives log-probabilities that sum to 1 in probability', () => {
    const lp = logSoftmax(Float32Array.of(1, 2, 3));
    expect([...lp].reduce((a, b) => a + Math.exp(b), 0)).toBeCloseTo(1, 12);
    expect(lp[2]! - lp[1]!).toBeCloseTo(1, 6);
  });

  it('stays finite for huge logits', () => {
    const lp = logSoftmax(Float32Array.of(1e30, 0));
    expect(lp[0]).toBe(0);
    expect(lp[1]).toBe(-Math.fround(1e30));
  });
});

describe('argmax', () => {
  it('returns the first index among equal maxima', () => {
    expect(argmax([1, 3, 3, 2])).toBe(1);
  });
});
