/**
 * OCR evaluation: Glimpse's PaddleOCR pipeline (src/captioner/ocr) against
 * tesseract.js (eng, LSTM, local language data) on a labelled set. Per image
 * type: word recall (ground-truth words found), word precision (read words
 * that are in the ground truth), both case-insensitive with punctuation
 * stripped and counted as multisets; median and p90 milliseconds per image.
 * Images with no ground-truth text count only for precision (any word read
 * there is wrong) and for `noise`, the share of them where something was read.
 *
 * Without --labels, runs on rendered samples (scripts/lib/ocr-samples.ts).
 * With a dev-set labels.json ({file, split, type, kind, text, width, height}[]),
 * uses the chosen split's non-photo images plus photos that carry text.
 * One onnxruntime thread, one tesseract worker, images one at a time.
 *
 * @example
 *   npx tsx scripts/ocr-eval.ts                                   # rendered samples
 *   npx tsx scripts/ocr-eval.ts --labels .cache/type-devset/labels.json --split test
 *   npx tsx scripts/ocr-eval.ts --engines paddle --options '{"unclipRatio":2}' --every 3 --limit 40
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { createWorker, OEM, type Worker } from 'tesseract.js';
import { configureRuntime } from '../src/captioner/env';
import { createOcr } from '../src/captioner/ocr';
import type { OcrOptions } from '../src/captioner/ocr';
import { loadImage } from './lib/load-image';
import { ocrModelSource } from './lib/ocr-models';
import { overlap, words } from './lib/word-match';
import { renderedSamples } from './lib/ocr-samples';

interface Item {
  name: string;
  type: string;
  text: string;
  load(): Promise<Buffer>;
}

interface Score {
  truth: number;
  found: number;
  read: number;
  correct: number;
  ms: number[];
  emptyImages: number;
  noisyImages: number;
}

function quantile(values: readonly number[], q: number): number {
  if (!values.length) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * (sorted.length - 1) + 0.5))]!;
}

const { values: args } = parseArgs({
  options: {
    labels: { type: 'string' },
    split: { type: 'string', default: 'test' },
    engines: { type: 'string', default: 'paddle,tesseract' },
    options: { type: 'string', default: '{}' },
    limit: { type: 'string' },
    every: { type: 'string', default: '1' },
    types: { type: 'string' },
    samples: { type: 'string', default: '42' },
    json: { type: 'string' },
    verbose: { type: 'boolean', default: false },
  },
});

async function items(): Promise<Item[]> {
  if (!args.labels) {
    return (await renderedSamples(Number(args.samples))).map((s) => ({ name: s.name, type: s.type, text: s.text, load: async () => s.png }));
  }
  const root = dirname(resolve(args.labels));
  const labels = JSON.parse(readFileSync(args.labels, 'utf8')) as { file: string; split: string; type: string; kind: string; text: string }[];
  return labels
    .filter((l) => l.split === args.split && (l.type !== 'photo' || l.text.trim() !== ''))
    .map((l) => ({ name: l.file, type: l.type === 'photo' ? 'photo-with-text' : l.type, text: l.text, load: async () => readFileSync(resolve(root, l.file)) }));
}

interface Engine {
  name: string;
  read(png: Buffer): Promise<{ text: string; ms: number; lines?: { text: string; confidence: number }[] }>;
  close(): Promise<void>;
}

async function paddle(): Promise<Engine> {
  configureRuntime({ numThreads: 1 });
  const ocr = await createOcr(ocrModelSource(), JSON.parse(args.options) as OcrOptions);
  return {
    name: 'paddle',
    async read(png) {
      const image = await loadImage(png);
      const result = await ocr.read(image);
      return { text: result.text, ms: result.ms, lines: result.lines.map((l) => ({ text: l.text, confidence: Math.round(l.confidence * 1000) / 1000 })) };
    },
    close: () => ocr.dispose(),
  };
}

async function tesseract(): Promise<Engine> {
  // Local language data only: langPath is a folder, the cache is off, so nothing is fetched.
  const langPath = resolve('node_modules/@tesseract.js-data/eng/4.0.0_best_int');
  const worker: Worker = await createWorker('eng', OEM.LSTM_ONLY, { langPath, gzip: true, cacheMethod: 'none' });
  return {
    name: 'tesseract',
    async read(png) {
      // Tesseract gets the same pixels, re-encoded as PNG (alpha flattened on white like the Paddle path does).
      const input = await sharp(png).flatten({ background: '#ffffff' }).png().toBuffer();
      const start = performance.now();
      const { data } = await worker.recognize(input);
      return { text: data.text, ms: performance.now() - start };
    },
    close: async () => {
      await worker.terminate();
    },
  };
}

async function main(): Promise<void> {
  let list = await items();
  list = list.filter((item, i) => i % Number(args.every) === 0 && (!args.types || args.types.split(',').includes(item.type)));
  if (args.limit) list = list.slice(0, Number(args.limit));
  const engines: Engine[] = [];
  for (const name of args.engines.split(',')) engines.push(name === 'tesseract' ? await tesseract() : await paddle());
  const scores = new Map<string, Score>();
  const score = (engine: string, type: string): Score => {
    const key = `${engine}\t${type}`;
    if (!scores.has(key)) scores.set(key, { truth: 0, found: 0, read: 0, correct: 0, ms: [], emptyImages: 0, noisyImages: 0 });
    return scores.get(key)!;
  };
  const details: unknown[] = [];
  for (const item of list) {
    const png = await item.load().catch((error: unknown) => {
      console.warn(`skipped ${item.name}: ${(error as Error).message}`);
      return null;
    });
    if (!png) continue;
    const truth = words(item.text);
    for (const engine of engines) {
      const { text, ms, lines } = await engine.read(png);
      const read = words(text);
      const matched = overlap(truth, read);
      for (const s of [score(engine.name, item.type), score(engine.name, 'all')]) {
        s.truth += truth.length;
        s.found += matched;
        s.read += read.length;
        s.correct += matched;
        s.ms.push(ms);
        if (!truth.length) {
          s.emptyImages++;
          if (read.length) s.noisyImages++;
        }
      }
      details.push({ name: item.name, type: item.type, engine: engine.name, truth: item.text, read: text.replace(/\n/g, ' / ').trim(), recall: truth.length ? matched / truth.length : null, ms: Math.round(ms), ...(lines ? { lines } : {}) });
      if (args.verbose) console.log(`${engine.name.padEnd(9)} ${item.name}: ${matched}/${truth.length} "${text.replace(/\s+/g, ' ').trim()}" (${Math.round(ms)} ms)`);
    }
  }
  for (const engine of engines) await engine.close();
  const pct = (a: number, b: number): string => (b ? `${((100 * a) / b).toFixed(1)}%` : '–');
  console.log(`\n${list.length} images${args.labels ? ` (${args.labels}, split ${args.split})` : ' (rendered samples)'}; options ${args.options}\n`);
  console.log('| engine | type | images | words | recall | precision | no-text images read as text | median ms | p90 ms |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |');
  const rows = [...scores.entries()].sort(([a], [b]) => a.localeCompare(b));
  for (const [key, s] of rows) {
    const [engine, type] = key.split('\t');
    console.log(`| ${engine} | ${type} | ${s.ms.length} | ${s.truth} | ${pct(s.found, s.truth)} | ${pct(s.correct, s.read)} | ${s.emptyImages ? `${s.noisyImages}/${s.emptyImages}` : '–'} | ${Math.round(quantile(s.ms, 0.5))} | ${Math.round(quantile(s.ms, 0.9))} |`);
  }
  if (args.json) writeFileSync(args.json, `${JSON.stringify({ options: args.options, scores: Object.fromEntries(rows), details }, null, 2)}\n`);
}

await main();
