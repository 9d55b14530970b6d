/**
 * The image-type bars, measured through the extension's real pipeline: the
 * labelled dev set's test split is laid out on a page, the audit CLI
 * (`scripts/audit.ts`: built extension, headless Chromium, the engine's gate,
 * OCR and captioner) describes it, and the audit's rows are scored:
 *
 * - non-photos: share of labels naming people or animals; rendered words read
 *   back, in the audit's OCR column and in the label itself; type precision/recall;
 * - photos: share routed away from the captioner.
 *
 *   npx tsx scripts/type-gate/audit-devset.ts [--photos 200] [--non-photos 300] [--timeout 3600] [--reuse]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { IMAGE_TYPES } from '../../src/shared/image-type';
import type { PageAuditImage } from '../lib/collect-audit';
import { imagePath, type LabelledImage } from './dump-evidence';
import { peopleOrAnimals } from './label-checks';
import { wordRecall } from '../lib/word-match';

const { values } = parseArgs({
  options: {
    labels: { type: 'string', default: '.cache/type-devset/labels.json' },
    dir: { type: 'string', default: '.cache/type-gate/audit' },
    photos: { type: 'string', default: '200' },
    'non-photos': { type: 'string', default: '1000' },
    timeout: { type: 'string', default: '3600' },
    reuse: { type: 'boolean', default: false },
  },
});

const labelsFile = resolve(values.labels!);
const dir = resolve(values.dir!);
const rows = (JSON.parse(readFileSync(labelsFile, 'utf8')) as LabelledImage[]).filter((r) => r.split === 'test');
const photos = rows.filter((r) => r.type === 'photo').slice(0, Number(values.photos));
const others = rows.filter((r) => r.type !== 'photo').slice(0, Number(values['non-photos']));
const chosen = [...others, ...photos];
const auditFile = join(dir, 'audit.json');

if (!values.reuse || !existsSync(auditFile)) {
  // One page; each image served under a unique name from a folder of links.
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(join(dir, 'img'), { recursive: true });
  const items = chosen.map((r, i) => {
    const name = `${String(i).padStart(4, '0')}-${basename(r.file)}`;
    symlinkSync(imagePath(labelsFile, r.file), join(dir, 'img', name));
    // Shown at natural size up to 480 px wide, as images appear on pages.
    const width = Math.min(r.width, 480);
    return `<figure><img src="img/${name}" width="${width}" height="${Math.round((width * r.height) / r.width)}"></figure>`;
  });
  writeFileSync(join(dir, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Image-type dev set</title></head><body><main>\n${items.join('\n')}\n</main></body></html>\n`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/audit.ts', join(dir, 'index.html'), '--json', '--out', auditFile, '--timeout', values.timeout!], { stdio: ['ignore', 'ignore', 'inherit'] });
  if (run.status !== 0) throw new Error(`the audit CLI failed (exit ${run.status})`);
}

const audit = JSON.parse(readFileSync(auditFile, 'utf8')) as { images: PageAuditImage[]; elapsedMs: number; complete: boolean };
const byName = new Map(audit.images.map((row) => [basename(row.src ?? ''), row]));
const results = chosen.map((r, i) => ({ truth: r, row: byName.get(`${String(i).padStart(4, '0')}-${basename(r.file)}`) ?? null }));
const answered = results.filter((x) => x.row && x.row.imageType !== null);
const nonPhotos = answered.filter((x) => x.truth.type !== 'photo');
const photoRows = answered.filter((x) => x.truth.type === 'photo');
const withText = nonPhotos.filter((x) => x.truth.text.trim() !== '');
const mean = (xs: number[]): number => (xs.length ? xs.reduce((s, v) => s + v, 0) / xs.length : NaN);
const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;

const peopleLabels = nonPhotos.filter((x) => peopleOrAnimals(x.row!.label ?? '').length > 0);
// Words read in the image ("Men Women Kids" in a chart legend) are quoted, not invented.
const invented = nonPhotos.filter((x) => {
  const read = new Set(peopleOrAnimals(x.row!.ocrText ?? ''));
  return peopleOrAnimals(x.row!.label ?? '').some((w) => !read.has(w));
});
const ocrRecall = mean(withText.map((x) => wordRecall(x.truth.text, x.row!.ocrText ?? '')));
const labelRecall = mean(withText.map((x) => wordRecall(x.truth.text, x.row!.label ?? '')));
const routedAway = photoRows.filter((x) => x.row!.imageType !== 'photo');

const lines = [
  `${chosen.length} test images on one page; ${answered.length} answered with a type in ${(audit.elapsedMs / 60000).toFixed(1)} min (complete: ${audit.complete})`,
  `non-photos (${nonPhotos.length}): labels naming people or animals ${peopleLabels.length} (${pct(peopleLabels.length / nonPhotos.length)}), of which not read in the image ${invented.length} (${pct(invented.length / nonPhotos.length)}); captioned ${nonPhotos.filter((x) => x.row!.description !== null).length}`,
  `  not described by Glimpse (under 50×50 CSS px): ${results.filter((x) => x.row?.describe === 'skip-too-small').length}`,
  `  rendered words read back (${withText.length} images with text): OCR column ${pct(ocrRecall)}, label ${pct(labelRecall)} (labels quote at most 200 characters)`,
  `photos (${photoRows.length}): routed away from the captioner ${routedAway.length} (${pct(routedAway.length / photoRows.length)})`,
  'type precision / recall on this page:',
];
for (const t of IMAGE_TYPES) {
  const predicted = answered.filter((x) => x.row!.imageType === t);
  const actual = answered.filter((x) => x.truth.type === t);
  const hit = predicted.filter((x) => x.truth.type === t).length;
  lines.push(`  ${t.padEnd(13)} n ${String(actual.length).padStart(4)}  precision ${pct(hit / Math.max(1, predicted.length)).padStart(6)}  recall ${pct(hit / Math.max(1, actual.length)).padStart(6)}`);
}
for (const x of peopleLabels.slice(0, 10)) lines.push(`  people/animals: ${x.truth.kind} → "${x.row!.label}"`);
const summary = {
  images: chosen.length,
  answered: answered.length,
  nonPhotos: nonPhotos.length,
  peopleOrAnimalLabels: peopleLabels.length / nonPhotos.length,
  peopleOrAnimalWordsNotRead: invented.length / nonPhotos.length,
  ocrWordRecall: ocrRecall,
  labelWordRecall: labelRecall,
  photos: photoRows.length,
  photosRoutedAway: routedAway.length / photoRows.length,
};
mkdirSync(dirname(auditFile), { recursive: true });
writeFileSync(join(dir, 'summary.json'), `${JSON.stringify(summary, null, 1)}\n`);
console.log(lines.join('\n'));
console.log(JSON.stringify(summary));
