/**
 * English stemming for METEOR's stem module. METEOR 1.5 stems English with the
 * Snowball English stemmer (Porter2), which wink-porter2-stemmer implements.
 */
import porter2 from 'wink-porter2-stemmer';

const cache = new Map<string, string>();

/**
 * Snowball English (Porter2) stem of a lower-case word, memoised because
 * caption vocabularies are small and every reference is stemmed once per candidate.
 *
 * @example stem('running') // 'run'
 */
export function stem(word: string): string {
  let s = cache.get(word);
  if (s === undefined) {
    s = porter2(word);
    if (cache.size > 50_000) cache.clear();
    cache.set(word, s);
  }
  return s;
}
