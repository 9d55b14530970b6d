/**
 * Judges what Glimpse writes for photos, through the extension's describe
 * path: the same core (OCR, image-type gate, object detector, concept models,
 * captioner, caption cross-check) on the same onnxruntime-web WASM build, and
 * the same label rules with default settings. Each photo's written name is
 * judged against its 5 reference captions; the same run also scores the name
 * Glimpse wrote before concepts existed (caption or nothing), as the peer.
 *
 * Reports, on the photos given (default: dev B, the second half of Flickr8k
 * dev, which nothing was chosen on):
 * - coverage: photos whose name says a content noun or a sentence;
 * - noun precision: concept words in the names that a reference names (synonym
 *   groups of src/captioner/concepts/), a lower bound;
 * - invented people/animals: photos whose name names a person (or animal)
 *   while no reference names any;
 * - captions stopped by the cross-check, and the subject-right rate of the
 *   captions written with and without it.
 * With --real-web it also describes the real web non-photos of
 * ../shared/data/real-web and counts names with people or animal words.
 *
 *   npx tsx scripts/concepts/judge.ts [--from 500 --to 1000] [--limit N] [--real-web] [--out FILE]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { answerOf, describeImage, type DescribeParts } from '../../src/captioner/index';
import { conceptTerms, namedConcepts } from '../../src/captioner/concepts/index';
import settingTerms from '../../src/captioner/concepts/setting-terms.json' with { type: 'json' };
import vocabulary from '../../src/captioner/concepts/concept-vocabulary.json' with { type: 'json' };
import type { CaptionSuccess } from '../../src/shared/engine-types';
import { decideLabel, participle } from '../../src/shared/label-text';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import { loadDescribeParts } from '../lib/describe-parts';
import { namedWords } from './named-words';
import { loadImage } from '../lib/load-image';
import { readReferences } from './featurize';

const KIND = new Map<string, string>([...vocabulary.concepts.map((c) => [c.word, c.kind] as [string, string]), ...Object.keys(settingTerms.settings).map((w) => [w, 'setting'] as [string, string])]);

const wordsOf = (text: string): Set<string> => new Set(namedWords(text));

/** The name without its marker and quoted text, the part that describes the picture. */
function describedPart(label: string): string {
  return label.replace(DEFAULT_SETTINGS.marker, '').replace(DEFAULT_SETTINGS.uncertainMarker, '').replace(/\. Text: .*$/, '');
}

interface PhotoScore {
  file: string;
  label: string | null;
  peerLabel: string | null;
  covered: boolean;
  peerCovered: boolean;
  nouns: { word: string; right: boolean }[];
  peerNouns: { word: string; right: boolean }[];
  inventsBeing: boolean;
  peerInventsBeing: boolean;
  caption: string;
  captionConfidence: number;
  stopped: string | null;
  subjectRight: boolean | null;
}

function judgeName(label: string | null, refWords: Set<string>, captioned: boolean) {
  if (!label) return { covered: false, nouns: [], invents: false };
  const words = [...wordsOf(describedPart(label))];
  const nouns = words.map((word) => ({ word, right: refWords.has(word) }));
  const kinds = (set: Iterable<string>, kind: string): boolean => [...set].some((w) => KIND.get(w) === kind);
  const invents = (kinds(words, 'person') && !kinds(refWords, 'person')) || (kinds(words, 'animal') && !kinds(refWords, 'animal'));
  return { covered: captioned || nouns.length > 0, nouns, invents };
}

const pct = (n: number, d: number): string => (d ? `${((100 * n) / d).toFixed(1)}%` : '–');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      list: { type: 'string', default: '../shared/data/flickr8k/Flickr_8k.devImages.txt' },
      images: { type: 'string', default: '../shared/data/flickr8k/images' },
      captions: { type: 'string', default: '../shared/data/flickr8k/Flickr8k.token.txt' },
      model: { type: 'string', default: '.cache/models/glimpse-captioner' },
      from: { type: 'string', default: '500' },
      to: { type: 'string', default: '1000' },
      limit: { type: 'string' },
      'real-web': { type: 'boolean', default: false },
      out: { type: 'string' },
    },
  });
  const files = readFileSync(values.list!, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean)
    .slice(Number(values.from), Number(values.to)).slice(0, values.limit ? Number(values.limit) : undefined);
  const refs = readReferences(values.captions!);
  const parts = await loadDescribeParts(values.model!);
  const scores: PhotoScore[] = [];
  const ms: number[] = [];
  for (const file of files) {
    const rgba = await loadImage(join(values.images!, file));
    const d = await describeImage(parts, rgba, { url: 'https://example.org/photo.jpg' });
    ms.push(d.timings.detector + d.timings.concepts);
    const answer: CaptionSuccess = { ...answerOf(d), cached: false };
    const peer: CaptionSuccess = { ...answer, concepts: [], captionCheck: null };
    const decision = decideLabel(answer, DEFAULT_SETTINGS);
    const peerDecision = decideLabel(peer, DEFAULT_SETTINGS);
    const label = decision.state === 'withheld' ? null : decision.text;
    const peerLabel = peerDecision.state === 'withheld' ? null : peerDecision.text;
    const refWords = new Set((refs.get(file) ?? []).flatMap((r) => [...wordsOf(r)]));
    const captionWritten = (l: string | null): boolean => l !== null && answer.captioned && answer.text !== '' && (l.includes(answer.text) || l.includes(participle(answer.text)));
    const mine = judgeName(label, refWords, captionWritten(label));
    const theirs = judgeName(peerLabel, refWords, captionWritten(peerLabel));
    const subject = answer.captioned ? namedConcepts(answer.text, conceptTerms())[0] : undefined;
    scores.push({
      file, label, peerLabel, covered: mine.covered, peerCovered: theirs.covered, nouns: mine.nouns, peerNouns: theirs.nouns,
      inventsBeing: mine.invents, peerInventsBeing: theirs.invents, caption: answer.text, captionConfidence: answer.confidence,
      stopped: answer.captionCheck?.contradicted ? answer.captionCheck.reason : null,
      subjectRight: subject === undefined ? null : refWords.has(subject),
    });
    if (scores.length % 50 === 0) console.log(`${scores.length}/${files.length}`);
  }
  const n = scores.length;
  const sum = (f: (s: PhotoScore) => boolean): number => scores.filter(f).length;
  const nouns = scores.flatMap((s) => s.nouns);
  const peerNouns = scores.flatMap((s) => s.peerNouns);
  const aboveFloor = scores.filter((s) => s.captionConfidence >= DEFAULT_SETTINGS.withholdBelow && s.caption);
  const kept = aboveFloor.filter((s) => !s.stopped);
  const judged = (list: PhotoScore[]): PhotoScore[] => list.filter((s) => s.subjectRight !== null);
  const summary = {
    photos: n,
    coverage: sum((s) => s.covered) / n,
    nounPrecision: nouns.filter((x) => x.right).length / Math.max(1, nouns.length),
    nouns: nouns.length,
    inventedBeings: sum((s) => s.inventsBeing) / n,
    captionsAboveFloor: aboveFloor.length,
    captionsStopped: aboveFloor.length - kept.length,
    subjectRightBefore: judged(aboveFloor).filter((s) => s.subjectRight).length / Math.max(1, judged(aboveFloor).length),
    subjectRightAfter: judged(kept).filter((s) => s.subjectRight).length / Math.max(1, judged(kept).length),
    peer: { coverage: sum((s) => s.peerCovered) / n, nounPrecision: peerNouns.filter((x) => x.right).length / Math.max(1, peerNouns.length), inventedBeings: sum((s) => s.peerInventsBeing) / n },
    detectorAndConceptsMsP50: [...ms].sort((a, b) => a - b)[Math.floor(ms.length / 2)],
  };
  console.log(`\nFlickr8k dev photos ${values.from}–${Number(values.from) + n} through the describe path (WASM, default settings):`);
  console.log(`  coverage (a content noun or a sentence): ${pct(sum((s) => s.covered), n)}   before concepts: ${pct(sum((s) => s.peerCovered), n)}`);
  console.log(`  noun precision: ${pct(nouns.filter((x) => x.right).length, nouns.length)} of ${nouns.length}   before: ${pct(peerNouns.filter((x) => x.right).length, peerNouns.length)} of ${peerNouns.length}`);
  console.log(`  invented person/animal: ${pct(sum((s) => s.inventsBeing), n)}   before: ${pct(sum((s) => s.peerInventsBeing), n)}`);
  console.log(`  captions above the floor: ${aboveFloor.length}; stopped by the cross-check: ${aboveFloor.length - kept.length}; subject right ${pct(judged(aboveFloor).filter((s) => s.subjectRight).length, judged(aboveFloor).length)} before, ${pct(judged(kept).filter((s) => s.subjectRight).length, judged(kept).length)} after`);
  const result: Record<string, unknown> = { summary, photos: scores };
  if (values['real-web']) result.realWeb = await judgeRealWeb(parts);
  if (values.out) writeFileSync(values.out, JSON.stringify(result, null, 1));
  console.log(JSON.stringify(summary));
  await parts.dispose();
}

/** Real web non-photos (and photos): how many names say a person or an animal, with and without concepts. */
async function judgeRealWeb(parts: DescribeParts): Promise<unknown> {
  const dir = '../shared/data/real-web';
  const rows = JSON.parse(readFileSync(join(dir, 'labels.json'), 'utf8')) as { file: string; type: string }[];
  const beings = (label: string | null): boolean => label !== null && [...wordsOf(describedPart(label))].some((w) => ['person', 'animal'].includes(KIND.get(w) ?? ''));
  const out: { file: string; type: string; label: string | null; peerLabel: string | null }[] = [];
  for (const row of rows) {
    const rgba = await loadImage(join(dir, row.file));
    const answer: CaptionSuccess = { ...answerOf(await describeImage(parts, rgba, { url: 'https://example.org/image.png' })), cached: false };
    const label = decideLabel(answer, DEFAULT_SETTINGS);
    const peer = decideLabel({ ...answer, concepts: [], captionCheck: null }, DEFAULT_SETTINGS);
    out.push({ file: row.file, type: row.type, label: label.state === 'withheld' ? null : label.text, peerLabel: peer.state === 'withheld' ? null : peer.text });
  }
  const nonPhotos = out.filter((r) => r.type !== 'photo');
  const photos = out.filter((r) => r.type === 'photo');
  console.log(`real-web non-photos: ${nonPhotos.length}; names with a person or animal word: ${nonPhotos.filter((r) => beings(r.label)).length} (before concepts: ${nonPhotos.filter((r) => beings(r.peerLabel)).length})`);
  console.log(`real-web photos: ${photos.length}; named: ${photos.filter((r) => r.label).length} (before concepts: ${photos.filter((r) => r.peerLabel).length})`);
  for (const r of photos) console.log(`  ${r.file}: ${r.label ?? '(no name)'}`);
  return out;
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
