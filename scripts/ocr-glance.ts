/**
 * Measures the OCR glance: the text detector alone on a small copy, deciding
 * whether a full read (the detector at full size, then the recogniser) is worth
 * its cost. For every image: the full read, the glance's best box score at
 * each candidate size, and the gate's type with and without the full read's
 * text (the shipped encoder's ImageNet evidence). The describe path skips the
 * full read when the glance is below its score and the gate, seeing no text,
 * says photo; so the loss is text on such photos, and non-photos that the gate
 * calls photo only without their text.
 *
 * Sets: the type dev set (rendered non-photos, Flickr8k photos, photos with
 * text over them: their words are the truth) and real-web photos, logos and
 * charts at their own sizes (at most 1,024 px, as the engine sees them). Rows
 * go to a JSONL file (resumable; a size added later is measured on the rows
 * already there). The summary gives every size and score on every set: the
 * dev set's photos are all 224 px, where any glance is the full detector, so
 * only real-web's photos tell the sizes apart (models/README "OCR glance").
 *
 * @example
 *   npx tsx scripts/ocr-glance.ts --out .cache/ocr-glance.jsonl --photos 300
 *   npx tsx scripts/ocr-glance.ts --out .cache/ocr-glance.jsonl --summary-only
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import sharp from 'sharp';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { classify, gatherEvidence, type TextReading } from '../src/captioner/index';
import type { EncoderView } from '../src/captioner/types';
import { keepView } from './type-gate/evidence-of';
import { createOcr, OCR_DEFAULTS, type Ocr } from '../src/captioner/ocr/index';
import { detectionSize } from '../src/captioner/ocr/det-preprocess';
import { loadDescribeParts } from './lib/describe-parts';
import { loadImage } from './lib/load-image';
import { ocrModelSource } from './lib/ocr-models';
import { overlap, words } from './lib/word-match';

const SIDES = [320, 480, 640] as const;
const SCORES = [0.3, 0.4, 0.5, 0.6] as const;

interface Row {
  file: string;
  set: 'devset' | 'real-web';
  split: 'train' | 'test';
  type: string;
  kind: string;
  truth: string;
  width: number;
  height: number;
  /** Null for a non-photo whose glance sees text at every size and score: it is always read in full, so the read can't change. */
  fullText: string | null;
  fullMs: number | null;
  glance: Record<string, { score: number; ms: number }>;
  typeFull: string | null;
  typeEmpty: string | null;
}

interface Job { file: string; path: string; set: Row['set']; split: Row['split']; type: string; kind: string; truth: string }

function jobs(photos: number): Job[] {
  const devLabels = resolve('.cache/type-devset/labels.json');
  const dev = JSON.parse(readFileSync(devLabels, 'utf8')) as { file: string; split: 'train' | 'test'; type: string; kind: string; text: string }[];
  const out: Job[] = [];
  for (const split of ['train', 'test'] as const) {
    const rows = dev.filter((r) => r.split === split);
    const plain = rows.filter((r) => r.type === 'photo' && r.kind !== 'photo-with-text').slice(0, photos);
    const rest = rows.filter((r) => r.type !== 'photo' || r.kind === 'photo-with-text');
    for (const r of [...rest, ...plain]) out.push({ file: r.file, path: join(dirname(devLabels), r.file), set: 'devset', split, type: r.type, kind: r.kind, truth: r.text });
  }
  const realLabels = resolve('../shared/data/real-web/labels.json');
  const real = JSON.parse(readFileSync(realLabels, 'utf8')) as { file: string; type: string; subtype?: string }[];
  for (const r of real.filter((x) => ['photo', 'logo', 'chart'].includes(x.type))) {
    out.push({ file: r.file, path: join(dirname(realLabels), r.file), set: 'real-web', split: 'test', type: r.type, kind: r.subtype ?? r.type, truth: '' });
  }
  return out;
}

async function measure(out: string, photos: number): Promise<void> {
  const rows = new Map((existsSync(out) ? readFileSync(out, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row) : []).map((r) => [r.file, r]));
  const all = jobs(photos);
  // Rows measured before a size was added get only that size's glance.
  const todo = all.filter((j) => !rows.has(j.file) || SIDES.some((side) => !(side in rows.get(j.file)!.glance)));
  console.log(`${todo.length} images to do (${rows.size} in ${out})`);
  if (!todo.length) return;
  const parts = await loadDescribeParts('.cache/models/glimpse-captioner');
  // A reader per glance size, and one that only reads in full (no glance boxes reused, honest full timings).
  const glancers = new Map<number, Ocr>();
  for (const side of SIDES) glancers.set(side, await createOcr(ocrModelSource(), { glanceSide: side }));
  const reader = await createOcr(ocrModelSource());
  const decide = (image: Parameters<Ocr['read']>[0], seen: EncoderView, text: TextReading): string | null => classify(parts.gate!, gatherEvidence(image, seen, text), undefined, null).type;
  let n = 0;
  for (const job of todo) {
    // The engine never looks at more than 1,024 px on the long side.
    const image = await loadImage(await sharp(job.path).resize(1024, 1024, { fit: 'inside', withoutEnlargement: true }).png().toBuffer());
    const known = rows.get(job.file);
    const glance: Row['glance'] = { ...known?.glance };
    for (const [side, ocr] of glancers) {
      if (side in glance) continue;
      const g = await ocr.glance({ ...image });
      glance[side] = { score: Number(g.score.toFixed(4)), ms: Number(g.ms.toFixed(1)) };
    }
    if (known) {
      rows.set(job.file, { ...known, glance });
      if (++n % 25 === 0) console.log(`${n}/${todo.length}`);
      continue;
    }
    let seen: EncoderView = { imagenetLogits: null, pooled: null };
    await parts.captioner.caption(image, {
      beforeDecode: (view) => {
        seen = keepView(view);
        return false;
      },
    });
    const alwaysRead = job.type !== 'photo' && Object.values(glance).every((g) => g.score >= Math.max(...SCORES));
    const full = alwaysRead ? null : await reader.read(image);
    const row: Row = {
      file: job.file, set: job.set, split: job.split, type: job.type, kind: job.kind, truth: job.truth,
      width: image.width, height: image.height, fullText: full?.text ?? null, fullMs: full ? Number(full.ms.toFixed(1)) : null, glance,
      typeFull: full ? decide(image, seen, full) : null, typeEmpty: decide(image, seen, { text: '', coverage: 0, lines: [] }),
    };
    rows.set(job.file, row);
    appendFileSync(out, `${JSON.stringify(row)}\n`);
    if (++n % 25 === 0) console.log(`${n}/${todo.length}`);
  }
  writeFileSync(out, [...rows.values()].map((r) => `${JSON.stringify(r)}\n`).join(''));
  for (const ocr of [...glancers.values(), reader]) await ocr.dispose();
  await parts.dispose();
}

interface Outcome { skipped: boolean; text: string; type: string | null; ms: number }

/** What the describe path does with one image at a glance size and score. */
function outcome(row: Row, side: number, score: number): Outcome {
  const g = row.glance[side]!;
  const skipped = g.score < score && row.typeEmpty === 'photo';
  // A small image's glance is the full read's own detector, and the read reuses its boxes: no detector runs twice.
  const full = detectionSize(row.width, row.height, OCR_DEFAULTS.maxSide, OCR_DEFAULTS.minSide);
  const small = detectionSize(row.width, row.height, side, Math.min(OCR_DEFAULTS.minSide, side));
  const same = full.width === small.width && full.height === small.height;
  const ms = skipped ? g.ms : same ? Math.max(g.ms, row.fullMs ?? 0) : g.ms + (row.fullMs ?? 0);
  return skipped ? { skipped, text: '', type: row.typeEmpty, ms } : { skipped, text: row.fullText ?? '', type: row.typeFull, ms };
}

function pct(a: number, b: number): string {
  return b ? `${((100 * a) / b).toFixed(1)}%` : '–';
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)]! : 0;
}

function report(rows: Row[], side: number, score: number): Record<string, string | number> {
  const photos = rows.filter((r) => r.type === 'photo');
  const withTruth = photos.filter((r) => r.truth);
  const truthWords = withTruth.reduce((n, r) => n + words(r.truth).length, 0);
  const foundFull = withTruth.reduce((n, r) => n + overlap(words(r.truth), words(r.fullText ?? '')), 0);
  const foundPath = withTruth.reduce((n, r) => n + overlap(words(r.truth), words(outcome(r, side, score).text)), 0);
  const readFull = photos.reduce((n, r) => n + words(r.fullText ?? '').length, 0);
  const readPath = photos.reduce((n, r) => n + words(outcome(r, side, score).text).length, 0);
  const nonPhotos = rows.filter((r) => r.type !== 'photo');
  // Only a skipped read can change a type.
  const changed = nonPhotos.filter((r) => outcome(r, side, score).skipped && r.typeEmpty !== r.typeFull).length;
  return {
    photos: photos.length,
    'photos skipped': pct(photos.filter((r) => outcome(r, side, score).skipped).length, photos.length),
    'truth word recall, full → glance path': `${pct(foundFull, truthWords)} → ${pct(foundPath, truthWords)} (${withTruth.length} photos with text)`,
    'words read on photos, full → glance path': `${readFull} → ${readPath}`,
    'non-photos whose type changes': `${changed} / ${nonPhotos.length}`,
    'photo OCR ms p50, full → glance path': `${median(photos.map((r) => r.fullMs ?? 0)).toFixed(0)} → ${median(photos.map((r) => outcome(r, side, score).ms)).toFixed(0)}`,
    'photo OCR ms mean, full → glance path': `${(photos.reduce((s, r) => s + (r.fullMs ?? 0), 0) / photos.length).toFixed(0)} → ${(photos.reduce((s, r) => s + outcome(r, side, score).ms, 0) / photos.length).toFixed(0)}`,
  };
}

function summary(out: string): void {
  const rows = readFileSync(out, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Row);
  const sets = [
    ['type dev set, train split', rows.filter((r) => r.set === 'devset' && r.split === 'train')],
    ['type dev set, test split', rows.filter((r) => r.set === 'devset' && r.split === 'test')],
    ['real-web photos, logos and charts', rows.filter((r) => r.set === 'real-web')],
  ] as const;
  for (const [name, set] of sets) {
    if (!set.length) continue;
    console.log(`\n## ${name} (${set.length} images)\n`);
    const grid = SIDES.flatMap((side) => SCORES.map((score) => ({ side, score, r: report(set, side, score) })));
    console.log(`| side | score | ${Object.keys(grid[0]!.r).join(' | ')} |`);
    console.log(`|${' --- |'.repeat(Object.keys(grid[0]!.r).length + 2)}`);
    for (const g of grid) console.log(`| ${g.side} | ${g.score} | ${Object.values(g.r).join(' | ')} |`);
  }
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string', default: '.cache/ocr-glance.jsonl' }, photos: { type: 'string', default: '300' }, 'summary-only': { type: 'boolean', default: false } } });
  mkdirSync(dirname(values.out!), { recursive: true });
  if (!values['summary-only']) await measure(values.out!, Number(values.photos));
  summary(values.out!);
}

await main();
