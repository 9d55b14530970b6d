/**
 * Word matching for OCR and label checks: the dev-set audit, the OCR
 * comparison and the e2e scenario count rendered words read back the same way.
 */

/** Lower-case words with everything but letters and digits removed. */
export function words(text: string): string[] {
  return text
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/[^\p{L}\p{N}]+/gu, ''))
    .filter(Boolean);
}

/** Multiset overlap of two word lists. */
export function overlap(truth: readonly string[], read: readonly string[]): number {
  const counts = new Map<string, number>();
  for (const w of truth) counts.set(w, (counts.get(w) ?? 0) + 1);
  let n = 0;
  for (const w of read) {
    const c = counts.get(w) ?? 0;
    if (c > 0) {
      n++;
      counts.set(w, c - 1);
    }
  }
  return n;
}

/**
 * Share of the truth's words found in the text read (each counted as often as
 * it occurs, up to as often as it was read); 1 when the truth has no words.
 *
 * @example wordRecall('SALE 50% OFF', 'sale 50') // → 0.667
 */
export function wordRecall(truth: string, read: string): number {
  const want = words(truth);
  return want.length === 0 ? 1 : overlap(want, words(read)) / want.length;
}

/**
 * How many of the truth's words the text read has in the truth's order: the
 * longest common subsequence of the two word lists (dynamic programming).
 *
 * @example inOrder(['total', '12', 'cash'], ['cash', 'total', '12']) // → 2
 */
export function inOrder(truth: readonly string[], read: readonly string[]): number {
  let prev = new Uint32Array(read.length + 1);
  for (const t of truth) {
    const row = new Uint32Array(read.length + 1);
    for (let j = 0; j < read.length; j++) row[j + 1] = t === read[j] ? prev[j]! + 1 : Math.max(prev[j + 1]!, row[j]!);
    prev = row;
  }
  return prev[read.length]!;
}
