/**
 * Cross-checks a sentence caption against the concept evidence. A caption is
 * contradicted when it names a person, animal or object that the evidence
 * confidently rules out: the concept model's probability is below the
 * concept's `ruleOutBelow`. Evidence that did not run (a missing detector)
 * rules nothing out.
 *
 * @example
 *   checkCaption('a man riding a horse', model, features, terms, found)
 *   // → { contradicted: true, reason: 'the caption names a horse; the evidence gives a horse 1% …; it finds 3 people' }
 */
import type { CaptionCheck, ConceptFinding } from '../../shared/concept-finding';
import type { ConceptFeatures } from './concept-features';
import { conceptProbability, usesDetector, type ConceptModel } from './concept-model';
import { withArticle } from './plural';

/** Caption term → the concept word it names ('puppies' → 'dog'). */
export type TermIndex = ReadonlyMap<string, string>;

/** Builds the term index from synonym groups: word → the terms that name it. */
export function termIndex(groups: Readonly<Record<string, readonly string[]>>): TermIndex {
  const index = new Map<string, string>();
  for (const [word, terms] of Object.entries(groups)) {
    for (const term of [word, ...terms]) if (!index.has(term.toLowerCase())) index.set(term.toLowerCase(), word);
  }
  return index;
}

/** The concept words a sentence names, in order, each once (two-word terms first: 'hot dog' is not a dog). */
export function namedConcepts(sentence: string, terms: TermIndex): string[] {
  const words = sentence.toLowerCase().match(/[a-z]+(?:'[a-z]+)?/g) ?? [];
  const found: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const pair = i + 1 < words.length ? terms.get(`${words[i]} ${words[i + 1]}`) : undefined;
    const word = pair ?? terms.get(words[i]!);
    if (pair) i++;
    if (word && !found.includes(word)) found.push(word);
  }
  return found;
}

const pct = (p: number): string => `${Math.max(0, Math.round(p * 100))}%`;
const RULED_OUT_KINDS = new Set(['person', 'animal', 'object']);

export function checkCaption(caption: string, model: ConceptModel, features: ConceptFeatures, terms: TermIndex, found: readonly ConceptFinding[]): CaptionCheck {
  const clashes: string[] = [];
  for (const word of namedConcepts(caption, terms)) {
    const entry = model.concepts.find((c) => c.word === word);
    if (!entry || entry.ruleOutBelow === null || !RULED_OUT_KINDS.has(entry.kind)) continue;
    if (usesDetector(entry) && !features.detectorRan) continue;
    const p = conceptProbability(entry, features);
    if (p < entry.ruleOutBelow) clashes.push(`the caption names ${withArticle(word)}; the evidence gives it ${pct(p)} (it is ruled out below ${pct(entry.ruleOutBelow)})`);
  }
  if (!clashes.length) return { contradicted: false, reason: null };
  const seen = found.filter((f) => f.kind !== 'setting').map((f) => f.phrase);
  return { contradicted: true, reason: `${clashes.join('; ')}${seen.length ? `; it finds ${seen.join(', ')}` : ''}` };
}
