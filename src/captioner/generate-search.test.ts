// Greedy and beam search against small language models written as tables, so
// the expected answers can be worked out by hand. The real decoder is tested
// in captioner.test.ts; here only the search is under test.
import { describe, expect, it } from 'vitest';
import type { NextLogits } from './decoder-runner';
import { generateBeam } from './generate-beam';
import { generateGreedy } from './generate-greedy';
import type { BeamSettings } from './generation';

const START = 0;
const EOS = 1;
const A = 2;
const B = 3;

/** A language model given as next-token probabilities per prefix. */
function tableModel(table: Record<string, number[]>): NextLogits {
  return async (sequences) => sequences.map((s) => Float32Array.from(table[s.join(',')] ?? [0, 1, 0, 0], (p) => Math.log(p)));
}

/** A deterministic pseudo-random model: logits are a hash of the prefix. */
function hashedModel(seed: number, vocab: number): NextLogits {
  return async (sequences) =>
    sequences.map((s) => {
      let h = seed * 2654435761;
      for (const t of s) h = Math.imul(h ^ (t + 0x9e37), 0x85ebca6b) >>> 0;
      return Float32Array.from({ length: vocab }, (_, i) => {
        const x = Math.imul(h ^ (i * 0x27d4eb2f), 0xc2b2ae35) >>> 0;
        return (x / 2 ** 32) * 6;
      });
    });
}

/** Wraps a model and checks what beam search tells the KV cache: row r must extend row parents[r]. */
function checkedParents(model: NextLogits): { next: NextLogits; steps: number } {
  let previous: (readonly number[])[] | null = null;
  const state = { steps: 0 };
  const next: NextLogits = async (sequences, parents) => {
    if (previous) {
      expect(parents).toBeDefined();
      sequences.forEach((s, r) => expect(s.slice(0, -1)).toEqual(previous![parents![r]!]));
    }
    previous = sequences.map((s) => [...s]);
    state.steps++;
    return model(sequences, parents);
  };
  return { next, get steps() { return state.steps; } };
}

const base: BeamSettings = { decoderStartId: START, eosIds: [EOS], maxLength: 10, noRepeatNgramSize: 0, bannedIds: [], numBeams: 2, lengthPenalty: 1, earlyStopping: true };

// Greedy takes "a" (0.55) and then can only end weakly; "b" (0.45) ends surely.
const myopic = tableModel({
  '0': [0, 0, 0.55, 0.45],
  '0,2': [0, 0.34, 0.33, 0.33],
  '0,3': [0, 0.99, 0.005, 0.005],
});

describe('generateGreedy', () => {
  it('takes the locally best token and records the model log-probabilities', async () => {
    const out = await generateGreedy(myopic, base);
    expect(out.tokens).toEqual([A]);
    expect(out.finished).toBe(true);
    expect(out.logProbs[0]).toBeCloseTo(Math.log(0.55), 6);
    expect(out.logProb).toBeCloseTo(Math.log(0.55 * 0.34), 6);
  });

  it('stops at maxLength (start token included) and says it was cut', async () => {
    const loop = tableModel({ '0': [0, 0, 1, 0], '0,2': [0, 0, 1, 0], '0,2,2': [0, 0, 1, 0] });
    const out = await generateGreedy(loop, { ...base, maxLength: 3 });
    expect(out.tokens).toEqual([A, A]);
    expect(out.finished).toBe(false);
  });

  it('never emits a banned token, and the bans leave the recorded probability untouched', async () => {
    const out = await generateGreedy(myopic, { ...base, bannedIds: [A] });
    expect(out.tokens).toEqual([B]);
    expect(out.logProbs[0]).toBeCloseTo(Math.log(0.45), 6);
  });

  it('applies no-repeat-ngram', async () => {
    const loop = tableModel({ '0': [0, 0, 0.9, 0.1], '0,2': [0, 0.05, 0.8, 0.15], '0,2,3': [0, 0.9, 0.1, 0] });
    expect((await generateGreedy(loop, { ...base, noRepeatNgramSize: 1 })).tokens).toEqual([A, B]);
  });
});

describe('generateBeam', () => {
  it('finds the better whole caption greedy misses', async () => {
    const out = await generateBeam(myopic, base);
    expect(out.tokens).toEqual([B]);
    expect(out.logProb).toBeGreaterThan((await generateGreedy(myopic, base)).logProb);
    expect(out.score).toBeCloseTo(Math.log(0.45 * 0.99) / 2, 6);
  });

  it('with one beam is exactly greedy', async () => {
    for (let seed = 1; seed <= 40; seed++) {
      const model = hashedModel(seed, 12);
      const settings = { ...base, numBeams: 1, maxLength: 9, noRepeatNgramSize: seed % 3 };
      const greedy = await generateGreedy(model, settings);
      const beam = await generateBeam(model, settings);
      expect(beam.tokens).toEqual(greedy.tokens);
      expect(beam.logProbs).toEqual(greedy.logProbs);
      expect(beam.finished).toBe(greedy.finished);
    }
  });

  it('tells the cache which row each beam continues, every step', async () => {
    for (let seed = 1; seed <= 10; seed++) {
      const checked = checkedParents(hashedModel(seed, 9));
      const out = await generateBeam(checked.next, { ...base, numBeams: 3, maxLength: 8 });
      expect(checked.steps).toBeGreaterThan(0);
      expect(out.tokens.length).toBeLessThanOrEqual(7);
    }
  });

  it('without early stopping keeps searching while a running beam could still win', async () => {
    // "a" ends at once with p=0.5 (score ln .5 ≈ -0.69); "b b" continues surely and ends surely.
    const model = tableModel({
      '0': [0, 0.5, 0.1, 0.4],
      '0,3': [0, 0.01, 0.01, 0.98],
      '0,3,3': [0, 0.99, 0.005, 0.005],
    });
    const eager = await generateBeam(model, { ...base, numBeams: 1 });
    const patient = await generateBeam(model, { ...base, numBeams: 2, earlyStopping: false });
    expect(eager.tokens).toEqual([]);
    expect(patient.tokens).toEqual([B, B]);
    expect(patient.score).toBeGreaterThan(eager.score);
  });

  it('returns the unfinished beams when maxLength cuts them', async () => {
    const loop = tableModel({ '0': [0, 0, 0.6, 0.4], '0,2': [0, 0, 0.5, 0.5], '0,3': [0, 0, 0.5, 0.5] });
    const out = await generateBeam(loop, { ...base, maxLength: 3 });
    expect(out.finished).toBe(false);
    expect(out.tokens).toHaveLength(2);
  });
});
