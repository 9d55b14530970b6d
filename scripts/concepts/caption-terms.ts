/**
 * The words and phrases of a caption file, and English plurals, for
 * deciding which WordNet lemmas a caption writer actually uses.
 *
 * @example
 *   const seen = captionPhrases(readFileSync('Flickr8k.token.txt', 'utf8'), 3);
 *   seen.has('golden retriever'); // true
 *   pluralForms('puppy', {}); // ['puppies', 'puppys']
 *   pluralForms('wolf', {}); // ['wolves', 'wolfs']
 */

/** Lower-case caption words: letters only, apostrophes and hyphens dropped ("t-shirt" → "tshirt"). */
export function captionWords(caption: string): string[] {
  return caption
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(/[^a-z]/g, ''))
    .filter(Boolean);
}

/** Every run of 1..maxWords words in the captions of a Flickr8k token file (`<image>#<n>\t<caption>`). */
export function captionPhrases(tokenFile: string, maxWords: number): Set<string> {
  const seen = new Set<string>();
  for (const line of tokenFile.split('\n')) {
    const tab = line.indexOf('\t');
    if (tab < 0) continue;
    const words = captionWords(line.slice(tab + 1));
    for (let i = 0; i < words.length; i++) {
      for (let n = 1; n <= maxWords && i + n <= words.length; n++) seen.add(words.slice(i, i + n).join(' '));
    }
  }
  return seen;
}

/** A lemma as caption words would spell it ("t-shirt" → "tshirt", "lady's slipper" → "ladys slipper"). */
export function asCaptionTerm(lemma: string): string {
  return captionWords(lemma.replace(/-/g, '')).join(' ');
}

/**
 * Candidate plurals of a noun or noun phrase (the last word inflects); the
 * caller keeps those the captions use. `irregular` maps a singular word to
 * its plural ("child" → "children"); words ending in "man" take "men".
 */
export function pluralForms(term: string, irregular: Readonly<Record<string, string>>): string[] {
  const words = term.split(' ');
  const last = words.pop() ?? '';
  const head = words.length ? `${words.join(' ')} ` : '';
  const known = irregular[last];
  if (known) return [head + known];
  // The regular form first: it is the fallback when the captions use none.
  const forms = new Set<string>();
  if (last.endsWith('man')) forms.add(`${last.slice(0, -3)}men`);
  if (/[^aeiou]y$/.test(last)) forms.add(`${last.slice(0, -1)}ies`);
  if (/(s|x|z|ch|sh)$/.test(last)) forms.add(`${last}es`);
  if (/[lae]f$/.test(last)) forms.add(`${last.slice(0, -1)}ves`);
  if (/ife$/.test(last)) forms.add(`${last.slice(0, -2)}ves`);
  forms.add(`${last}s`);
  if (/o$/.test(last)) forms.add(`${last}es`);
  return [...forms].map((f) => head + f);
}

/** The plural a caption would most likely use, for the concept word itself. */
export function preferredPlural(term: string, irregular: Readonly<Record<string, string>>, seen: ReadonlySet<string>): string {
  const forms = pluralForms(term, irregular);
  return forms.find((f) => seen.has(f)) ?? forms[0] ?? `${term}s`;
}
