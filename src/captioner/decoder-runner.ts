/**
 * Runs the merged decoder one step at a time and hands back next-token logits
 * per sequence. Greedy and beam search only see {@link NextLogits}; how the
 * decoder is fed (KV cache or full recomputation) is decided here.
 *
 * With the cache (normal use): the first step feeds the whole prompt with
 * zero-length past tensors and `use_cache_branch=false`; later steps feed only
 * each sequence's last token with the previous `present.*` as
 * `past_key_values.*` and `use_cache_branch=true`.
 *
 * Without the cache (a reference for tests and for checking a new export):
 * every step feeds the full sequences with zero-length past, so the two modes
 * must agree token for token; with dynamically quantized weights
 * (MatMulInteger, as in Xenova's exports), whose activation scales depend on
 * what is fed, they agree to within rounding instead.
 *
 * @example
 *   const next = decoderRunner(pair.decoder, pair.decoderLayout, hidden, { useCache: true });
 *   const [row] = await next([[startId]]);           // logits of the first token
 *   const rows = await next([[s, a], [s, b]], [0, 0]); // both beams continue sequence 0
 */
import { ort, type SessionLike } from './env';
import { cacheFromOutputs, emptyCache, pastLength, reorderCache, gatherRows, type KvCache } from './kv-cache';
import type { DecoderLayout } from './sessions';

/**
 * Next-token logits for each sequence. `parents[r]` is the row of the previous
 * call that sequence r extends (beam search reorders and duplicates rows);
 * omitted, rows are assumed to keep their places.
 */
export type NextLogits = (sequences: readonly (readonly number[])[], parents?: readonly number[]) => Promise<Float32Array[]>;

export interface RunnerOptions {
  useCache: boolean;
}

function int64(rows: readonly (readonly number[])[], width: number, pick: (row: readonly number[]) => readonly number[]): ort.Tensor {
  const data = new BigInt64Array(rows.length * width);
  rows.forEach((row, r) => pick(row).forEach((t, i) => (data[r * width + i] = BigInt(t))));
  return new ort.Tensor('int64', data, [rows.length, width]);
}

function ones(batch: number, width: number): ort.Tensor {
  return new ort.Tensor('int64', new BigInt64Array(batch * width).fill(1n), [batch, width]);
}

/** Logits of the last position of every row of a [batch, seq, vocab] tensor. */
export function lastPositionLogits(logits: ort.Tensor): Float32Array[] {
  if (logits.type !== 'float32') throw new Error(`the decoder's logits are ${logits.type}; Glimpse reads float32 only`);
  const [batch, seq, vocab] = logits.dims.map(Number) as [number, number, number];
  const data = logits.data as Float32Array;
  const rows: Float32Array[] = [];
  for (let b = 0; b < batch; b++) {
    const start = (b * seq + seq - 1) * vocab;
    rows.push(data.subarray(start, start + vocab));
  }
  return rows;
}

/**
 * Whether a decoder graph takes batch-1 encoder states for a batch of beams
 * (its cross-attention MatMuls broadcast them), learnt on first use per
 * session. When it does, the encoder states are never copied per beam and the
 * cross-attention keys and values are computed once per step instead of once
 * per beam (BENCHMARKS.md: the 5-beam step is that much cheaper); when it
 * doesn't, they are tiled to the batch, as the graph then needs.
 */
const broadcasts = new WeakMap<SessionLike, boolean>();

/** Reusable buffers for the cache gather: beam search would otherwise allocate every past tensor anew at every step. */
class GatherBuffers {
  private readonly buffers = new Map<string, Float32Array>();

  take(name: string, size: number): Float32Array {
    let buffer = this.buffers.get(name);
    if (!buffer || buffer.length < size) {
      buffer = new Float32Array(Math.max(size, 2 * (buffer?.length ?? 0)));
      this.buffers.set(name, buffer);
    }
    return buffer.subarray(0, size);
  }
}

/**
 * Builds a {@link NextLogits} over one decoder session and one image's
 * encoder output (batch 1; broadcast to the beams, or tiled when the graph
 * can't broadcast it).
 */
export function decoderRunner(session: SessionLike, layout: DecoderLayout, encoderStates: ort.Tensor, options: RunnerOptions): NextLogits {
  let cache: KvCache | null = null;
  const tiled = new Map<number, ort.Tensor>();
  const statesFor = (batch: number, broadcast: boolean): ort.Tensor => {
    if (broadcast || batch === Number(encoderStates.dims[0])) return encoderStates;
    let t = tiled.get(batch);
    if (!t) {
      t = gatherRows(encoderStates, new Array<number>(batch).fill(0));
      tiled.set(batch, t);
    }
    return t;
  };
  const branch = { true: new ort.Tensor('bool', [true], [1]), false: new ort.Tensor('bool', [false], [1]) };
  const masks = new Map<string, ort.Tensor>();
  const maskOf = (batch: number, width: number): ort.Tensor => {
    const key = `${batch}x${width}`;
    let m = masks.get(key);
    if (!m) masks.set(key, (m = ones(batch, width)));
    return m;
  };
  // One set suffices: a gather reads the previous step's outputs (onnxruntime's own
  // arrays), and the previous step's inputs, gathered here, were copied in by its run.
  const reuse = new GatherBuffers();

  const run = async (feeds: Record<string, ort.Tensor>, batch: number): Promise<Record<string, ort.Tensor>> => {
    const known = broadcasts.get(session);
    const encoderBatch = Number(encoderStates.dims[0]);
    if (batch === encoderBatch || known === false) {
      return session.run({ ...feeds, encoder_hidden_states: statesFor(batch, false) });
    }
    try {
      const outputs = await session.run({ ...feeds, encoder_hidden_states: encoderStates });
      if (Number(outputs.logits?.dims[0]) !== batch) throw new Error('logits batch differs');
      broadcasts.set(session, true);
      return outputs;
    } catch (error) {
      if (known === true) throw error;
      broadcasts.set(session, false);
      return session.run({ ...feeds, encoder_hidden_states: statesFor(batch, false) });
    }
  };

  return async (sequences, parents) => {
    const batch = sequences.length;
    const length = sequences[0]!.length;
    if (sequences.some((s) => s.length !== length)) throw new Error('all sequences in a decoder batch must have the same length');
    let past = options.useCache && cache ? reorderCache(cache, parents ?? sequences.map((_, i) => i), (name, size) => reuse.take(name, size)) : emptyCache(layout, batch);
    let fed: ort.Tensor;
    const useCached = pastLength(past) > 0;
    if (useCached) {
      if (pastLength(past) !== length - 1) throw new Error(`the cache holds ${pastLength(past)} positions for sequences of ${length}`);
      fed = int64(sequences, 1, (row) => row.slice(-1));
    } else {
      past = emptyCache(layout, batch);
      fed = int64(sequences, length, (row) => row);
    }
    const feeds: Record<string, ort.Tensor> = { input_ids: fed };
    for (const [name, tensor] of past) feeds[name] = tensor;
    if (layout.useCacheBranch) feeds.use_cache_branch = branch[useCached ? 'true' : 'false'];
    if (layout.attentionMask) feeds.attention_mask = maskOf(batch, length);
    if (layout.encoderAttentionMask) feeds.encoder_attention_mask = maskOf(batch, Number(encoderStates.dims[1]));
    const outputs = await run(feeds, batch);
    if (options.useCache) cache = cacheFromOutputs(outputs, layout);
    const logits = outputs.logits;
    if (!logits) throw new Error('the decoder returned no logits');
    return lastPositionLogits(logits);
  };
}
