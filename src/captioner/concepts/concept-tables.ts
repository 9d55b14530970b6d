/**
 * The word tables behind the concepts, shipped as data in the bundle:
 * ImageNet class → plain words (WordNet hypernyms, imagenet-words.json), COCO
 * class → plain word (coco-words.json), and the caption terms that name each
 * concept (synonyms.json, setting-terms.json), which the caption cross-check
 * and the judge read. Regenerate the WordNet ones with
 * `npx tsx scripts/concepts/build-concept-tables.ts`.
 *
 * @example
 *   conceptTables().coco['sports ball'] // 'ball'
 *   conceptTerms().get('puppies')       // 'dog'
 */
import cocoWords from './coco-words.json' with { type: 'json' };
import imagenetWords from './imagenet-words.json' with { type: 'json' };
import settingTerms from './setting-terms.json' with { type: 'json' };
import synonyms from './synonyms.json' with { type: 'json' };
import { termIndex, type TermIndex } from './caption-check';
import type { ConceptTables } from './concept-features';

export function conceptTables(): ConceptTables {
  return { imagenet: imagenetWords, coco: cocoWords.words };
}

/** Concept word → the caption terms that name it, settings included. */
export function conceptGroups(): Record<string, readonly string[]> {
  return { ...(synonyms as Record<string, string[]>), ...settingTerms.settings };
}

let terms: TermIndex | null = null;

export function conceptTerms(): TermIndex {
  terms ??= termIndex(synonyms as Record<string, string[]>);
  return terms;
}
