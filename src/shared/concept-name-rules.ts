/**
 * How a photo's concepts become its name when no sentence caption is written:
 * "Photo: 3 people, a dog, water, outdoors". Rules as data; the composer is
 * `conceptName` below.
 */
import type { ConceptFinding } from './concept-finding';

export const CONCEPT_NAME_RULES = {
  prefix: 'Photo: ',
  /** At most this many concepts, the most salient first. */
  maxConcepts: 5,
  /** The concept list stops before passing this length (quoted text comes after). */
  maxChars: 125,
  /** A setting that a more specific place already says is dropped: 'beach' says 'outdoors'. */
  impliedBy: {
    outdoors: ['beach', 'snow', 'street', 'mountain', 'field', 'grass', 'lake', 'river', 'sea', 'ocean', 'park', 'forest', 'desert', 'sky'],
    indoors: ['room', 'kitchen', 'bedroom', 'restaurant', 'classroom'],
  } as Record<string, string[]>,
} as const;

/**
 * The concept part of a photo's name.
 *
 * @example
 *   conceptName([{ phrase: '2 people', word: 'person' }, { phrase: 'beach', word: 'beach' }, { phrase: 'outdoors', word: 'outdoors' }])
 *   // → 'Photo: 2 people, beach'
 */
export function conceptName(findings: readonly Pick<ConceptFinding, 'word' | 'phrase'>[]): string | null {
  const words = new Set(findings.map((f) => f.word));
  const kept = findings.filter((f) => !(CONCEPT_NAME_RULES.impliedBy[f.word] ?? []).some((w) => words.has(w)));
  const parts: string[] = [];
  for (const f of kept) {
    if (parts.length >= CONCEPT_NAME_RULES.maxConcepts) break;
    if ([...parts, f.phrase].join(', ').length > CONCEPT_NAME_RULES.maxChars) break;
    parts.push(f.phrase);
  }
  return parts.length ? `${CONCEPT_NAME_RULES.prefix}${parts.join(', ')}` : null;
}
