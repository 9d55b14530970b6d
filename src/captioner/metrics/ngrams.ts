/**
 * n-gram counting shared by BLEU and CIDEr-D. Both reference scorers split a
 * caption on runs of whitespace (Python's `str.split()`), so this does too.
 */

/** Splits on runs of whitespace, as Python's `str.split()` with no argument does. */
export function splitWords(sentence: string): string[] {
  const trimmed = sentence.trim();
  return trimmed === '' ? [] : trimmed.split(/\s+/);
}

/**
 * Counts every n-gram of order 1..n. Keys join the words with a space, which
 * keeps orders apart because words never contain whitespace.
 *
 * @example ngramCounts(['a', 'dog', 'a'], 2).get('a') // 2
 */
export function ngramCounts(words: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let k = 1; k <= n; k++) {
    for (let i = 0; i + k <= words.length; i++) {
      const key = words.slice(i, i + k).join(' ');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

/** The order of an n-gram key built by {@link ngramCounts}. */
export function ngramOrder(key: string): number {
  let order = 1;
  for (let i = 0; i < key.length; i++) if (key.charCodeAt(i) === 32) order++;
  return order;
}
