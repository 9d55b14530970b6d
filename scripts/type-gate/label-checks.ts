/**
 * The checks the image-type bars are measured with, shared by the dev-set
 * audit and the e2e scenario: does a label name people or animals, and how
 * many of the words rendered in an image were read back.
 */

/** Words for people and animals a Flickr8k captioner uses (singular and plural). */
const PEOPLE_AND_ANIMALS = new Set(
  ('man men woman women boy boys girl girls child children kid kids baby babies people person persons player players lady ladies guy guys crowd team ' +
    'dog dogs puppy puppies cat cats horse horses bird birds cow cows sheep animal animals').split(' '),
);

/** Lower-case words, punctuation stripped; %, $ and digits kept. */
export function wordsOf(text: string): string[] {
  return text.toLowerCase().replace(/[^\p{L}\p{N}%$]+/gu, ' ').split(' ').filter(Boolean);
}

/** The people/animal words a label uses. */
export function peopleOrAnimals(label: string): string[] {
  return wordsOf(label).filter((w) => PEOPLE_AND_ANIMALS.has(w));
}

/**
 * Share of the truth's words found in the text read (each word counted as
 * often as it occurs, up to as often as it was read).
 *
 * @example wordRecall('SALE 50% OFF', 'sale 50%') // → 0.667
 */
export function wordRecall(truth: string, read: string): number {
  const want = wordsOf(truth);
  if (want.length === 0) return 1;
  const have = new Map<string, number>();
  for (const w of wordsOf(read)) have.set(w, (have.get(w) ?? 0) + 1);
  let found = 0;
  for (const w of want) {
    const n = have.get(w) ?? 0;
    if (n > 0) {
      found++;
      have.set(w, n - 1);
    }
  }
  return found / want.length;
}
