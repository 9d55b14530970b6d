/**
 * Greedy decoding: at each step take the most probable allowed token.
 *
 * @example
 *   const out = await generateGreedy(next, { decoderStartId: 1, eosIds: [2], maxLength: 20, noRepeatNgramSize: 3, bannedIds: [] });
 *   out.tokens // e.g. [14, 9, 33]
 */
import type { NextLogits } from './decoder-runner';
import { argmax } from './log-softmax';
import { ScoreBuffers, scoreStep, sum, type Generated, type GenerationSettings } from './generation';

export async function generateGreedy(next: NextLogits, settings: GenerationSettings): Promise<Generated> {
  const sequence = [settings.decoderStartId];
  const logProbs: number[] = [];
  let finished = false;
  const buffers = new ScoreBuffers();
  while (sequence.length < settings.maxLength) {
    const [logits] = await next([sequence]);
    const { raw, processed } = scoreStep(logits!, sequence, settings, buffers.row(0, logits!.length));
    const token = argmax(processed);
    if (processed[token] === -Infinity) break; // every token banned: nothing left to say
    logProbs.push(raw[token]!);
    if (settings.eosIds.includes(token)) {
      finished = true;
      break;
    }
    sequence.push(token);
  }
  return { tokens: sequence.slice(1), logProbs, finished, logProb: sum(logProbs) };
}
