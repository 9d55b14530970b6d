/**
 * The concept words a caption names, settings included: "a dog by the lake"
 * names dog, lake and outdoors. One definition for the weak labels the
 * concept models learn from (featurize.ts) and for judging names (judge.ts).
 *
 * @example namedWords('Two dogs play by the lake .') // ['dog', 'lake', 'outdoors']
 */
import { conceptGroups, namedConcepts, termIndex } from '../../src/captioner/concepts/index';
import settingTerms from '../../src/captioner/concepts/setting-terms.json' with { type: 'json' };

const TERMS = termIndex(conceptGroups());
// A setting is named by any of its terms, also those that name a place of their own ('lake').
const SETTINGS = Object.entries(settingTerms.settings).map(([w, list]) => [w, termIndex({ [w]: list })] as const);

export function namedWords(text: string): string[] {
  const words = namedConcepts(text, TERMS);
  for (const [setting, index] of SETTINGS) if (!words.includes(setting) && namedConcepts(text, index).length) words.push(setting);
  return words;
}
