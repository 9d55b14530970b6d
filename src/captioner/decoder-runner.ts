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
 * must agree token for token.
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
 * Builds a {@link NextLogits} over one decoder session and one image's
 * encoder output (batch 1; it is tiled to the number of sequences).
 */
export function decoderRunner(session: SessionLike, layout: DecoderLayout, encoderStates: ort.Tensor, options: RunnerOptions): NextLogits {
  let cache: KvCache | null = null;
  const tiled = new Map<number, ort.Tensor>();
  const statesFor = (batch: number): ort.Tensor => {
    let t = tiled.get(batch);
    if (!t) {
      t = gatherRows(encoderStates, new Array<number>(batch).fill(0));
      tiled.set(batch, t);
    }
    return t;
  };

  return async (sequences, parents) => {
    const batch = sequences.length;
    const length = sequences[0]!.length;
    if (sequences.some((s) => s.length !== length)) throw new Error('all sequences in a decoder batch must have the same length');
    let past = options.useCache && cache ? reorderCache(cache, parents ?? sequences.map((_, i) => i)) : emptyCache(layout, batch);
    let fed: ort.Tensor;
    const useCached = pastLength(past) > 0;
    if (useCached) {
      if (pastLength(past) !== length - 1) throw new Error(`the cache holds ${pastLength(past)} positions for sequences of ${length}`);
      fed = int64(sequences, 1, (row) => row.slice(-1));
    } else {
      past = emptyCache(layout, batch);
      fed = int64(sequences, length, (row) => row);
    }
    const encoder = statesFor(batch);
    const feeds: Record<string, ort.Tensor> = { input_ids: fed, encoder_hidden_states: encoder };
    for (const [name, tensor] of past) feeds[name] = tensor;
    if (layout.useCacheBranch) feeds.use_cache_branch = new ort.Tensor('bool', [useCached], [1]);
    if (layout.attentionMask) feeds.attention_mask = ones(batch, length);
    if (layout.encoderAttentionMask) feeds.encoder_attention_mask = ones(batch, Number(encoder.dims[1]));
    const outputs = await session.run(feeds);
    if (options.useCache) cache = cacheFromOutputs(outputs, layout);
    const logits = outputs.logits;
    if (!logits) throw new Error('the decoder returned no logits');
    return lastPositionLogits(logits);
  };
}
