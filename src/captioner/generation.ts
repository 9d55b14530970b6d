/**
 * What greedy and beam search share: their settings, their result, and the
 * scoring of one step (log-probabilities, then the bans).
 *
 * Two score rows are kept per step on purpose. Choices are made on the
 * *processed* row (banned tokens at -Infinity); the log-probability recorded
 * for a chosen token is the model's own, from the *raw* row. So a ban never
 * inflates a token's probability, and confidence stays the model's belief.
 */
import { logSoftmax } from './log-softmax';
import { applyBans, bannedByNgram } from './no-repeat-ngram';

export interface GenerationSettings {
  decoderStartId: number;
  eosIds: readonly number[];
  /** Total length including the decoder start token (Hugging Face's max_length). */
  maxLength: number;
  noRepeatNgramSize: number;
  /** Tokens never to generate, e.g. `<unk>`. */
  bannedIds: readonly number[];
}

export interface BeamSettings extends GenerationSettings {
  numBeams: number;
  /** Exponent of the length normalisation (score = Σ log p / length^lengthPenalty). */
  lengthPenalty: number;
  /**
   * true: stop once `numBeams` captions have ended (Hugging Face's early_stopping=true).
   * false: also stop when no running beam can beat the finished ones by its current length.
   */
  earlyStopping: boolean;
}

export interface Generated {
  /** Generated ids, without the decoder start token and without the end token. */
  tokens: number[];
  /** The model's log-probability of each chosen token, the end token included when reached. */
  logProbs: number[];
  /** True when the sequence ended with an end token, false when cut at maxLength. */
  finished: boolean;
  /** Σ logProbs. */
  logProb: number;
}

export interface StepScores {
  raw: Float64Array;
  processed: Float64Array;
}

/**
 * One pair of score rows per beam, reused from step to step: a step's rows
 * are read only until the next step scores, so nothing is allocated per step
 * once the vocabulary size is known.
 */
export class ScoreBuffers {
  private readonly rows: StepScores[] = [];

  row(index: number, size: number): StepScores {
    let r = this.rows[index];
    if (!r || r.raw.length !== size) this.rows[index] = r = { raw: new Float64Array(size), processed: new Float64Array(size) };
    return r;
  }
}

/** Raw log-probabilities and the processed copy that choices are made on (into `into` when given). */
export function scoreStep(logits: ArrayLike<number>, sequence: readonly number[], settings: GenerationSettings, into?: StepScores): StepScores {
  const raw = logSoftmax(logits, into?.raw);
  const processed = into ? into.processed : new Float64Array(raw.length);
  processed.set(raw);
  applyBans(processed, bannedByNgram(sequence, settings.noRepeatNgramSize), settings.bannedIds);
  return { raw, processed };
}

export function sum(values: readonly number[]): number {
  return values.reduce((a, b) => a + b, 0);
}
