/**
 * Scores a gate file on dumped evidence with the runtime's own `classify`
 * (so the figures are the TypeScript gate's, not the trainer's): type
 * precision/recall per split, photos routed away, and, given the shipped
 * model's dev captions (`npm run eval -- --out FILE`), what routing costs the
 * caption metrics: routed photos lose their caption.
 *
 *   npx tsx scripts/type-gate/score-gate.ts --evidence .cache/type-gate/evidence-test.jsonl \
 *     [--gate models/glimpse-captioner/image-type-gate.json] [--captions /work/cache/runs/dev-int8-onnx.json]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { checkGateModel, classify } from '../../src/captioner/index';
import { scoreCaptions } from '../../src/captioner/metrics/index';
import { IMAGE_TYPES } from '../../src/shared/image-type';
import { parseCaptions } from '../eval/captions-file';
import type { EvidenceLine } from './dump-evidence';
import { evidenceOf } from './evidence-of';

const { values } = parseArgs({
  options: {
    evidence: { type: 'string', default: '.cache/type-gate/evidence-test.jsonl' },
    gate: { type: 'string', default: 'models/glimpse-captioner/image-type-gate.json' },
    captions: { type: 'string' },
    references: { type: 'string', default: join('..', 'shared', 'data', 'flickr8k', 'Flickr8k.token.txt') },
  },
});

const gate = checkGateModel(JSON.parse(readFileSync(values.gate!, 'utf8')));
const lines = readFileSync(values.evidence!, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as EvidenceLine);
const decided = lines.map((l) => ({ line: l, type: classify(gate, evidenceOf(l)).type }));
const pct = (v: number): string => `${(v * 100).toFixed(1)}%`;
const out: string[] = [`${lines.length} images from ${values.evidence}; gate ${values.gate} (photo floor ${gate.photoFloor})`];
for (const t of IMAGE_TYPES) {
  const actual = decided.filter((d) => d.line.type === t);
  const predicted = decided.filter((d) => d.type === t);
  const hit = predicted.filter((d) => d.line.type === t).length;
  out.push(`  ${t.padEnd(13)} n ${String(actual.length).padStart(5)}  precision ${pct(hit / Math.max(1, predicted.length)).padStart(6)}  recall ${pct(hit / Math.max(1, actual.length)).padStart(6)}`);
}
const photos = decided.filter((d) => d.line.type === 'photo');
const routed = photos.filter((d) => d.type !== 'photo');
const captionedOthers = decided.filter((d) => d.line.type !== 'photo' && d.type === 'photo');
out.push(`  photos routed away ${routed.length}/${photos.length} (${pct(routed.length / Math.max(1, photos.length))}); non-photos sent to the captioner ${captionedOthers.length}/${decided.length - photos.length}`);
for (const d of routed.slice(0, 8)) out.push(`    routed: ${d.line.file.split('/').pop()} → ${d.type}`);
for (const d of captionedOthers.slice(0, 8)) out.push(`    captioned: ${d.line.kind} ${d.line.file.split('/').pop()}`);

if (values.captions) {
  const { references } = parseCaptions(readFileSync(values.references!, 'utf8'));
  const results = (JSON.parse(readFileSync(values.captions, 'utf8')) as { results: { image: string; caption: string }[] }).results;
  const routedNames = new Set(routed.map((d) => d.line.file.split('/').pop()!));
  const refs = new Map(results.map((r) => [r.image, references.get(r.image) ?? []]));
  const all = scoreCaptions(new Map(results.map((r) => [r.image, r.caption])), refs);
  const gated = scoreCaptions(new Map(results.map((r) => [r.image, routedNames.has(r.image) ? '' : r.caption])), refs);
  out.push(`  dev captions (${results.length}): without gate CIDEr-D ${all.CIDEr.toFixed(3)} BLEU-4 ${all.Bleu_4.toFixed(3)}; with gate (routed photos say nothing) CIDEr-D ${gated.CIDEr.toFixed(3)} BLEU-4 ${gated.Bleu_4.toFixed(3)}`);
}
console.log(out.join('\n'));
