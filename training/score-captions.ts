/**
 * Scores caption files ({image: caption} JSON, as training/finalize.py writes
 * them, or `npm run eval -- --out` files) with the project's COCO caption
 * metrics (src/captioner/metrics), so every row of the model card is scored by
 * the same implementation.
 *
 * Usage: npx tsx training/score-captions.ts label=file.json [label=file.json ...]
 * Prints one JSON line per file: {label, n, Bleu_1..4, METEOR, ROUGE_L, CIDEr}.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { scoreCaptions } from '../src/captioner/metrics/index';
import { parseCaptions } from '../scripts/eval/captions-file';

const tokens = resolve(import.meta.dirname, '../../shared/data/flickr8k/Flickr8k.token.txt');
const { references } = parseCaptions(readFileSync(tokens, 'utf8'));

for (const arg of process.argv.slice(2)) {
  const [label, file] = arg.includes('=') ? (arg.split('=', 2) as [string, string]) : [arg, arg];
  const json = JSON.parse(readFileSync(file, 'utf8')) as Record<string, string> | { results: { image: string; caption: string }[] };
  const entries: [string, string][] = 'results' in json && Array.isArray(json.results) ? json.results.map((r) => [r.image, r.caption]) : Object.entries(json as Record<string, string>);
  const candidates = new Map(entries);
  const refs = new Map([...candidates.keys()].map((image) => [image, references.get(image) ?? []]));
  const scores = scoreCaptions(candidates, refs);
  const rounded = Object.fromEntries(Object.entries(scores).map(([k, v]) => [k, Math.round(v * 1e4) / 1e4]));
  console.log(JSON.stringify({ label, n: candidates.size, ...rounded }));
}
