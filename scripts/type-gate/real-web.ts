/**
 * The image-type gate and OCR on real web images (../shared/data/real-web),
 * through the extension's describe path: the same core (OCR, gate, detector,
 * concepts, captioner) on the same onnxruntime-web WASM build, images shrunk
 * to the engine's 1024 px edge as the offscreen decoder does, each one handed
 * over under a neutral address (`https://example.org/img/<n>.png`) so no
 * file-name hint sees its kind, and the label rules with default settings.
 *
 * Writes one JSON line per image (its truth, the verdict, the written name,
 * the OCR text and the gate's evidence, so a gate file can be re-scored
 * without running the models: `--rescore`), then prints per-kind precision
 * and recall, photos routed away, receipt OCR word recall / precision and a
 * sample of the names.
 *
 *   npx tsx scripts/type-gate/real-web.ts [--out .cache/type-gate/real-web.jsonl] [--limit N] [--part 1/2]
 *   npx tsx scripts/type-gate/real-web.ts --rescore [--gate FILE] [--merge OTHER.jsonl]
 *
 * --dir FOLDER describes another set laid out the same way (labels.json + images), e.g. the photos with
 * text burnt in that scripts/type-gate/photo-text.ts draws.
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { answerOf, BASE_FEATURES, checkGateModel, PlaceholderImageError, classify, describeImage, featureValue, gatherEvidence, type GateModel } from '../../src/captioner/index';
import type { EncoderView, RgbaImage } from '../../src/captioner/types';
import type { CaptionSuccess } from '../../src/shared/engine-types';
import { decideLabel, TYPE_SURE_AT } from '../../src/shared/label-text';
import { DEFAULT_SETTINGS } from '../../src/shared/settings';
import { loadDescribeParts } from '../lib/describe-parts';
import { overlap, words } from '../lib/word-match';
import type { EvidenceLine } from './dump-evidence';
import { evidenceOf, keepView, pooledOf } from './evidence-of';
import { peopleOrAnimals } from './label-checks';
import { realWebKind, kindOfType, REAL_WEB_KINDS, type RealWebKind } from './real-web-kinds';

export interface RealWebRow { file: string; type: string; subtype?: string; text?: string; width: number; height: number }

export interface RealWebLine extends EvidenceLine {
  kind: RealWebKind;
  predicted: string;
  confidence: number;
  label: string | null;
  hedged: boolean;
  ms: { encoder: number; ocr: number };
}

const DIR = '../shared/data/real-web';
/** The offscreen decoder's longest edge (src/engine/decode-image.ts MAX_MODEL_EDGE). */
const MODEL_EDGE = 1024;

async function loadAsEngine(file: string): Promise<RgbaImage> {
  const { data, info } = await sharp(file)
    .rotate()
    .resize({ width: MODEL_EDGE, height: MODEL_EDGE, fit: 'inside', withoutEnlargement: true })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

async function run(dir: string, rows: RealWebRow[], out: string, others: string[], limit: number | undefined, part: string): Promise<void> {
  mkdirSync(dirname(out), { recursive: true });
  const done = new Set([out, ...others].filter((f) => existsSync(f)).flatMap((f) => readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as RealWebLine).file)));
  // Kinds interleaved (each row at its rank within its kind / the kind's size), so any prefix is a balanced sample.
  const seen = new Map<string, number>();
  const size = new Map<string, number>();
  for (const row of rows) size.set(realWebKind(row), (size.get(realWebKind(row)) ?? 0) + 1);
  const all = rows
    .map((row, index) => {
      const kind = realWebKind(row);
      const rank = seen.get(kind) ?? 0;
      seen.set(kind, rank + 1);
      return { row, index, at: (rank + 0.5) / size.get(kind)! };
    })
    .sort((a, b) => a.at - b.at);
  // --part K/N: this process takes every N-th image from the K-th (several processes, one file each; merge with --merge).
  const [k, every] = part.split("/").map(Number) as [number, number];
  const todo = all.filter((_, i) => i % every === k - 1).filter(({ row }) => !done.has(row.file)).slice(0, limit);
  console.log(`${todo.length} images to describe (${done.size} already in ${out})`);
  const parts = await loadDescribeParts('.cache/models/glimpse-captioner');
  // The same describe path; only what the encoder saw is kept on the way, for the evidence line.
  const kept: { view: EncoderView } = { view: { imagenetLogits: null, pooled: null } };
  const captioner = parts.captioner;
  const watched = {
    ...parts,
    captioner: {
      caption: (image: RgbaImage, options?: Parameters<typeof captioner.caption>[1]) =>
        captioner.caption(image, {
          ...options,
          beforeDecode: async (step) => {
            kept.view = keepView(step);
            return options?.beforeDecode ? options.beforeDecode(step) : true;
          },
        }),
    },
  };
  let n = 0;
  for (const { row, index } of todo) {
    const rgba = await loadAsEngine(join(dir, row.file));
    kept.view = { imagenetLogits: null, pooled: null };
    let d: Awaited<ReturnType<typeof describeImage>>;
    try {
      d = await describeImage(watched, rgba, { url: `https://example.org/img/${index}.png` });
    } catch (error) {
      if (!(error instanceof PlaceholderImageError)) throw error;
      console.log(`${row.file}: ${error.message}`);
      continue;
    }
    const answer: CaptionSuccess = { ...answerOf(d), cached: false };
    const decision = decideLabel(answer, DEFAULT_SETTINGS);
    const reading = d.text ?? { text: '', coverage: 0, lines: [] };
    const evidence = gatherEvidence(rgba, kept.view, reading);
    const line: RealWebLine = {
      file: row.file, split: 'dev', type: row.type, kind: realWebKind(row), truth: row.text ?? '',
      features: Object.fromEntries(BASE_FEATURES.map((f) => [f, Number(featureValue(evidence, f).toFixed(6))])),
      imagenet: Array.from(evidence.imagenet ?? [], (p) => Number(p.toFixed(5))),
      pooled: pooledOf(evidence),
      ocrText: reading.text,
      ocr: { text: reading.text, coverage: reading.coverage, lines: reading.lines.map((l) => ({ text: l.text, confidence: l.confidence })) },
      predicted: d.type?.type ?? 'photo',
      confidence: d.type?.confidence ?? 1,
      label: decision.state === 'withheld' ? null : decision.text,
      hedged: decision.state === 'hedged',
      ms: { encoder: Math.round(d.caption.timings.total), ocr: Math.round(d.timings.ocr) },
    };
    appendFileSync(out, `${JSON.stringify(line)}\n`);
    if (++n % 25 === 0) console.log(`${n}/${todo.length}`);
  }
  await parts.dispose();
}

/** Re-decides each line's type (and, for non-photos, its name) with another gate file, from the stored evidence. */
function rescore(lines: RealWebLine[], gate: GateModel): RealWebLine[] {
  return lines.map((line) => {
    const d = classify(gate, evidenceOf(line));
    if (d.type === 'photo') return { ...line, predicted: 'photo', confidence: d.confidence, label: line.predicted === 'photo' ? line.label : '(photo: not captioned in this re-score)', hedged: false };
    const answer: CaptionSuccess = {
      ok: true, text: '', captioned: false, confidence: 0, cached: false, ocrText: line.ocr.text,
      imageType: { type: d.type, confidence: d.confidence, reasons: d.reasons }, concepts: [], captionCheck: null, conceptsMissing: null,
      tokens: [], timings: { total: 0 }, backend: 'wasm',
    } as unknown as CaptionSuccess;
    const decision = decideLabel(answer, DEFAULT_SETTINGS);
    return { ...line, predicted: d.type, confidence: d.confidence, label: decision.state === 'withheld' ? null : decision.text, hedged: decision.state === 'hedged' };
  });
}

const pct = (n: number, d: number): string => (d ? `${((100 * n) / d).toFixed(1)}%` : '–');

export function report(lines: RealWebLine[]): string {
  const out: string[] = [];
  out.push('| kind | n | precision | recall | hedged | named instead |', '|---|---|---|---|---|---|');
  for (const kind of REAL_WEB_KINDS) {
    const actual = lines.filter((l) => l.kind === kind);
    const predicted = lines.filter((l) => kindOfType(l.predicted) === kind);
    const hit = actual.filter((l) => kindOfType(l.predicted) === kind);
    const wrong = new Map<string, number>();
    for (const l of actual) if (kindOfType(l.predicted) !== kind) wrong.set(l.predicted, (wrong.get(l.predicted) ?? 0) + 1);
    const instead = [...wrong].sort((a, b) => b[1] - a[1]).map(([t, c]) => `${t} ${c}`).join(', ') || '–';
    if (!actual.length) continue;
    out.push(`| ${kind} | ${actual.length} | ${pct(hit.length, predicted.length)} | ${pct(hit.length, actual.length)} | ${pct(actual.filter((l) => l.hedged).length, actual.length)} | ${instead} |`);
  }
  const photos = lines.filter((l) => l.kind === 'photo');
  const routed = photos.filter((l) => l.predicted !== 'photo');
  const captioned = lines.filter((l) => l.kind !== 'photo' && l.predicted === 'photo');
  out.push('', `photos routed away: ${routed.length} / ${photos.length} (${pct(routed.length, photos.length)})${routed.length ? ` → ${routed.map((l) => l.predicted).join(', ')}` : ''}`);
  for (const l of routed) out.push(`  ${l.file}: ${l.predicted} at ${(100 * l.confidence).toFixed(0)}%, named ${l.label === null ? '(withheld)' : `"${l.label.slice(0, 90)}"`}`);
  out.push(`non-photos sent to the captioner: ${captioned.length} / ${lines.length - photos.length}`);
  const beings = lines.filter((l) => l.kind !== 'photo' && peopleOrAnimals(l.label ?? '').length > 0);
  out.push(`non-photo names with a person or animal word: ${beings.length} / ${lines.length - photos.length}${beings.length ? ` (${beings.map((l) => peopleOrAnimals(l.label ?? '').join('/')).join(', ')}; words read in the image count too)` : ''}`);
  const receipts = lines.filter((l) => l.kind === 'document' && l.truth);
  let want = 0, got = 0, read = 0;
  for (const l of receipts) {
    const truth = words(l.truth);
    const said = words(l.ocr.text);
    const common = overlap(truth, said);
    want += truth.length;
    got += common;
    read += said.length;
  }
  out.push(`receipt OCR (${receipts.length}, case-insensitive words): recall ${pct(got, want)}, precision ${pct(got, read)}`);
  const ocrMs = lines.filter((l) => l.kind === 'document').map((l) => l.ms.ocr).sort((a, b) => a - b);
  if (ocrMs.length) out.push(`receipt OCR time per image (ms): p50 ${ocrMs[Math.floor(ocrMs.length / 2)]}, p90 ${ocrMs[Math.floor(ocrMs.length * 0.9)]}, max ${ocrMs.at(-1)}`);
  out.push('', 'names (the first 3 of each kind, in file order):');
  for (const kind of REAL_WEB_KINDS) {
    for (const l of lines.filter((x) => x.kind === kind).slice(0, 3)) out.push(`  ${kind}: ${(l.label ?? '(no name)').slice(0, 140)}`);
  }
  return out.join('\n');
}

/** A non-photo verdict is right when it names the image's kind (a map called a chart counts: "chart or diagram"). */
const rightType = (l: RealWebLine): boolean => l.predicted === l.kind || (l.kind === 'map' && l.predicted === 'chart');

/**
 * The type floor (below it a non-photo name hedges, "may show a logo"): the lowest gate confidence at which
 * non-photo verdicts were right at least 90% of the time on folds 0–1, reported on folds 2–4.
 */
export function floorReport(lines: RealWebLine[], folds: Record<string, number>): string {
  const verdicts = lines.filter((l) => l.predicted !== 'photo');
  const choose = verdicts.filter((l) => (folds[l.file] ?? 0) <= 1);
  const report = verdicts.filter((l) => (folds[l.file] ?? 0) >= 2);
  const precisionAt = (set: RealWebLine[], t: number): [number, number] => {
    const above = set.filter((l) => l.confidence >= t);
    return [above.filter(rightType).length, above.length];
  };
  let floor = 1;
  for (let t = 0.95; t >= 0.2 - 1e-9; t -= 0.05) {
    const [right, said] = precisionAt(choose, t);
    if (said >= 20 && right / said >= 0.9) floor = Number(t.toFixed(2));
  }
  const [right, said] = precisionAt(report, floor);
  const below = report.filter((l) => l.confidence < floor);
  const [shippedRight, shippedSaid] = precisionAt(report, TYPE_SURE_AT);
  const shippedBelow = report.filter((l) => l.confidence < TYPE_SURE_AT);
  return [
    `the label rules' floor now (TYPE_SURE_AT ${TYPE_SURE_AT}) on folds 2–4: at or above it ${pct(shippedRight, shippedSaid)} right (${shippedSaid}); below it (hedged) ${pct(shippedBelow.filter(rightType).length, shippedBelow.length)} right (${shippedBelow.length})`,
    `type floor chosen on folds 0–1 (${choose.length} non-photo verdicts): ${floor} (lowest confidence with ≥ 90% right, ≥ 20 said)`,
    `on folds 2–4 (${report.length} verdicts): at or above it ${pct(right, said)} right (${said}); below it (hedged) ${pct(below.filter(rightType).length, below.length)} right (${below.length})`,
  ].join('\n');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      out: { type: 'string', default: '.cache/type-gate/real-web.jsonl' },
      dir: { type: 'string', default: DIR },
      limit: { type: 'string' },
      part: { type: 'string', default: '1/1' },
      merge: { type: 'string', multiple: true, default: [] },
      rescore: { type: 'boolean', default: false },
      gate: { type: 'string', default: 'models/glimpse-captioner/image-type-gate.json' },
      folds: { type: 'string' },
      'fold-gates': { type: 'string' },
    },
  });
  const rows = JSON.parse(readFileSync(join(values.dir!, 'labels.json'), 'utf8')) as RealWebRow[];
  if (!values.rescore) await run(values.dir!, rows, values.out!, values.merge!, values.limit ? Number(values.limit) : undefined, values.part!);
  const read = (file: string): RealWebLine[] => readFileSync(file, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as RealWebLine);
  const byFile = new Map<string, RealWebLine>();
  for (const line of [values.out!, ...values.merge!].flatMap(read)) if (!byFile.has(line.file)) byFile.set(line.file, line);
  let lines = rows.map((r) => byFile.get(r.file)).filter((l): l is RealWebLine => l !== undefined);
  const folds = values.folds ? (JSON.parse(readFileSync(values.folds, 'utf8')) as Record<string, number>) : null;
  const gateFile = (file: string): GateModel => checkGateModel(JSON.parse(readFileSync(file, 'utf8')));
  if (values.rescore && values['fold-gates']) {
    // Out of fold: each image is decided by the gate whose trained parts never saw its fold.
    if (!folds) throw new Error('--fold-gates needs --folds');
    const gates = new Map<number, GateModel>();
    lines = lines.map((line) => {
      const k = folds[line.file];
      if (k === undefined) throw new Error(`${line.file} has no fold in ${values.folds}`);
      if (!gates.has(k)) gates.set(k, gateFile(join(values['fold-gates']!, `fold-${k}.json`)));
      return rescore([line], gates.get(k)!)[0]!;
    });
  } else if (values.rescore) lines = rescore(lines, gateFile(values.gate!));
  console.log(`real-web dev, ${lines.length} images, through the describe path (WASM, default settings, neutral file names):\n`);
  console.log(report(lines));
  if (folds) console.log(`\n${floorReport(lines, folds)}`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
