/**
 * What wider beams cost: every image captioned with 1, 3 and 5 beams in one
 * process, 1 WASM thread, the order rotating from image to image; prints the
 * p50/p90 caption time and decoder time per beam width (first image is a
 * warm-up). Quality per width comes from `npm run eval -- --beams K`.
 *
 * @example npx tsx scripts/bench/beams.ts --limit 30
 */
import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { configureRuntime, createCaptioner } from '../../src/captioner/index';
import { parseSplit } from '../eval/captions-file';
import { percentile, round } from '../eval/percentile';
import { loadImage } from '../lib/load-image';
import { modelDir } from '../lib/model-dir';

const repo = resolve(import.meta.dirname, '../..');
const flickr = join(repo, '..', 'shared', 'data', 'flickr8k');
const { values } = parseArgs({
  options: {
    model: { type: 'string', default: join(repo, '.cache/models/glimpse-captioner') },
    limit: { type: 'string', default: '30' },
    beams: { type: 'string', default: '1,3,5' },
  },
});
const widths = values.beams.split(',').map(Number);
configureRuntime({ numThreads: 1 });
const captioner = createCaptioner();
await captioner.load(modelDir(values.model), { backend: 'wasm' });
const names = parseSplit(readFileSync(join(flickr, 'Flickr_8k.devImages.txt'), 'utf8')).slice(0, Number(values.limit) + 1);
const times = new Map<number, { total: number[]; decoder: number[]; tokens: number[] }>(widths.map((w) => [w, { total: [], decoder: [], tokens: [] }]));
for (const [i, name] of names.entries()) {
  const image = await loadImage(join(flickr, 'images', name));
  for (let k = 0; k < widths.length; k++) {
    const width = widths[(i + k) % widths.length]!;
    const c = await captioner.caption(image, { numBeams: width });
    if (i === 0) continue;
    const t = times.get(width)!;
    t.total.push(c.timings.total);
    t.decoder.push(c.timings.decoder);
    t.tokens.push(c.tokens.length);
  }
}
await captioner.dispose();
const rows = widths.map((w) => {
  const t = times.get(w)!;
  return { beams: w, caption_p50: round(percentile(t.total, 0.5), 1), caption_p90: round(percentile(t.total, 0.9), 1), decoder_p50: round(percentile(t.decoder, 0.5), 1), tokens_p50: percentile(t.tokens, 0.5) };
});
for (const r of rows) console.log(`${r.beams} beam(s): caption p50 ${r.caption_p50} p90 ${r.caption_p90} ms, decoder p50 ${r.decoder_p50} ms, ${r.tokens_p50} tokens`);
console.log(JSON.stringify({ images: names.length - 1, rows }));
