/**
 * `npm run eval`: captions a set of images with Glimpse's captioner core on
 * onnxruntime-web's WASM backend (the build the extension ships), scores the
 * captions with the COCO caption metrics, prints a table and then one JSON
 * object as the last line of stdout.
 *
 * @example
 *   npm run eval -- --images ../shared/data/flickr8k/images \
 *     --captions ../shared/data/flickr8k/Flickr8k.token.txt \
 *     --split ../shared/data/flickr8k/Flickr_8k.devImages.txt --limit 100
 */
import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { checkGateModel, configureRuntime, createCaptioner, describeImage, type DescribeParts, type GenerateOptions } from '../src/captioner/index';
import { createOcr, type Ocr } from '../src/captioner/ocr/index';
import { ciderDByImage, scoreCaptions, type CaptionScores } from '../src/captioner/metrics/index';
import { readArgs, USAGE, type EvalArgs } from './eval/args';
import { parseCaptions, parseSplit } from './eval/captions-file';
import { percentile, round } from './eval/percentile';
import { loadImage } from './lib/load-image';
import { modelDir } from './lib/model-dir';
import { ocrModelSource } from './lib/ocr-models';

interface Result {
  image: string;
  /** The captioner's caption (also for images the gate routes away, so both scores come from one run). */
  caption: string;
  confidence: number;
  ms: number;
  /** With --gate: the type the gate gave, and whether the extension would caption the image. */
  type?: string;
  captioned?: boolean;
}

const log = (line: string): void => void process.stderr.write(`${line}\n`);

async function main(args: EvalArgs): Promise<number> {
  const refSet = parseCaptions(readFileSync(args.captions, 'utf8'));
  for (const problem of refSet.problems.slice(0, 10)) log(`captions: ${problem}`);
  if (refSet.problems.length > 10) log(`captions: … ${refSet.problems.length - 10} more unreadable entries`);

  let names = args.split ? parseSplit(readFileSync(args.split, 'utf8')) : [...refSet.references.keys()];
  if (args.limit !== undefined) names = names.slice(0, args.limit);

  const imagesOk = existsSync(args.images) && statSync(args.images).isDirectory();
  if (!imagesOk) log(`images: ${args.images} is not a directory; every image will fail to load`);

  const { threads } = configureRuntime();
  const captioner = createCaptioner();
  const source = modelDir(resolve(args.model));
  const loadStart = performance.now();
  const info = await captioner.load(source, { backend: 'wasm' });
  log(`model ${info.id} (${info.encoderFile}, ${info.decoderFile}) loaded on ${info.backend}, ${threads} thread(s), in ${Math.round(performance.now() - loadStart)} ms`);
  const options: GenerateOptions = args.beams !== undefined ? { numBeams: args.beams } : {};
  const pipeline = args.gate ? await describeParts(args.model, captioner) : null;

  const results: Result[] = [];
  const failures: { image: string; error: string }[] = [];
  const every = Math.max(1, Math.floor(names.length / 20));
  for (const [index, name] of names.entries()) {
    const refs = refSet.references.get(name);
    if (!refs) {
      failures.push({ image: name, error: 'no reference captions' });
      log(`${name}: skipped, no reference captions`);
      continue;
    }
    try {
      const image = await loadImage(join(args.images, name));
      const start = performance.now();
      if (pipeline) {
        const described = await describeImage(pipeline, image, { generate: options });
        const ms = performance.now() - start;
        const caption = described.caption.decoded ? described.caption : await captioner.caption(image, options);
        results.push({ image: name, caption: caption.text, confidence: caption.confidence, ms, type: described.type?.type ?? 'photo', captioned: described.caption.decoded });
      } else {
        const caption = await captioner.caption(image, options);
        results.push({ image: name, caption: caption.text, confidence: caption.confidence, ms: performance.now() - start });
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      failures.push({ image: name, error: message });
      log(`${name}: ${message}`);
    }
    if ((index + 1) % every === 0 || index + 1 === names.length) {
      const last = results.at(-1);
      const latest = last ? `${last.image}: "${last.caption}" (${Math.round(last.ms)} ms)` : 'nothing captioned yet';
      log(`[${index + 1}/${names.length}] ${latest}; ${failures.length} failed or skipped`);
    }
  }
  await captioner.dispose();
  await pipeline?.ocr.dispose();

  const candidates = new Map(results.map((r) => [r.image, r.caption]));
  const references = new Map(results.map((r) => [r.image, refSet.references.get(r.image)!]));
  const scores: CaptionScores | null = results.length > 0 ? scoreCaptions(candidates, references) : null;
  // What the extension says: photos the gate routes away get no caption.
  const routed = results.filter((r) => r.captioned === false);
  const gated = pipeline && scores ? scoreCaptions(new Map(results.map((r) => [r.image, r.captioned === false ? '' : r.caption])), references) : null;
  const latencies = results.map((r) => r.ms);
  const ciderSe = scores ? standardError([...ciderDByImage(candidates, references).values()]) : null;

  if (args.out) {
    const out = { model: info.id, results: results.map((r) => ({ ...r, ms: round(r.ms, 2), confidence: round(r.confidence, 4) })), failures };
    writeFileSync(args.out, `${JSON.stringify(out, null, 2)}\n`);
    log(`wrote ${results.length} captions to ${args.out}`);
  }

  printTable(scores, ciderSe, results.length, failures.length, latencies, info.id, args);
  if (gated) {
    const counts = new Map<string, number>();
    for (const r of routed) counts.set(r.type!, (counts.get(r.type!) ?? 0) + 1);
    const types = [...counts].map(([t, n]) => `${t} ${n}`).join(', ');
    process.stdout.write(`with the gate: ${routed.length} of ${results.length} routed away (${types || 'none'}); CIDEr-D ${gated.CIDEr.toFixed(4)}, BLEU-4 ${gated.Bleu_4.toFixed(4)} when they say nothing\n`);
  }
  const summary = {
    n: results.length,
    Bleu_1: score(scores?.Bleu_1),
    Bleu_2: score(scores?.Bleu_2),
    Bleu_3: score(scores?.Bleu_3),
    Bleu_4: score(scores?.Bleu_4),
    METEOR: score(scores?.METEOR),
    ROUGE_L: score(scores?.ROUGE_L),
    CIDEr: score(scores?.CIDEr),
    CIDEr_se: ciderSe === null ? null : round(ciderSe, 6),
    latency_ms: { p50: ms(percentile(latencies, 0.5)), p90: ms(percentile(latencies, 0.9)) },
    model: info.id,
    failed: failures.length,
    ...(gated ? { gated: { routed: routed.length, Bleu_4: score(gated.Bleu_4), CIDEr: score(gated.CIDEr) } } : {}),
  };
  process.stdout.write(`${JSON.stringify(summary)}\n`);
  return results.length > 0 ? 0 : 1;
}

/** The extension's describe path in Node: the model folder's gate and the shipped OCR files. */
async function describeParts(model: string, captioner: DescribeParts['captioner']): Promise<DescribeParts & { ocr: Ocr }> {
  const gateFile = join(model, 'image-type-gate.json');
  if (!existsSync(gateFile)) throw new Error(`--gate: ${gateFile} not found`);
  const gate = checkGateModel(JSON.parse(readFileSync(gateFile, 'utf8')));
  return { captioner, gate, ocr: await createOcr(ocrModelSource()) };
}

/** Standard error of the mean: how far the corpus score could move on another sample of images. */
function standardError(values: number[]): number {
  if (values.length < 2) return 0;
  const mean = values.reduce((a, b) => a + b, 0) / values.length;
  const variance = values.reduce((a, v) => a + (v - mean) ** 2, 0) / (values.length - 1);
  return Math.sqrt(variance / values.length);
}

const score = (v: number | undefined): number | null => (v === undefined ? null : round(v, 6));
const ms = (v: number): number | null => (Number.isNaN(v) ? null : round(v, 1));

function printTable(scores: CaptionScores | null, ciderSe: number | null, n: number, failed: number, latencies: number[], model: string, args: EvalArgs): void {
  const rows: [string, string][] = [
    ['model', model],
    ['images', `${n} captioned, ${failed} failed or skipped (${basename(args.captions)}${args.split ? `, split ${basename(args.split)}` : ''})`],
    ['decoding', args.beams !== undefined ? `beam search, ${args.beams} beams` : "model's generation_config.json"],
    ['pipeline', args.gate ? 'OCR + image-type gate, then the decoder for photos (latency includes them)' : 'captioner only'],
  ];
  if (scores) {
    for (const key of ['Bleu_1', 'Bleu_2', 'Bleu_3', 'Bleu_4'] as const) rows.push([key.replace('_', '-'), scores[key].toFixed(4)]);
    rows.push(['METEOR (exact+stem)', `${scores.METEOR.toFixed(4)}  (no synonym/paraphrase modules: below METEOR 1.5)`]);
    rows.push(['ROUGE-L', scores.ROUGE_L.toFixed(4)]);
    rows.push(['CIDEr-D', `${scores.CIDEr.toFixed(4)}  (standard error over images ${ciderSe!.toFixed(4)})`]);
  }
  rows.push(['SPICE', 'not computed (needs a Java scene-graph parser)']);
  rows.push(['latency p50 / p90', `${percentile(latencies, 0.5).toFixed(1)} / ${percentile(latencies, 0.9).toFixed(1)} ms per caption (WASM)`]);
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
}

let args: EvalArgs | 'help';
try {
  args = readArgs(process.argv.slice(2));
} catch (error) {
  log(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
  process.exit(2);
}
if (args === 'help') {
  process.stdout.write(`${USAGE}\n`);
} else {
  main(args).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      log(`eval failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exitCode = 1;
    },
  );
}
