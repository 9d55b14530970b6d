import { describe, expect, it } from 'vitest';
import type { CaptionOutcome } from './engine-types';
import { decideLabel } from './label-text';
import { DEFAULT_SETTINGS } from './settings';

const caption = (text: string, confidence: number): CaptionOutcome => ({
  ok: true, text, confidence, tokens: [], timings: { preprocess: 0, encoder: 0, decoder: 0, total: 0 }, backend: 'wasm', cached: false,
});
const settings = { ...DEFAULT_SETTINGS, confidentAt: 0.6, withholdBelow: 0.2 };

describe('decideLabel', () => {
  it('writes a sure caption plainly, behind the marker', () => {
    expect(decideLabel(caption('a dog runs on the beach', 0.8), settings)).toEqual({ state: 'confident', text: 'Automatic description: a dog runs on the beach' });
  });
  it('hedges between the floor and the threshold, and the threshold itself is confident', () => {
    expect(decideLabel(caption('a dog', 0.3), settings)).toEqual({ state: 'hedged', text: 'Automatic description, uncertain: may show a dog' });
    expect(decideLabel(caption('a dog', 0.6), settings).state).toBe('confident');
  });
  it('withholds below the floor and says why, with both numbers', () => {
    const decision = decideLabel(caption('a dog', 0.19), settings);
    expect(decision.state).toBe('withheld');
    expect(decision.state === 'withheld' && decision.reason).toMatch(/19%.*20%/);
  });
  it('keeps the hedge when the marker is off, and never writes an empty caption', () => {
    expect(decideLabel(caption('a dog', 0.3), { ...settings, markerEnabled: false })).toEqual({ state: 'hedged', text: 'may show a dog' });
    expect(decideLabel(caption('a dog', 0.9), { ...settings, markerEnabled: false })).toEqual({ state: 'confident', text: 'a dog' });
    expect(decideLabel(caption('  ', 0.9), settings).state).toBe('withheld');
  });
  it('withholds with the engine message when there is no caption', () => {
    expect(decideLabel({ ok: false, code: 'too-large', message: 'Too large.' }, settings)).toEqual({ state: 'withheld', reason: 'Too large.' });
  });
});
