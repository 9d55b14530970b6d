import { describe, expect, it } from 'vitest';
import { regionBounds, regionFromArea, regionKey } from './image-region';

describe('regionFromArea', () => {
  it('turns a rect into four corners in fractions of the drawn image', () => {
    expect(regionFromArea('rect', [0, 0, 100, 150], 200, 150)).toEqual({ points: [[0, 0], [0.5, 0], [0.5, 1], [0, 1]] });
    // HTML allows the corners in either order.
    expect(regionFromArea('', [100, 150, 0, 0], 200, 150)).toEqual({ points: [[0, 0], [0.5, 0], [0.5, 1], [0, 1]] });
  });
  it('draws a circle as a polygon inside its box', () => {
    const region = regionFromArea('circle', [100, 75, 30], 200, 150)!;
    expect(region.points).toHaveLength(32);
    expect(regionBounds(region)).toEqual({ left: 0.35, top: 0.3, right: 0.65, bottom: 0.7 });
  });
  it('keeps polygon points, clamped to the image', () => {
    expect(regionFromArea('poly', [0, 0, 60, 0, 0, 60, 300], 200, 150)).toEqual({ points: [[0, 0], [0.3, 0], [0, 0.4]] });
    expect(regionFromArea('poly', [-10, 0, 400, 0, 0, 60], 200, 150)?.points[1]).toEqual([1, 0]);
  });
  it('is the whole image for shape=default, and null for coords HTML ignores', () => {
    expect(regionFromArea('default', [], 200, 150)).toBeNull();
    expect(regionFromArea('rect', [0, 0, 10], 200, 150)).toBeNull();
    expect(regionFromArea('circle', [5, 5, 0], 200, 150)).toBeNull();
    expect(regionFromArea('poly', [0, 0, 1, 1], 200, 150)).toBeNull();
    expect(regionFromArea('rect', [0, 0, 10, 10], 0, 150)).toBeNull();
  });
});

describe('regionBounds', () => {
  it('refuses regions that are not usable, with a sentence', () => {
    expect(regionBounds(null)).toMatch(/3 to 1000 points/);
    expect(regionBounds({ points: [[0, 0], [1, 1], [2, 0]] })).toMatch(/outside the image/);
    expect(regionBounds({ points: [[0, 0], [0.5, 0], [1, 0]] })).toMatch(/empty/);
    expect(regionBounds({ points: [[0, 0], [0.5, 'x'], [1, 1]] })).toMatch(/outside the image/);
  });
});

describe('regionKey', () => {
  it('is empty for the whole image and stable for a region', () => {
    expect(regionKey(null)).toBe('');
    expect(regionKey({ points: [[0, 0], [0.5, 0], [0.5, 1]] })).toBe('0.0000,0.0000 0.5000,0.0000 0.5000,1.0000');
  });
});
