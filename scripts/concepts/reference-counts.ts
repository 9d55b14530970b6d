/**
 * The counts reference captions say for each concept: "two dogs" → dog 2,
 * "a man" → person 1, "a man and a woman" → person 2, "a group of people" /
 * "children" → many (−1). Used to
 * measure how precise the detector's counts are before any count is said.
 *
 * @example referenceCounts(['Two dogs play .', 'A dog and a puppy .'], terms) // { dog: [2, 1] }
 */
import type { TermIndex } from '../../src/captioner/concepts/index';

const NUMBERS: Record<string, number> = { one: 1, a: 1, an: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10 };
const MANY = new Set(['group', 'groups', 'crowd', 'team', 'several', 'many', 'lots', 'bunch', 'pack', 'herd', 'flock', 'couple']);
const PLURAL = /(s|people|men|women|children|sheep|fish|deer|geese|mice)$/;

/** For each concept word, the largest count each reference says for it (−1: many, no number). */
export function referenceCounts(references: readonly string[], terms: TermIndex): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const ref of references) {
    const words = ref.toLowerCase().match(/[a-z]+/g) ?? [];
    const mentions = new Map<string, number[]>();
    for (let i = 0; i < words.length; i++) {
      const pair = i + 1 < words.length ? `${words[i]} ${words[i + 1]}` : '';
      const term = terms.has(pair) ? pair : words[i]!;
      const word = terms.get(term);
      if (!word) continue;
      let count: number | null = null;
      for (let back = 1; back <= 3 && i - back >= 0; back++) {
        const w = words[i - back]!;
        if (w in NUMBERS) { count = NUMBERS[w]!; break; }
        if (MANY.has(w)) { count = -1; break; }
      }
      const plural = term !== word && PLURAL.test(term);
      if (count === null || (count === 1 && plural)) count = plural ? -1 : 1;
      mentions.set(word, [...(mentions.get(word) ?? []), count]);
      if (term === pair) i++;
    }
    // A number above one wins ("two dogs"), then "many"; else each singular mention is one ("a man and a woman": 2).
    for (const [w, counts] of mentions) {
      const top = Math.max(...counts);
      (out[w] ??= []).push(top > 1 ? top : counts.includes(-1) ? -1 : counts.length);
    }
  }
  return out;
}
