/**
 * What a candidate captioner costs against the shipped one: every image captioned by each model folder in one
 * process, 1 WASM thread, the order rotating from image to image (the first image is a warm-up); prints per model
 * the p50/p90 caption, encoder and decoder times and the ratio of its median to the first model's, each with its
 * own generation_config.json decoding.
 *
 * @example npx tsx scripts/bench/models.ts --limit 40 .cache/models/glimpse-captioner /work/cache/candidates/m2-8
 */
import { basename, join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { configureRuntime, createCaptioner, type LocalCaptioner } from '../../src/captioner/index';
import { parseSplit } from '../eval/captions-file';
import { percentile, round } from '../eval/percentile';
import { loadImage } from '../lib/load-image';
import { modelDir } from '../lib/model-dir';

const repo = resolve(import.meta.dirname, '../..');
const flickr = join(repo, '..', 'shared', 'data', 'flickr8k');
const { values, positionals } = parseArgs({ allowPositionals: true, options: { limit: { type: 'string', default: '40' } } });
if (positionals.length < 2) {
  process.stderr.write('usage: npx tsx scripts/bench/models.ts [--limit N] SHIPPED_DIR CANDIDATE_DIR [MORE_DIRS]\n');
  process.exit(2);
}
configureRuntime({ numThreads: 1 });
const captioners: LocalCaptioner[] = [];
for (const dir of positionals) {
  const c = createCaptioner();
  await c.load(modelDir(dir), { backend: 'wasm' });
  captioners.push(c);
}
const names = parseSplit(readFileSync(join(flickr, 'Flickr_8k.devImages.txt'), 'utf8')).slice(0, Number(values.limit) + 1);
const times = positionals.map(() => ({ total: [] as number[], encoder: [] as number[], decoder: [] as number[] }));
for (const [i, name] of names.entries()) {
  const image = await loadImage(join(flickr, 'images', name));
  for (let k = 0; k < captioners.length; k++) {
    const m = (i + k) % captioners.length;
    const c = await captioners[m]!.caption(image);
    if (i === 0) continue;
    times[m]!.total.push(c.timings.total);
    times[m]!.encoder.push(c.timings.encoder);
    times[m]!.decoder.push(c.timings.decoder);
  }
}
for (const c of captioners) await c.dispose();
const base = percentile(times[0]!.total, 0.5);
const rows = positionals.map((dir, m) => {
  const t = times[m]!;
  const p = (xs: number[], q: number) => round(percentile(xs, q), 1);
  return { model: basename(dir), caption_p50: p(t.total, 0.5), caption_p90: p(t.total, 0.9), encoder_p50: p(t.encoder, 0.5), decoder_p50: p(t.decoder, 0.5), ratio_p50: round(percentile(t.total, 0.5) / base, 2) };
});
for (const r of rows) console.log(`${r.model}: caption p50 ${r.caption_p50} p90 ${r.caption_p90} ms (encoder p50 ${r.encoder_p50}, decoder p50 ${r.decoder_p50}), ${r.ratio_p50}× the first`);
console.log(JSON.stringify({ images: names.length - 1, rows }));
