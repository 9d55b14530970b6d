import { describe, expect, it } from 'vitest';
import { applyBans, bannedByNgram } from './no-repeat-ngram';

describe('bannedByNgram', () => {
  it('bans the token that would repeat a bigram', () => {
    expect([...bannedByNgram([0, 5, 6, 5], 2)]).toEqual([6]);
  });

  it('bans every continuation seen after the same (n-1)-gram', () => {
    // "7 8 → 9" and "7 8 → 4" both occurred; the sequence ends in "7 8".
    expect([...bannedByNgram([7, 8, 9, 7, 8, 4, 7, 8], 3)].sort()).toEqual([4, 9]);
  });

  it('bans nothing before a full n-gram can form, or when n is 0', () => {
    expect(bannedByNgram([1, 2], 3).size).toBe(0);
    expect(bannedByNgram([1, 1, 1], 0).size).toBe(0);
  });

  it('with n = 1 bans every token already used', () => {
    expect([...bannedByNgram([3, 1, 3], 1)].sort()).toEqual([1, 3]);
  });

  it('does not ban when the trailing context never occurred before', () => {
    expect(bannedByNgram([1, 2, 3, 4], 3).size).toBe(0);
  });
});

describe('applyBans', () => {
  it('sets banned ids to -Infinity and ignores ids outside the row', () => {
    const row = applyBans(Float64Array.of(-1, -2, -3), [1], [9, -1]);
    expect([...row]).toEqual([-1, -Infinity, -3]);
  });
});
