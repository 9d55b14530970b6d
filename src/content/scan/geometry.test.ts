import { describe, expect, it } from 'vitest';
import { priorityOf } from './geometry';

describe('priorityOf', () => {
  const vh = 1000;
  it('is 0 in the viewport and within half a screen of it', () => {
    expect(priorityOf({ left: 0, top: 10, width: 100, height: 100 }, vh)).toBe(0);
    expect(priorityOf({ left: 0, top: 1400, width: 100, height: 100 }, vh)).toBe(0);
    expect(priorityOf({ left: 0, top: -550, width: 100, height: 100 }, vh)).toBe(0);
  });
  it('grows by one per further screen, above or below', () => {
    expect(priorityOf({ left: 0, top: 1600, width: 100, height: 100 }, vh)).toBe(1);
    expect(priorityOf({ left: 0, top: 3000, width: 100, height: 100 }, vh)).toBe(2);
    expect(priorityOf({ left: 0, top: -2100, width: 100, height: 100 }, vh)).toBe(2);
  });
  it('puts images without a box last', () => {
    expect(priorityOf(null, vh)).toBe(Number.MAX_SAFE_INTEGER);
  });
});
