import { describe, expect, it } from 'vitest';
import { clock, progressLine } from './progress';

describe('progressLine', () => {
  it('says pages done of queued, images, and the time left at the pace so far', () => {
    expect(progressLine({ done: 2, queued: 6, images: 5, elapsedMs: 20_000 })).toBe('2 pages done of 6 queued, 5 images, ETA 0:40');
    expect(progressLine({ done: 6, queued: 6, images: 9, elapsedMs: 60_000 })).toBe('6 pages done of 6 queued, 9 images, ETA 0:00');
    expect(progressLine({ done: 0, queued: 1, images: 0, elapsedMs: 0 })).toBe('0 pages done of 1 queued, 0 images, ETA ?');
  });

  it('writes hours past an hour', () => {
    expect([clock(83_000), clock(3_723_000)]).toEqual(['1:23', '1:02:03']);
  });
});
