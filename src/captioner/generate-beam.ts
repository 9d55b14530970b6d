/**
 * Beam search over the KV-cached decoder, all beams in one decoder batch.
 * Each step expands every beam, keeps the best `2 × numBeams` candidates,
 * moves end-token candidates among the first `numBeams` into the finished
 * pool and the rest into the next beams; the decoder's cache is reordered to
 * follow them (the `parents` passed to {@link NextLogits}). The first step runs
 * one beam, since all beams would start identical.
 *
 * @example
 *   const best = await generateBeam(next, { ...settings, numBeams: 3, lengthPenalty: 1, earlyStopping: true });
 *   best.score // length-normalised log-probability
 */
import { FinishedBeams, topCandidates, type Hypothesis } from './beam-hypotheses';
import type { NextLogits } from './decoder-runner';
import { ScoreBuffers, scoreStep, type BeamSettings } from './generation';

interface Beam {
  sequence: number[];
  logProbs: number[];
  logProb: number;
}

export async function generateBeam(next: NextLogits, settings: BeamSettings): Promise<Hypothesis> {
  const k = Math.max(1, Math.floor(settings.numBeams));
  const pool = new FinishedBeams(k, settings.lengthPenalty);
  let beams: Beam[] = [{ sequence: [settings.decoderStartId], logProbs: [], logProb: 0 }];
  let parents: number[] | undefined;
  let done = false;
  const buffers = new ScoreBuffers();

  while (beams[0]!.sequence.length < settings.maxLength) {
    const rows = await next(beams.map((b) => b.sequence), parents);
    const scored = beams.map((b, i) => scoreStep(rows[i]!, b.sequence, settings, buffers.row(i, rows[i]!.length)));
    const candidates = topCandidates(scored.map((s) => s.processed), beams.map((b) => b.logProb), 2 * k);
    const nextBeams: Beam[] = [];
    const nextParents: number[] = [];
    for (const [rank, c] of candidates.entries()) {
      const beam = beams[c.row]!;
      const logProb = scored[c.row]!.raw[c.token]!;
      const logProbs = [...beam.logProbs, logProb];
      if (settings.eosIds.includes(c.token)) {
        // As in Hugging Face: an ending only counts if it ranks among the first k candidates.
        if (rank < k) pool.add({ tokens: beam.sequence.slice(1), logProbs, finished: true, logProb: beam.logProb + logProb });
        continue;
      }
      nextBeams.push({ sequence: [...beam.sequence, c.token], logProbs, logProb: beam.logProb + logProb });
      nextParents.push(c.row);
      if (nextBeams.length === k) break;
    }
    if (!nextBeams.length) break;
    beams = nextBeams;
    parents = nextParents;
    if (pool.isDone(beams[0]!.logProb, beams[0]!.logProbs.length, settings.earlyStopping)) {
      done = true;
      break;
    }
  }
  // Cut at maxLength (or out of allowed tokens): unfinished beams compete too, as in Hugging Face's finalize.
  if (!done) for (const b of beams) pool.add({ tokens: b.sequence.slice(1), logProbs: b.logProbs, finished: false, logProb: b.logProb });
  return pool.best() ?? { tokens: [], logProbs: [], finished: false, logProb: 0, score: -Infinity };
}
