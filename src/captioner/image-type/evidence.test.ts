import { describe, expect, it } from 'vitest';
import { featureValue, gatherEvidence } from './evidence';

const image = { width: 2, height: 1, data: new Uint8ClampedArray([255, 0, 0, 255, 0, 0, 255, 255]) };

describe('the gate evidence', () => {
  it('reads one channel of the pooled features by name, and 0 when the encoder has none', () => {
    const pooled = Float32Array.from([0.5, 0, 2.25]);
    const seen = gatherEvidence(image, { imagenetLogits: null, pooled }, null);
    expect(featureValue(seen, 'pooled:0')).toBe(0.5);
    expect(featureValue(seen, 'pooled:2')).toBe(2.25);
    const blind = gatherEvidence(image, { imagenetLogits: null, pooled: null }, null);
    expect(featureValue(blind, 'pooled:2')).toBe(0);
  });

  it('keeps its own copy of the pooled features (the encoder may reuse its buffer)', () => {
    const pooled = Float32Array.from([1, 2, 3]);
    const seen = gatherEvidence(image, { imagenetLogits: null, pooled }, null);
    pooled[1] = 99;
    expect(featureValue(seen, 'pooled:1')).toBe(2);
  });

  it('turns ImageNet logits into probabilities and refuses a feature it does not compute', () => {
    const seen = gatherEvidence(image, { imagenetLogits: Float32Array.from([0, Math.log(3)]), pooled: null }, null);
    expect(featureValue(seen, 'imagenet:1')).toBeCloseTo(0.75, 6);
    expect(() => featureValue(seen, 'pooled.mean')).toThrow(/unknown feature "pooled.mean"/);
  });
});
