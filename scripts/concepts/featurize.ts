/**
 * Turns an evidence dump (dump-evidence.ts) into what training/train-concepts.py
 * fits on, with the engine's own code: the named features of
 * concept-features.ts, and the weak labels from the photo's reference
 * captions (which concept words they name, and the counts they say). Also
 * writes the concept list with the features each concept's model may use.
 *
 *   npx tsx scripts/concepts/featurize.ts --in .cache/concepts/train.jsonl --out .cache/concepts/train-features.jsonl
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { conceptFeatures, conceptGroups, conceptTables, namedConcepts, termIndex } from '../../src/captioner/concepts/index';
import vocabulary from '../../src/captioner/concepts/concept-vocabulary.json' with { type: 'json' };
import settingTerms from '../../src/captioner/concepts/setting-terms.json' with { type: 'json' };
import type { EvidenceLine } from './dump-evidence';
import { namedWords } from './named-words';
import { referenceCounts } from './reference-counts';

export interface ConceptSpec { word: string; kind: string; features: string[] }

/** Which features each concept's model may read: its own evidence, and for places and settings the whole scene. */
export function conceptSpecs(): ConceptSpec[] {
  const tables = conceptTables();
  const imagenetWords = new Set(tables.imagenet.flatMap((c) => c.words));
  const cocoWords = new Set(Object.values(tables.coco).filter((w): w is string => w !== null));
  const kinds = new Map<string, string>(vocabulary.concepts.map((c) => [c.word, c.kind]));
  for (const w of cocoWords) if (!kinds.has(w)) kinds.set(w, 'object');
  for (const w of Object.keys(settingTerms.settings)) kinds.set(w, 'setting');
  const places = [...kinds].filter(([w, k]) => k === 'place' && imagenetWords.has(w)).map(([w]) => `in:${w}`);
  const pixels = ['luma', 'dark', 'skyTop', 'blueBottom', 'green', 'snowWhite', 'sand', 'saturation', 'contrast', 'lumaEntropy', 'flat'].map((n) => `px:${n}`);
  const specs: ConceptSpec[] = [];
  for (const [word, kind] of kinds) {
    const own = [
      ...(cocoWords.has(word) ? [`det:${word}`, `det:${word}:n`, `det:${word}:area`] : []),
      ...(imagenetWords.has(word) ? [`in:${word}`] : []),
    ];
    const scene = kind === 'place' || kind === 'setting' ? [...places, ...pixels, 'det:person:n'] : [];
    const features = [...new Set([...own, ...scene])];
    if (features.length) specs.push({ word, kind, features });
  }
  return specs;
}

/** Flickr8k.token.txt: `<file>#<n>\t<caption>` → file → captions. */
export function readReferences(path: string): Map<string, string[]> {
  const refs = new Map<string, string[]>();
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const [key, text] = line.split('\t');
    if (!key || !text) continue;
    const file = key.replace(/#\d+$/, '');
    refs.set(file, [...(refs.get(file) ?? []), text.trim()]);
  }
  return refs;
}

function main(): void {
  const { values } = parseArgs({
    options: {
      in: { type: 'string' },
      out: { type: 'string' },
      captions: { type: 'string', default: '../shared/data/flickr8k/Flickr8k.token.txt' },
      specs: { type: 'string', default: '.cache/concepts/specs.json' },
    },
  });
  if (!values.in || !values.out) throw new Error('usage: featurize.ts --in DUMP.jsonl --out FEATURES.jsonl');
  const tables = conceptTables();
  const terms = termIndex(conceptGroups());
  const refs = readReferences(values.captions!);
  const specs = conceptSpecs();
  writeFileSync(values.specs!, JSON.stringify(specs, null, 1));
  const names = [...new Set(specs.flatMap((s) => s.features))];
  const lines: string[] = [];
  for (const raw of readFileSync(values.in, 'utf8').split('\n')) {
    if (!raw) continue;
    const e = JSON.parse(raw) as EvidenceLine;
    const f = conceptFeatures({ imagenet: Float32Array.from(e.imagenet), detections: e.detections, stats: e.stats, colours: e.colours }, tables);
    const references = refs.get(e.file) ?? [];
    const named: Record<string, number> = {};
    for (const r of references) for (const w of namedWords(r)) named[w] = (named[w] ?? 0) + 1;
    lines.push(JSON.stringify({
      file: e.file,
      x: Object.fromEntries(names.map((n) => [n, Number((f.values.get(n) ?? 0).toFixed(5))])),
      detections: e.detections.filter((d) => d.score >= 0.2).map((d) => ({ word: tables.coco[d.label] ?? null, score: d.score, area: d.area })),
      named,
      refCounts: referenceCounts(references, terms),
      references: references.length,
      ...(e.caption ? { caption: { ...e.caption, named: namedConcepts(e.caption.text, terms) } } : {}),
    }));
  }
  writeFileSync(values.out, `${lines.join('\n')}\n`);
  console.log(`${lines.length} photos, ${names.length} features, ${specs.length} concepts → ${values.out}`);
}

if (import.meta.url === `file://${process.argv[1]}`) main();
