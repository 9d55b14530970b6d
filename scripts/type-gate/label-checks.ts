/**
 * The checks the image-type bars are measured with, shared by the dev-set
 * audit and the e2e scenario: does a label name people or animals, and how
 * many of the words rendered in an image were read back (lib/word-match.ts).
 */
import { words } from '../lib/word-match';

/** Words for people and animals a Flickr8k captioner uses (singular and plural). */
const PEOPLE_AND_ANIMALS = new Set(
  ('man men woman women boy boys girl girls child children kid kids baby babies people person persons player players lady ladies guy guys crowd team ' +
    'dog dogs puppy puppies cat cats horse horses bird birds cow cows sheep animal animals').split(' '),
);

/** The people/animal words a label uses. */
export function peopleOrAnimals(label: string): string[] {
  return words(label).filter((w) => PEOPLE_AND_ANIMALS.has(w));
}
