/**
 * How often Glimpse writes a name again after the page removed it: a few
 * times, each after a longer wait, then never. A page whose script deletes
 * every `alt` it sees would otherwise fight the extension in a loop.
 *
 * @example
 *   const backoff = createRewriteBackoff();
 *   backoff.next(img) // → 250 (ms to wait before writing again), … then null: stop
 */
export const REWRITE_DELAYS_MS = [250, 1000, 4000] as const;

export interface RewriteBackoff {
  /** The wait before the next re-write of `key`'s name, or null when the page has removed it too often. */
  next(key: object): number | null;
  /** How many times `key`'s name was re-written. */
  count(key: object): number;
}

export function createRewriteBackoff(delays: readonly number[] = REWRITE_DELAYS_MS): RewriteBackoff {
  const counts = new WeakMap<object, number>();
  return {
    next(key) {
      const done = counts.get(key) ?? 0;
      if (done >= delays.length) return null;
      counts.set(key, done + 1);
      return delays[done]!;
    },
    count: (key) => counts.get(key) ?? 0,
  };
}
