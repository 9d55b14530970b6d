import { describe, expect, it } from 'vitest';
import { createRewriteBackoff, REWRITE_DELAYS_MS } from './rewrite-backoff';

describe('createRewriteBackoff', () => {
  it('gives growing waits a few times per element, then stops for good', () => {
    const backoff = createRewriteBackoff();
    const img = {};
    const waits: (number | null)[] = [];
    for (let i = 0; i < 10; i++) waits.push(backoff.next(img));
    expect(waits.slice(0, REWRITE_DELAYS_MS.length)).toEqual([...REWRITE_DELAYS_MS]);
    expect(waits.slice(REWRITE_DELAYS_MS.length).every((w) => w === null)).toBe(true);
    expect(backoff.count(img)).toBe(REWRITE_DELAYS_MS.length);
    expect([...REWRITE_DELAYS_MS].every((d, i) => i === 0 || d > REWRITE_DELAYS_MS[i - 1]!)).toBe(true);
  });
  it('counts each element on its own', () => {
    const backoff = createRewriteBackoff([10, 20]);
    const a = {};
    const b = {};
    expect([backoff.next(a), backoff.next(a), backoff.next(a)]).toEqual([10, 20, null]);
    expect(backoff.next(b)).toBe(10);
  });
});
