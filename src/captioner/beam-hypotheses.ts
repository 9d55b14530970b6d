/**
 * Beam search bookkeeping: the pool of finished captions with their
 * length-normalised scores, and the selection of the best candidates of a step.
 *
 * Length normalisation: score = Σ log p / length^lengthPenalty, where length
 * counts the generated tokens including the end token (so it is never 0, and
 * the end token's own probability is part of the sum it divides). Without it
 * beam search favours short captions, since every extra token lowers Σ log p.
 *
 * @example
 *   const pool = new FinishedBeams(3, 1.0);
 *   pool.add({ tokens: [5, 6], logProbs: [-0.1, -0.2, -0.3], finished: true, logProb: -0.6 });
 *   pool.best()!.score // -0.2
 */
import type { Generated } from './generation';

export interface Hypothesis extends Generated {
  /** Length-normalised log-probability, what beam search maximises. */
  score: number;
}

export function normalizedScore(logProb: number, length: number, lengthPenalty: number): number {
  return logProb / Math.max(1, length) ** lengthPenalty;
}

export class FinishedBeams {
  private readonly items: Hypothesis[] = [];

  constructor(
    private readonly numBeams: number,
    private readonly lengthPenalty: number,
  ) {}

  get size(): number {
    return this.items.length;
  }

  /** Keeps the hypothesis if the pool has room or it beats the worst one. */
  add(generated: Generated): void {
    const score = normalizedScore(generated.logProb, generated.logProbs.length, this.lengthPenalty);
    if (this.items.length >= this.numBeams && score <= this.worst()) return;
    this.items.push({ ...generated, score });
    // Stable sort: among equal scores the earlier-found hypothesis stays ahead.
    this.items.sort((a, b) => b.score - a.score);
    if (this.items.length > this.numBeams) this.items.pop();
  }

  worst(): number {
    return this.items.length ? this.items[this.items.length - 1]!.score : -Infinity;
  }

  best(): Hypothesis | undefined {
    return this.items[0];
  }

  /**
   * Whether search can stop. With early stopping, as soon as the pool is full.
   * Otherwise (Hugging Face's early_stopping=false heuristic) when the best
   * running beam, normalised at its current length, can't beat the worst kept.
   */
  isDone(bestRunningLogProb: number, runningLength: number, earlyStopping: boolean): boolean {
    if (this.items.length < this.numBeams) return false;
    if (earlyStopping) return true;
    return this.worst() >= normalizedScore(bestRunningLogProb, runningLength, this.lengthPenalty);
  }
}

export interface Candidate {
  row: number;
  token: number;
  /** Beam's running log-probability plus this token's processed log-probability. */
  total: number;
  /** This token's processed log-probability alone (tie-breaker). */
  step: number;
}

function better(a: Candidate, b: Candidate): boolean {
  if (a.total !== b.total) return a.total > b.total;
  return a.step > b.step; // equal totals: prefer the token the step itself ranks higher, as greedy would
}

/**
 * The `count` best (row, token) pairs over all beams, best first. Banned
 * tokens (-Infinity) are never candidates. Among exact ties the earlier row,
 * then the lower token id, wins, so results are deterministic.
 *
 * @example topCandidates([Float64Array.of(-1, -2)], [0], 1) // [{ row: 0, token: 0, total: -1, step: -1 }]
 */
export function topCandidates(stepScores: readonly Float64Array[], running: readonly number[], count: number): Candidate[] {
  const top: Candidate[] = [];
  stepScores.forEach((row, r) => {
    const base = running[r]!;
    for (let token = 0; token < row.length; token++) {
      const step = row[token]!;
      if (step === -Infinity) continue;
      const c: Candidate = { row: r, token, total: base + step, step };
      if (top.length === count && !better(c, top[top.length - 1]!)) continue;
      let i = top.length;
      while (i > 0 && better(c, top[i - 1]!)) i--;
      top.splice(i, 0, c);
      if (top.length > count) top.pop();
    }
  });
  return top;
}
