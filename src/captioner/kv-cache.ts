/**
 * The decoder's key/value cache between steps: one float32 tensor
 * [batch, heads, past, head_dim] per `past_key_values.*` input.
 *
 * @example
 *   let cache = emptyCache(layout, 1);                       // past length 0
 *   cache = cacheFromOutputs(outputs, layout);               // present.* → past_key_values.*
 *   cache = reorderCache(cache, [0, 0, 1]);                  // beams 0,0,1 continue
 */
import { ort } from './env';
import type { DecoderLayout } from './sessions';

/** Past input name → tensor. */
export type KvCache = Map<string, ort.Tensor>;

/** Zero-length past for every layer, as the first decoder step expects. */
export function emptyCache(layout: DecoderLayout, batch: number): KvCache {
  const cache: KvCache = new Map();
  for (const { name, heads, headDim } of layout.past) {
    cache.set(name, new ort.Tensor('float32', new Float32Array(0), [batch, heads, 0, headDim]));
  }
  return cache;
}

/** The past length every layer holds (they are always equal). */
export function pastLength(cache: KvCache): number {
  const first = cache.values().next().value;
  return first ? Number(first.dims[2]) : 0;
}

/** Turns a step's `present.*` outputs into the next step's `past_key_values.*` inputs. */
export function cacheFromOutputs(outputs: Record<string, ort.Tensor>, layout: DecoderLayout): KvCache {
  const cache: KvCache = new Map();
  for (const { name, present } of layout.past) {
    const tensor = outputs[present];
    if (!tensor) throw new Error(`the decoder returned no ${present}`);
    cache.set(name, tensor);
  }
  return cache;
}

/**
 * Gathers batch rows: row r of the result is row `parents[r]` of the input.
 * This is how beam search keeps each surviving beam's history. Identity
 * orders return the cache untouched.
 */
export function reorderCache(cache: KvCache, parents: readonly number[], allocate?: (name: string, size: number) => Float32Array): KvCache {
  const out: KvCache = new Map();
  for (const [name, tensor] of cache) out.set(name, gatherRows(tensor, parents, allocate && ((size) => allocate(name, size))));
  return out;
}

/**
 * Row gather along dimension 0 of a float32 tensor. `allocate` may hand out a
 * reused buffer of the requested size (it must not be read while in use).
 */
export function gatherRows(tensor: ort.Tensor, rows: readonly number[], allocate: (size: number) => Float32Array = (size) => new Float32Array(size)): ort.Tensor {
  const batch = Number(tensor.dims[0]);
  if (rows.length === batch && rows.every((r, i) => r === i)) return tensor;
  const source = tensor.data as Float32Array;
  const rowSize = batch === 0 ? 0 : source.length / batch;
  const data = allocate(rowSize * rows.length);
  rows.forEach((row, i) => {
    if (row < 0 || row >= batch) throw new RangeError(`row ${row} outside batch of ${batch}`);
    data.set(source.subarray(row * rowSize, (row + 1) * rowSize), i * rowSize);
  });
  return new ort.Tensor('float32', data, [rows.length, ...tensor.dims.slice(1)]);
}
