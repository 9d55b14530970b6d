/**
 * Receipt OCR under candidate settings: word recall and precision on the
 * real-web dev set's scanned receipts (ICDAR 2019 SROIE transcriptions),
 * each image shrunk to the engine's 1,024 px edge as the engine sees it (or
 * to a config's own `edge`).
 * Receipts are split in two halves by file name: settings are chosen on the
 * `choose` half and reported on the `report` half. "Words in reading order" counts the
 * truth's words read in the transcription's order (longest common subsequence).
 *
 * @example npx tsx scripts/ocr/receipt-settings.ts --half choose --limit 30 --configs '[{},{"maxBoxes":200}]'
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { createHash } from 'node:crypto';
import sharp from 'sharp';
import { createOcr, type OcrOptions } from '../../src/captioner/ocr/index';
import type { RgbaImage } from '../../src/captioner/types';
import { ocrModelSource } from '../lib/ocr-models';
import { inOrder, overlap, words } from '../lib/word-match';
import { percentile } from '../eval/percentile';

const DIR = process.env.GLIMPSE_SHARED ? join(process.env.GLIMPSE_SHARED, 'data/real-web') : '../shared/data/real-web';
const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { half: { type: 'string', default: 'choose' }, limit: { type: 'string', default: '60' }, configs: { type: 'string', default: '[{}]' } },
  strict: true,
});

interface Label { file: string; subtype?: string; text?: string }

async function loadAsEngine(file: string, edge: number): Promise<RgbaImage> {
  const { data, info } = await sharp(file).rotate().resize({ width: edge, height: edge, fit: 'inside', withoutEnlargement: true }).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}

const half = (file: string): 'choose' | 'report' => (createHash('sha256').update(file).digest()[0]! % 2 === 0 ? 'choose' : 'report');
const labels = (JSON.parse(readFileSync(join(DIR, 'labels.json'), 'utf8')) as Label[]).filter((l) => l.subtype === 'document' && l.text && half(l.file) === values.half).slice(0, Number(values.limit));
/** OCR options, plus `edge`: the longest side the image is shrunk to first (the engine's 1,024 by default). */
const configs = JSON.parse(values.configs) as (Partial<OcrOptions> & { edge?: number })[];
const ocrs = await Promise.all(configs.map(({ edge: _edge, ...c }) => createOcr(ocrModelSource(), c)));
const totals = configs.map(() => ({ want: 0, read: 0, got: 0, ordered: 0, ms: [] as number[], lines: [] as number[] }));
for (const [i, label] of labels.entries()) {
  const images = new Map<number, RgbaImage>();
  const truth = words(label.text!);
  // Configurations in rotating order, so load spikes fall on each alike.
  for (let k = 0; k < configs.length; k++) {
    const c = (k + i) % configs.length;
    const edge = configs[c]!.edge ?? 1024;
    if (!images.has(edge)) images.set(edge, await loadAsEngine(join(DIR, label.file), edge));
    const result = await ocrs[c]!.read(images.get(edge)!);
    const said = words(result.text);
    const t = totals[c]!;
    t.want += truth.length;
    t.read += said.length;
    t.got += overlap(truth, said);
    t.ordered += inOrder(truth, said);
    t.ms.push(result.ms);
    t.lines.push(result.lines.length);
  }
  process.stderr.write(`${i + 1}/${labels.length}\r`);
}
const pct = (a: number, b: number) => `${((100 * a) / Math.max(1, b)).toFixed(1)} %`;
console.log(`\n${labels.length} receipts, half "${values.half}":`);
console.log('| settings | word recall | precision | words in reading order | lines p50 | ms p50 / p90 |');
console.log('|---|---|---|---|---|---|');
for (const [c, t] of totals.entries()) console.log(`| ${JSON.stringify(configs[c])} | ${pct(t.got, t.want)} | ${pct(t.got, t.read)} | ${pct(t.ordered, t.want)} | ${percentile(t.lines, 0.5)} | ${Math.round(percentile(t.ms, 0.5))} / ${Math.round(percentile(t.ms, 0.9))} |`);
await Promise.all(ocrs.map((o) => o.dispose()));
