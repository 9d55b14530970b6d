// Detector input sizes (aspect kept, multiples of 32, capped) and normalisation.
import { describe, expect, it } from 'vitest';
import { DET_MEAN, DET_STD, detectionInput, detectionSize, shrinkBy } from './det-preprocess';

describe('detectionSize', () => {
  it('caps the longest side, keeps the aspect, and rounds to multiples of 32', () => {
    expect(detectionSize(1920, 1080, 960, 320)).toEqual({ width: 960, height: 544 });
    expect(detectionSize(500, 375, 960, 320)).toEqual({ width: 512, height: 384 });
    expect(detectionSize(160, 48, 960, 320)).toEqual({ width: 320, height: 96 });
  });

  it('never goes below 32 or above the cap, even for extreme aspect ratios', () => {
    expect(detectionSize(20000, 10, 960, 320)).toEqual({ width: 960, height: 32 });
    expect(detectionSize(10, 20000, 960, 320)).toEqual({ width: 32, height: 960 });
  });
});

describe('detectionInput', () => {
  it('normalises BGR channels with the det mean/std and reports the scale back to the image', () => {
    const data = new Uint8ClampedArray(64 * 32 * 4);
    for (let i = 0; i < data.length; i += 4) data.set([255, 0, 0, 255], i); // pure red
    const input = detectionInput({ width: 64, height: 32, data }, { maxSide: 960, minSide: 0 });
    expect(input.dims).toEqual([1, 3, 32, 64]);
    const plane = 64 * 32;
    expect(input.data[0]).toBeCloseTo((0 - DET_MEAN[0]) / DET_STD[0], 5); // B
    expect(input.data[2 * plane]).toBeCloseTo((1 - DET_MEAN[2]) / DET_STD[2], 5); // R
    expect(input.scaleX).toBe(1);
  });

  it('flattens transparency onto white', () => {
    const data = new Uint8ClampedArray(32 * 32 * 4); // all zero: transparent black
    const input = detectionInput({ width: 32, height: 32, data }, { maxSide: 960, minSide: 0 });
    expect(input.data[0]).toBeCloseTo((1 - DET_MEAN[0]) / DET_STD[0], 5);
  });
});

describe('shrinkBy', () => {
  it('box-averages by an integer factor', () => {
    const data = new Uint8ClampedArray([0, 0, 0, 255, 100, 100, 100, 255, 200, 200, 200, 255, 100, 100, 100, 255]);
    const out = shrinkBy({ width: 2, height: 2, data }, 2);
    expect(out.width).toBe(1);
    expect(Array.from(out.data)).toEqual([100, 100, 100, 255]);
  });
});
