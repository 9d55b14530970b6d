/**
 * Compares two `npm run eval -- --out FILE` results on the same images: how
 * many captions are token-identical, the largest confidence change, and the
 * paired CIDEr-D difference (B − A, mean over images of per-image CIDEr-D with
 * the standard error of that mean), which resolves much smaller changes than
 * either corpus score's own standard error.
 *
 * @example
 *   npx tsx scripts/eval-compare.ts before.json after.json --captions ../shared/data/flickr8k/Flickr8k.token.txt
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { ciderDByImage } from '../src/captioner/metrics/index';
import { parseCaptions } from './eval/captions-file';

const { values, positionals } = parseArgs({ allowPositionals: true, options: { captions: { type: 'string' } } });
if (positionals.length !== 2 || !values.captions) {
  process.stderr.write('usage: npx tsx scripts/eval-compare.ts A.json B.json --captions Flickr8k.token.txt\n');
  process.exit(2);
}
type Row = { image: string; caption: string; confidence: number };
const load = (file: string): Map<string, Row> => new Map((JSON.parse(readFileSync(file, 'utf8')) as { results: Row[] }).results.map((r) => [r.image, r]));
const [a, b] = positionals.map(load) as [Map<string, Row>, Map<string, Row>];
const images = [...a.keys()].filter((k) => b.has(k));
const refs = parseCaptions(readFileSync(values.captions, 'utf8')).references;
const references = new Map(images.map((k) => [k, refs.get(k)!]));
const ciderA = ciderDByImage(new Map(images.map((k) => [k, a.get(k)!.caption])), references);
const ciderB = ciderDByImage(new Map(images.map((k) => [k, b.get(k)!.caption])), references);
const diffs = images.map((k) => ciderB.get(k)! - ciderA.get(k)!);
const mean = diffs.reduce((s, d) => s + d, 0) / diffs.length;
const se = Math.sqrt(diffs.reduce((s, d) => s + (d - mean) ** 2, 0) / (diffs.length - 1) / diffs.length);
const identical = images.filter((k) => a.get(k)!.caption === b.get(k)!.caption).length;
const confidence = Math.max(...images.map((k) => Math.abs(a.get(k)!.confidence - b.get(k)!.confidence)));
console.log(`${images.length} images in both; token-identical captions ${identical}/${images.length}; largest confidence change ${confidence.toFixed(4)}`);
console.log(`paired CIDEr-D difference (B − A): ${mean.toFixed(4)} ± ${se.toFixed(4)} (standard error)`);
for (const k of images.filter((i) => a.get(i)!.caption !== b.get(i)!.caption).slice(0, 5)) console.log(`  ${k}: "${a.get(k)!.caption}" → "${b.get(k)!.caption}"`);
console.log(JSON.stringify({ images: images.length, identical, maxConfidenceChange: confidence, pairedCiderDiff: mean, pairedCiderSe: se }));
