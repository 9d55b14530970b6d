/**
 * Real web photos with text burnt in (a meme caption, a caption bar, a sign, a
 * watermark), for measuring what the gate does with a photo that carries
 * overlaid text. The real-web dev set has no memes, so each of its DISC21
 * photos is drawn again with one overlay by the type devset's own scene
 * (scripts/type-devset/photos.ts photoWithText) in headless Chromium. Half are
 * memes (bold outlined top/bottom lines); the rest cycle through a caption
 * bar, a sign and a watermark.
 *
 * Writes <out>/images/photo-text-<id>.jpg and <out>/labels.json in the
 * real-web row format (type photo, subtype with-text, `base` the plain
 * photo's file, `text` the words drawn), so scripts/type-gate/real-web.ts
 * --dir <out> describes them exactly like the real-web set.
 *
 *   npx tsx scripts/type-gate/photo-text.ts [--out .cache/type-gate/photo-text]
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { openRenderer, type SceneRenderer } from '../type-devset/render-page';
import { photoWithText, type PhotoTextKind } from '../type-devset/photos';
import { Rng } from '../type-devset/rng';
import type { RealWebRow } from './real-web';

const DIR = '../shared/data/real-web';
/** Drawn no larger than the engine's 1024 px edge, which is all the describe path ever sees. */
const EDGE = 1024;
const OTHERS: PhotoTextKind[] = ['caption-bar', 'sign', 'watermark'];

export interface PhotoTextRow extends RealWebRow {
  base: string;
  overlay: PhotoTextKind;
}

/** The overlay the `index`-th photo of the set gets: every other one a meme, the rest in turn a caption bar, a sign, a watermark. */
export const overlayOf = (index: number): PhotoTextKind => (index % 2 === 0 ? 'meme' : OTHERS[((index - 1) / 2) % OTHERS.length]!);

/** The real-web dev photos, in labels.json order (the index `overlayOf` takes). */
export function realWebPhotos(): RealWebRow[] {
  return (JSON.parse(readFileSync(join(DIR, 'labels.json'), 'utf8')) as RealWebRow[]).filter((r) => r.type === 'photo');
}

/** Draws one photo with its overlay into `out` (`images/photo-text-<id>.jpg`); null when no attempt showed every word. */
export async function drawPhotoText(renderer: SceneRenderer, row: RealWebRow, index: number, out: string): Promise<PhotoTextRow | null> {
  const bytes = readFileSync(join(DIR, row.file));
  const meta = await sharp(bytes).metadata();
  const scale = Math.min(1, EDGE / Math.max(meta.width ?? EDGE, meta.height ?? EDGE));
  const width = Math.round((meta.width ?? EDGE) * scale);
  const height = Math.round((meta.height ?? EDGE) * scale);
  const kind = overlayOf(index);
  const src = `data:image/jpeg;base64,${bytes.toString('base64')}`;
  const file = `images/photo-text-${basename(row.file).replace(/\.[a-z]+$/, '').replace(/^photo-/, '')}.jpg`;
  const seed = `real-web/photo-text/${row.file}`;
  mkdirSync(join(out, 'images'), { recursive: true });
  const result = await renderer.render((attempt) => photoWithText(new Rng(attempt ? `${seed}/retry${attempt}` : seed), src, width, height, kind), { path: join(out, file), format: 'jpeg', quality: 85 });
  if (!result) return null;
  return { file, type: 'photo', subtype: 'with-text', base: row.file, overlay: kind, text: result.words.join(' '), width: result.width, height: result.height };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { out: { type: 'string', default: '.cache/type-gate/photo-text' } } });
  const out = values.out!;
  const rows = realWebPhotos();
  const renderer = await openRenderer();
  const labels: PhotoTextRow[] = [];
  try {
    for (const [i, row] of rows.entries()) {
      const drawn = await drawPhotoText(renderer, row, i, out);
      if (drawn) labels.push(drawn);
      else console.warn(`skipped ${row.file}: ${renderer.lastProblems.slice(0, 3).join('; ')}`);
    }
  } finally {
    await renderer.close();
  }
  writeFileSync(join(out, 'labels.json'), `${JSON.stringify(labels, null, 1)}\n`);
  const count = (k: PhotoTextKind) => labels.filter((l) => l.overlay === k).length;
  console.log(`${labels.length} photos with text in ${out} (meme ${count('meme')}, caption bar ${count('caption-bar')}, sign ${count('sign')}, watermark ${count('watermark')})`);
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
