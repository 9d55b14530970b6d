import { describe, expect, it } from 'vitest';
import { FinishedBeams, normalizedScore, topCandidates } from './beam-hypotheses';

const hyp = (logProbs: number[]) => ({ tokens: logProbs.slice(1).map((_, i) => i), logProbs, finished: true, logProb: logProbs.reduce((a, b) => a + b, 0) });

describe('FinishedBeams', () => {
  it('normalises by the generated length including the end token', () => {
    const pool = new FinishedBeams(2, 1);
    pool.add(hyp([-0.1, -0.2, -0.3]));
    expect(pool.best()!.score).toBeCloseTo(-0.2, 12);
    expect(normalizedScore(-1, 4, 0)).toBe(-1);
  });

  it('keeps only the best numBeams hypotheses', () => {
    const pool = new FinishedBeams(2, 1);
    pool.add(hyp([-3]));
    pool.add(hyp([-1]));
    pool.add(hyp([-2]));
    expect(pool.size).toBe(2);
    expect(pool.best()!.score).toBe(-1);
    expect(pool.worst()).toBe(-2);
  });

  it('is done only when full; without early stopping, only when running beams cannot win', () => {
    const pool = new FinishedBeams(1, 1);
    expect(pool.isDone(-0.1, 1, true)).toBe(false);
    pool.add(hyp([-1, -1])); // score -1
    expect(pool.isDone(-5, 2, true)).toBe(true);
    expect(pool.isDone(-1.5, 3, false)).toBe(false); // -0.5 per token could still win
    expect(pool.isDone(-3, 2, false)).toBe(true);
  });
});

describe('topCandidates', () => {
  it('ranks across beams by running plus step score and skips banned tokens', () => {
    const rows = [Float64Array.of(-0.1, -2, -Infinity), Float64Array.of(-0.5, -0.2, -3)];
    const top = topCandidates(rows, [-1, -0.3], 3);
    expect(top.map((c) => [c.row, c.token])).toEqual([
      [1, 1],
      [1, 0],
      [0, 0],
    ]);
    expect(top[0]!.total).toBeCloseTo(-0.5, 12);
  });

  it('breaks exact ties by earlier row, then lower token', () => {
    const rows = [Float64Array.of(-1, -1), Float64Array.of(-1)];
    expect(topCandidates(rows, [0, 0], 3).map((c) => [c.row, c.token])).toEqual([
      [0, 0],
      [0, 1],
      [1, 0],
    ]);
  });

  it('returns fewer candidates when fewer are allowed', () => {
    expect(topCandidates([Float64Array.of(-Infinity, -1)], [0], 4)).toHaveLength(1);
  });
});
