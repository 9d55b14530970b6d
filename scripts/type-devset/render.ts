/**
 * Renders the labelled image-type dev set (photo, chart, screenshot, text,
 * logo, illustration) with headless Chromium, or the mixed-types e2e
 * fixture images with --fixture.
 *
 *   npx tsx scripts/type-devset/render.ts --out .cache/type-devset [--per-kind N]
 *     [--per-type 60] [--train-photos 300] [--photo-text 20] [--split train|test]
 *   npx tsx scripts/type-devset/render.ts --fixture
 *
 * Writes <out>/images/*.png|jpg and <out>/labels.json. Every `file` in
 * labels.json is relative to the folder of labels.json; Flickr8k photos are
 * referenced in place (e.g. ../../../shared/data/flickr8k/images/x.jpg), not
 * copied.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { SPLIT_SEEDS, buildScene, planJobs, type Label, type Split } from './devset';
import { writeFixture } from './fixture';
import { choosePhotos, flickrDir, photoWithText, splitList } from './photos';
import { openRenderer, type SceneRenderer } from './render-page';
import { Rng } from './rng';

const REPO = resolve(import.meta.dirname, '../..');

const { values: args } = parseArgs({
  options: {
    out: { type: 'string', default: '.cache/type-devset' },
    'per-kind': { type: 'string' },
    'per-type': { type: 'string', default: '60' },
    'train-photos': { type: 'string' },
    'photo-text': { type: 'string' },
    split: { type: 'string' },
    fixture: { type: 'boolean', default: false },
  },
});

function int(value: string | undefined, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} wants a whole number, got ${value}`);
  return n;
}

async function renderPhotos(renderer: SceneRenderer, split: Split, out: string, imagesDir: string, plainCount: number | undefined, withText: number, labels: Label[]): Promise<number> {
  const dir = flickrDir(REPO);
  const { plain, overlay } = choosePhotos(splitList(dir, split), SPLIT_SEEDS[split], plainCount, withText);
  for (const name of plain) {
    const path = join(dir, 'images', name);
    const meta = await sharp(path).metadata();
    labels.push({ file: relative(out, path), split, type: 'photo', kind: 'photo', text: '', width: meta.width ?? 0, height: meta.height ?? 0 });
  }
  let failed = 0;
  for (const [index, name] of overlay.entries()) {
    const bytes = readFileSync(join(dir, 'images', name));
    const meta = await sharp(bytes).metadata();
    const src = `data:image/jpeg;base64,${bytes.toString('base64')}`;
    const seed = `${SPLIT_SEEDS[split]}/photo/photo-with-text/${index}`;
    const rng = new Rng(`${seed}/format`);
    const format = rng.chance(0.75) ? 'jpeg' : 'png';
    const file = `${split}-photo-photo-with-text-${String(index).padStart(3, '0')}.${format === 'jpeg' ? 'jpg' : 'png'}`;
    const result = await renderer.render((attempt) => photoWithText(new Rng(attempt ? `${seed}/retry${attempt}` : seed), src, meta.width ?? 500, meta.height ?? 375), { path: join(imagesDir, file), format, quality: rng.int(75, 85) });
    if (!result) {
      failed++;
      console.warn(`skipped ${file}: ${renderer.lastProblems.slice(0, 3).join('; ')}`);
      continue;
    }
    labels.push({ file: `images/${file}`, split, type: 'photo', kind: 'photo-with-text', text: result.words.join(' '), width: result.width, height: result.height });
  }
  return failed;
}

async function renderDevset(): Promise<void> {
  const out = resolve(args.out);
  const imagesDir = join(out, 'images');
  mkdirSync(imagesDir, { recursive: true });
  const perKind = int(args['per-kind'], 'per-kind');
  const perType = int(args['per-type'], 'per-type');
  const splits: Split[] = args.split === 'train' || args.split === 'test' ? [args.split] : ['train', 'test'];
  // A tiny --per-kind run gets a handful of photos too, unless told otherwise.
  const trainPhotos = int(args['train-photos'], 'train-photos') ?? (perKind !== undefined ? perKind * 2 : 300);
  const photoText = int(args['photo-text'], 'photo-text') ?? (perKind !== undefined ? perKind : 20);
  const started = Date.now();
  const renderer = await openRenderer();
  const labels: Label[] = [];
  let failed = 0;
  let retried = 0;
  try {
    for (const split of splits) {
      const jobs = planJobs(split, perKind !== undefined ? { perKind } : { perType });
      for (const [i, job] of jobs.entries()) {
        const file = `${job.name}.${job.format === 'jpeg' ? 'jpg' : 'png'}`;
        const result = await renderer.render((attempt) => buildScene(job.type, job.kind, job.seed, attempt), { path: join(imagesDir, file), format: job.format, ...(job.quality !== undefined ? { quality: job.quality } : {}) });
        if (!result) {
          failed++;
          console.warn(`skipped ${file}: ${renderer.lastProblems.slice(0, 3).join('; ')}`);
          continue;
        }
        if (result.attempt > 0) retried++;
        labels.push({ file: `images/${file}`, split, type: job.type, kind: job.kind, text: result.words.join(' '), width: result.width, height: result.height });
        if ((i + 1) % 100 === 0) console.error(`${split}: ${i + 1}/${jobs.length} scenes (${((Date.now() - started) / 1000).toFixed(0)} s)`);
      }
      // Test photos: the whole Flickr8k dev list unless --per-kind asks for a tiny run.
      const plain = split === 'train' ? trainPhotos : perKind !== undefined ? trainPhotos : undefined;
      failed += await renderPhotos(renderer, split, out, imagesDir, plain, photoText, labels);
    }
  } finally {
    await renderer.close();
  }
  writeFileSync(join(out, 'labels.json'), `[\n${labels.map((l) => JSON.stringify(l)).join(',\n')}\n]\n`);
  const counts = new Map<string, number>();
  for (const l of labels) counts.set(`${l.split}\t${l.type}\t${l.kind}`, (counts.get(`${l.split}\t${l.type}\t${l.kind}`) ?? 0) + 1);
  const byType = new Map<string, number>();
  for (const l of labels) byType.set(`${l.split}\t${l.type}`, (byType.get(`${l.split}\t${l.type}`) ?? 0) + 1);
  console.log([...byType].map(([k, n]) => `${k}\t${n}`).join('\n'));
  console.log(`${labels.length} images labelled in ${join(out, 'labels.json')}; ${retried} scenes re-rolled to fit their text, ${failed} skipped; ${((Date.now() - started) / 1000).toFixed(1)} s`);
  writeFileSync(join(out, 'counts.tsv'), `split\ttype\tkind\tcount\n${[...counts].map(([k, n]) => `${k}\t${n}`).join('\n')}\n`);
}

if (args.fixture) await writeFixture(REPO);
else await renderDevset();
