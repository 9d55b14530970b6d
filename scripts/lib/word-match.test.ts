import { describe, expect, it } from 'vitest';
import { inOrder, overlap, words } from './word-match';

describe('word matching', () => {
  it('counts shared words as a multiset, and in order as the longest common subsequence', () => {
    expect(words('TOTAL: RM 12.50')).toEqual(['total', 'rm', '1250']);
    expect(overlap(['a', 'b', 'b'], ['b', 'b', 'b', 'a'])).toBe(3);
    expect(inOrder(['total', '12', 'cash'], ['cash', 'total', '12'])).toBe(2);
    expect(inOrder(['a', 'b', 'c', 'd'], ['a', 'x', 'c', 'b', 'd'])).toBe(3);
    expect(inOrder([], ['a'])).toBe(0);
    expect(inOrder(['a'], [])).toBe(0);
  });
});
