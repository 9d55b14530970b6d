/**
 * A two-stage OCR glance on large photos: the text detector first at 320 px,
 * and at the shipped glance size only when that first look finds a box
 * scoring at least `--low`. Measured on the real-web dev photos and the same
 * photos with text drawn in (scripts/type-gate/photo-text.ts), each shrunk
 * to the engine's 1,024 px edge: glance time per photo, and the words the
 * shipped path reads that the two-stage path would lose.
 *
 * @example npx tsx scripts/ocr/glance-stages.ts --low 0.05,0.1,0.2
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { configureRuntime } from '../../src/captioner/env';
import { createOcr, OCR_DEFAULTS } from '../../src/captioner/ocr/index';
import { percentile } from '../eval/percentile';
import { loadImage } from '../lib/load-image';
import { ocrModelSource } from '../lib/ocr-models';
import { words } from '../lib/word-match';

const { values } = parseArgs({ options: { low: { type: 'string', default: '0.05,0.1,0.2' }, first: { type: 'string', default: '320' } } });
const lows = values.low!.split(',').map(Number);
const first = Number(values.first);
const sets = [
  { name: 'real-web photos', dir: '../shared/data/real-web' },
  { name: 'the same photos with text drawn in', dir: '.cache/type-gate/photo-text' },
].filter((s) => existsSync(join(s.dir, 'labels.json')));

configureRuntime({ numThreads: 1 });
const small = await createOcr(ocrModelSource(), { glanceSide: first });
const shipped = await createOcr(ocrModelSource());
const reader = await createOcr(ocrModelSource());
for (const set of sets) {
  const photos = (JSON.parse(readFileSync(join(set.dir, 'labels.json'), 'utf8')) as { file: string; type: string }[]).filter((r) => r.type === 'photo');
  const rows: { s1: number; ms1: number; s2: number; ms2: number; read: number }[] = [];
  for (const p of photos) {
    const image = await loadImage(await sharp(join(set.dir, p.file)).resize(1024, 1024, { fit: 'inside', withoutEnlargement: true }).png().toBuffer());
    // Turns alternate, so load spikes fall on both alike.
    const g2First = rows.length % 2 === 1;
    const g2a = g2First ? await shipped.glance({ ...image }) : null;
    const g1 = await small.glance({ ...image });
    const g2 = g2a ?? (await shipped.glance({ ...image }));
    const read = g2.likely ? words((await reader.read({ ...image })).text).length : 0;
    rows.push({ s1: g1.score, ms1: g1.ms, s2: g2.score, ms2: g2.ms, read });
  }
  const shippedWords = rows.reduce((n, r) => n + r.read, 0);
  console.log(`\n${set.name}: ${rows.length} photos; the shipped glance (${OCR_DEFAULTS.glanceSide} px, score ≥ ${OCR_DEFAULTS.glanceScore}) reads ${rows.filter((r) => r.read > 0).length} of them in full, ${shippedWords} words`);
  console.log(`| glance | photos looked at again | words kept | glance ms p50 / mean |`);
  console.log(`|---|---|---|---|`);
  const ms2 = rows.map((r) => r.ms2);
  console.log(`| shipped (${OCR_DEFAULTS.glanceSide} px) | – | ${shippedWords} / ${shippedWords} | ${percentile(ms2, 0.5).toFixed(0)} / ${(ms2.reduce((a, b) => a + b, 0) / ms2.length).toFixed(0)} |`);
  for (const low of lows) {
    const again = rows.filter((r) => r.s1 >= low);
    const kept = again.reduce((n, r) => n + r.read, 0);
    const ms = rows.map((r) => r.ms1 + (r.s1 >= low ? r.ms2 : 0));
    console.log(`| ${first} px, then ${OCR_DEFAULTS.glanceSide} px from box score ${low} | ${again.length} / ${rows.length} | ${kept} / ${shippedWords} | ${percentile(ms, 0.5).toFixed(0)} / ${(ms.reduce((a, b) => a + b, 0) / ms.length).toFixed(0)} |`);
  }
}
await Promise.all([small.dispose(), shipped.dispose(), reader.dispose()]);
