import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import vocabulary from './concept-vocabulary.json' with { type: 'json' };
import imagenetWords from './imagenet-words.json' with { type: 'json' };
import synonyms from './synonyms.json' with { type: 'json' };

const root = resolve(import.meta.dirname, '../../..');
const labels = JSON.parse(readFileSync(join(root, '../shared/models/imagenet-simple-labels.json'), 'utf8')) as string[];
const kindOf = new Map(vocabulary.concepts.map((c) => [c.word, c.kind]));
const terms = synonyms as Record<string, string[]>;
const irregular = vocabulary.irregularPlurals as Record<string, string>;

const wordsOf = (label: string): string[] => {
  const entry = imagenetWords.find((e) => e.label === label);
  if (!entry) throw new Error(`no class labelled "${label}"`);
  return entry.words;
};

/** English plurals of the last word, written independently of the build script. */
const plurals = (term: string): string[] => {
  const head = term.split(' ').slice(0, -1).join(' ');
  const last = term.split(' ').at(-1) ?? '';
  const forms = irregular[last]
    ? [irregular[last]]
    : [`${last}s`, `${last}es`, last.replace(/y$/, 'ies'), last.replace(/f$/, 'ves'), last.replace(/fe$/, 'ves'), last.replace(/man$/, 'men')];
  return forms.map((f) => (head ? `${head} ${f}` : f));
};

describe('concept vocabulary', () => {
  it('has 80–150 words of the four kinds, each anchored by lemma and WordNet 3.1 offset', () => {
    expect(vocabulary.concepts.length).toBeGreaterThanOrEqual(80);
    expect(vocabulary.concepts.length).toBeLessThanOrEqual(150);
    expect(new Set(vocabulary.concepts.map((c) => c.word)).size).toBe(vocabulary.concepts.length);
    for (const c of vocabulary.concepts) {
      expect(['person', 'animal', 'object', 'place']).toContain(c.kind);
      expect(c.anchors.length).toBeGreaterThan(0);
      for (const a of c.anchors) {
        expect(a.offset).toMatch(/^\d{8}$/);
        expect(a.lemma).toMatch(/^[a-z][a-z '-]*$/);
      }
    }
  });

  it('keeps every override tied to the label it was written for', () => {
    for (const o of [...vocabulary.synsetOverrides, ...vocabulary.wordOverrides]) {
      expect(labels[o.class]).toBe(o.label);
      expect(o.why.length).toBeGreaterThan(10);
    }
  });
});

describe('imagenet-words.json', () => {
  it('has the 1,000 classes in logit order', () => {
    expect(imagenetWords).toHaveLength(1000);
    expect(imagenetWords.map((e) => e.label)).toEqual(labels);
    for (const e of imagenetWords) expect(e.synset).toMatch(/^\d{8}\/[a-z]/);
  });

  it('says the word a person would say, most specific first', () => {
    expect(wordsOf('Golden Retriever')).toEqual(['dog', 'animal']);
    expect(wordsOf('sports car')[0]).toBe('car');
    expect(wordsOf('seashore')).toEqual(['beach', 'water']);
    expect(wordsOf('pizza')[0]).toBe('pizza');
    expect(wordsOf('pizza')).toContain('food');
    expect(wordsOf('tabby cat')[0]).toBe('cat');
    expect(wordsOf('mountain bike')[0]).toBe('bicycle');
    expect(wordsOf('lakeshore')).toEqual(['lake', 'water']);
    expect(wordsOf('alp')).toEqual(['mountain']);
    expect(wordsOf('hen')[0]).toBe('chicken');
  });

  it('resolves labels that name several things by their place among the classes', () => {
    expect(wordsOf('crane (bird)')[0]).toBe('bird');
    expect(wordsOf('crane (machine)')).not.toContain('bird');
    expect(wordsOf('kite')[0]).toBe('bird'); // ImageNet's kite is the hawk
    expect(wordsOf('computer mouse')).not.toContain('mouse');
    expect(wordsOf('tiger cat')[0]).toBe('cat');
    expect(wordsOf('common sorrel')[0]).toBe('horse');
    expect(wordsOf('bell pepper')[0]).toBe('vegetable');
    expect(wordsOf('gondola')[0]).toBe('boat');
    expect(wordsOf('monitor')).not.toContain('boat');
  });

  it('maps only to vocabulary words, at most wordsPerClass of them, and never to a person', () => {
    for (const e of imagenetWords) {
      expect(e.words.length).toBeLessThanOrEqual(vocabulary.wordsPerClass);
      expect(new Set(e.words).size).toBe(e.words.length);
      for (const w of e.words) {
        expect(kindOf.has(w), `${e.label} → ${w}`).toBe(true);
        expect(kindOf.get(w), `${e.label} → ${w}`).not.toBe('person');
      }
    }
    for (const label of ['baseball player', 'bridegroom', 'scuba diver']) expect(wordsOf(label)).toEqual([]);
  });

  it('maps most classes, leaving unsayable ones empty', () => {
    const mapped = imagenetWords.filter((e) => e.words.length > 0).length;
    expect(mapped).toBeGreaterThan(600);
    expect(wordsOf('toilet paper')).toEqual([]);
  });
});

describe('synonyms.json', () => {
  it('lists lower-case caption terms for every vocabulary word, the word itself included', () => {
    expect(Object.keys(terms).sort()).toEqual(vocabulary.concepts.map((c) => c.word).sort());
    for (const [word, list] of Object.entries(terms)) {
      expect(list).toContain(word);
      for (const t of list) expect(t).toMatch(/^[a-z]+( [a-z]+)*$/);
    }
  });

  it('covers plural forms', () => {
    const refused = vocabulary.notCaptionTerms as Record<string, string[]>;
    for (const [word, list] of Object.entries(terms)) {
      // A plural refused as a caption term is left out on purpose ("glasses" are spectacles, not drinking glasses).
      const listed = plurals(word).some((p) => list.includes(p) || refused[word]?.includes(p));
      expect(listed, `${word}: ${plurals(word).join('/')}`).toBe(true);
    }
    expect(terms.dog).toEqual(expect.arrayContaining(['dog', 'dogs', 'puppy', 'puppies', 'poodle', 'terrier', 'collie']));
    expect(terms.person).toEqual(expect.arrayContaining(['person', 'people', 'man', 'men', 'woman', 'women', 'boy', 'boys', 'girl', 'girls', 'child', 'children', 'kid', 'kids', 'guy', 'lady', 'player', 'biker']));
    expect(terms.water).toEqual(expect.arrayContaining(['water', 'lake', 'river', 'ocean', 'sea', 'pool']));
    expect(terms.bicycle).toEqual(expect.arrayContaining(['bicycle', 'bicycles', 'bike', 'bikes']));
  });

  it('does not let a rare sense name the wrong thing', () => {
    expect(terms.person).not.toContain('cat'); // "cat" as a guy
    expect(terms.person).not.toContain('tiger'); // a fierce person
    expect(terms.person).not.toContain('american'); // an adjective before a noun
    expect(terms.shirt).not.toContain('turtle');
    expect(terms.glass).not.toContain('glasses');
    expect(terms.animal).toEqual(expect.arrayContaining(terms.dog ?? []));
  });

  it('lists a word before the words above it, so the first word naming a term is the most specific', () => {
    const first = new Map<string, string>();
    for (const [word, list] of Object.entries(terms)) for (const t of list) if (!first.has(t)) first.set(t, word);
    expect(first.get('dogs')).toBe('dog');
    expect(first.get('puppy')).toBe('dog');
    expect(first.get('lake')).toBe('lake');
    expect(first.get('sports car')).toBe('car');
    expect(first.get('pizza')).toBe('pizza');
  });
});

describe('build-concept-tables', () => {
  it('regenerates exactly the committed tables', () => {
    execFileSync('npx', ['tsx', 'scripts/concepts/build-concept-tables.ts', '--check'], { cwd: root, stdio: 'pipe', timeout: 120_000 });
  }, 150_000);
});
