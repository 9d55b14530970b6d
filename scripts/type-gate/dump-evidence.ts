/**
 * Runs the image-type gate's evidence gathering over a labelled image set and
 * writes one JSON line per image: its label, the named features, the full
 * ImageNet distribution and the OCR text. training/train-gate.py learns the
 * gate from this file; scripts/type-gate/score.ts scores a gate on it.
 *
 * The code path is the engine's: sharp-decoded RGBA → the shipped encoder
 * (ImageNet logits) → pixel statistics → the OCR core → `featureValue`.
 * Resumable: images already in the output file are skipped.
 *
 *   npx tsx scripts/type-gate/dump-evidence.ts --labels .cache/type-devset/labels.json \
 *     --out .cache/type-gate/evidence.jsonl [--model .cache/models/glimpse-captioner] [--split test] [--limit N]
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { BASE_FEATURES, configureRuntime, createCaptioner, featureValue, gatherEvidence } from '../../src/captioner/index';
import type { EncoderView } from '../../src/captioner/types';
import { keepView, pooledOf } from './evidence-of';
import { createOcr } from '../../src/captioner/ocr/index';
import { loadImage } from '../lib/load-image';
import { modelDir } from '../lib/model-dir';
import { ocrModelSource } from '../lib/ocr-models';

export interface LabelledImage { file: string; split: 'train' | 'test'; type: string; kind: string; text: string; width: number; height: number }

export interface EvidenceLine {
  file: string;
  split: string;
  type: string;
  kind: string;
  truth: string;
  features: Record<string, number>;
  /** Softmax over the 1000 ImageNet classes, 5 decimals. */
  imagenet: number[];
  /** The backbone's pooled features, 4 decimals (empty when the encoder has none). */
  pooled: number[];
  ocrText: string;
  /** The OCR reading as the gate saw it, so a gate can be re-scored without re-running OCR. */
  ocr: { text: string; coverage: number; lines: { text: string; confidence: number }[] };
  ms: { encoder: number; ocr: number };
}

/** Where a labels.json row's image is: relative to the labels file unless absolute. */
export function imagePath(labelsFile: string, file: string): string {
  return isAbsolute(file) ? file : resolve(dirname(labelsFile), file);
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      labels: { type: 'string', default: '.cache/type-devset/labels.json' },
      out: { type: 'string', default: '.cache/type-gate/evidence.jsonl' },
      model: { type: 'string', default: '.cache/models/glimpse-captioner' },
      split: { type: 'string' },
      limit: { type: 'string' },
    },
  });
  const labels = JSON.parse(readFileSync(values.labels!, 'utf8')) as LabelledImage[];
  const out = values.out!;
  mkdirSync(dirname(out), { recursive: true });
  const done = new Set(existsSync(out) ? readFileSync(out, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as EvidenceLine).file) : []);
  const todo = labels.filter((r) => (!values.split || r.split === values.split) && !done.has(r.file)).slice(0, values.limit ? Number(values.limit) : undefined);
  configureRuntime({ numThreads: 1 });
  const captioner = createCaptioner();
  await captioner.load(modelDir(values.model!));
  const ocr = await createOcr(ocrModelSource());
  console.log(`${todo.length} images to do (${done.size} already in ${out})`);
  let n = 0;
  for (const row of todo) {
    const rgba = await loadImage(imagePath(values.labels!, row.file));
    let seen: EncoderView = { imagenetLogits: null, pooled: null };
    const caption = await captioner.caption(rgba, {
      beforeDecode: (view) => {
        seen = keepView(view);
        return false;
      },
    });
    const reading = await ocr.read(rgba);
    const evidence = gatherEvidence(rgba, seen, reading);
    const line: EvidenceLine = {
      file: row.file, split: row.split, type: row.type, kind: row.kind, truth: row.text,
      features: Object.fromEntries(BASE_FEATURES.map((f) => [f, Number(featureValue(evidence, f).toFixed(6))])),
      imagenet: Array.from(evidence.imagenet ?? [], (p) => Number(p.toFixed(5))),
      pooled: pooledOf(evidence),
      ocrText: reading.text,
      ocr: { text: reading.text, coverage: reading.coverage, lines: reading.lines.map((l) => ({ text: l.text, confidence: l.confidence })) },
      ms: { encoder: Math.round(caption.timings.total), ocr: Math.round(reading.ms) },
    };
    appendFileSync(out, `${JSON.stringify(line)}\n`);
    if (++n % 50 === 0) console.log(`${n}/${todo.length}`);
  }
  await captioner.dispose();
  await ocr.dispose();
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
