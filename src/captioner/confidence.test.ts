import { describe, expect, it } from 'vitest';
import { captionConfidence } from './confidence';

const log = Math.log;

describe('captionConfidence', () => {
  it('is the geometric mean when no token is much weaker than the rest', () => {
    expect(captionConfidence([log(0.9), log(0.8), log(0.9)])).toBeCloseTo(Math.cbrt(0.9 * 0.8 * 0.9), 10);
  });

  it('is capped by the square root of the weakest token', () => {
    const c = captionConfidence([...Array(9).fill(log(0.95)), log(0.05)]);
    expect(c).toBeCloseTo(Math.sqrt(0.05), 10);
    expect(c).toBeLessThan(0.25);
  });

  it('lets a hesitant function word lower but not sink a sure caption', () => {
    const c = captionConfidence([log(0.5), ...Array(6).fill(log(0.97))]);
    expect(c).toBeCloseTo(Math.sqrt(0.5), 10);
  });

  it('is 0 when nothing was generated and 1 only for certain tokens', () => {
    expect(captionConfidence([])).toBe(0);
    expect(captionConfidence([0, 0])).toBe(1);
  });

  it('is 0, not NaN, when a token had probability 0', () => {
    expect(captionConfidence([log(0.9), -Infinity])).toBe(0);
  });
});
