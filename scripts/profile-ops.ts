/**
 * Where inference time goes, per operator type, from onnxruntime's own
 * profiler: onnxruntime-web (WASM, 1 thread, in Node) and onnxruntime-node
 * (native CPU, 1 thread) on the same graphs Glimpse loads — the encoder, one
 * decoder step (1 and 5 beams), the OCR detector on a photo, the YOLOX-Nano
 * object detector at 416 and 320 — with the session
 * options Glimpse uses (`sessionOptions` in src/captioner/env.ts). The
 * image-type gate is no ONNX graph (pixel statistics + a softmax regression in
 * TypeScript), so its time is measured directly.
 *
 * Each part runs `--runs` times after one untimed warm-up, runtimes
 * alternating; profiler events of the warm-up are dropped. Prints, per part
 * and runtime, the median run time and each op type's ms per run and share,
 * as Markdown.
 *
 * @example npx tsx scripts/profile-ops.ts --runs 20
 * @example npx tsx scripts/profile-ops.ts --encoder other/encoder.onnx --top 6
 * @example npx tsx scripts/profile-ops.ts --keep-qdq   # onnxruntime's default session options, for comparison
 */
import fs, { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import * as ortNode from 'onnxruntime-node';
import { configureRuntime, ort as ortWeb, sessionOptions } from '../src/captioner/env';
import { classify, checkGateModel } from '../src/captioner/image-type/gate';
import { gatherEvidence } from '../src/captioner/image-type/evidence';
import { detectionInput } from '../src/captioner/ocr/det-preprocess';
import { OCR_DEFAULTS } from '../src/captioner/ocr/ocr';
import { percentile, round } from './eval/percentile';
import { loadImage } from './lib/load-image';
import { ocrModelDir } from './lib/ocr-models';
import { verifiedDetectorFile } from './lib/detector-model';
import { yoloxAtSize } from './lib/yolox-graph';
import { letterbox } from '../src/captioner/concepts/letterbox';

const repo = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    model: { type: 'string', default: join(repo, '.cache/models/glimpse-captioner') },
    encoder: { type: 'string' },
    decoder: { type: 'string' },
    image: { type: 'string', default: join(repo, '..', 'shared/data/flickr8k/images/1000268201_693b08cb0e.jpg') },
    runs: { type: 'string', default: '20' },
    top: { type: 'string', default: '8' },
    past: { type: 'string', default: '8' },
    // onnxruntime's own default: weight-only DequantizeLinear kept for its QDQ fusions (what Glimpse did before).
    'keep-qdq': { type: 'boolean', default: false },
  },
  strict: true,
});
const runs = Number(values.runs);
const top = Number(values.top);
const pastLength = Number(values.past);
const encoderFile = values.encoder ?? join(values.model, 'onnx/encoder_model_quantized.onnx');
const decoderFile = values.decoder ?? join(values.model, 'onnx/decoder_model_merged_quantized.onnx');

configureRuntime({ numThreads: 1 });
const options = (): ReturnType<typeof sessionOptions> => {
  const o = sessionOptions('wasm');
  if (values['keep-qdq']) delete o.extra;
  return o;
};

// onnxruntime-web's WASM build prints the profile's JSON to stdout (in Node
// through fs.writeSync(1, …)) instead of writing a file: catch it there.
let capture: string[] | null = null;
const writeSync = fs.writeSync;
fs.writeSync = ((fd: number, data: unknown, ...rest: unknown[]) => {
  if (capture && fd === 1 && typeof data === 'string') {
    capture.push(data);
    return data.length;
  }
  return (writeSync as (...args: unknown[]) => number)(fd, data, ...rest);
}) as typeof fs.writeSync;

interface ProfileEvent {
  cat: string;
  name: string;
  dur: number;
  ts: number;
  args?: { op_name?: string };
}

/** Per op type: microseconds summed over the timed runs. */
function opTotals(events: ProfileEvent[]): Map<string, number> {
  const runsSeen = events.filter((e) => e.cat === 'Session' && e.name === 'model_run').sort((a, b) => a.ts - b.ts);
  const warmUpEnd = runsSeen.length ? runsSeen[0]!.ts + runsSeen[0]!.dur : 0;
  const totals = new Map<string, number>();
  for (const e of events) {
    if (e.cat !== 'Node' || !e.name.endsWith('_kernel_time') || e.ts < warmUpEnd) continue;
    const op = e.args?.op_name ?? '?';
    totals.set(op, (totals.get(op) ?? 0) + e.dur);
  }
  return totals;
}

function parseEvents(text: string): ProfileEvent[] {
  const start = text.indexOf('[');
  const end = text.lastIndexOf(']');
  if (start < 0 || end < start) throw new Error('no profile JSON found');
  return JSON.parse(text.slice(start, end + 1)) as ProfileEvent[];
}

type Feeds = Record<string, { type: 'float32' | 'int64' | 'bool'; data: Float32Array | BigInt64Array | boolean[]; dims: number[] }>;

interface Profiled {
  /** Session creation, ms. */
  createMs: number;
  run(): Promise<number>;
  /** Ends profiling and returns the events. */
  finish(): Promise<ProfileEvent[]>;
}

async function webSession(bytes: Uint8Array, feeds: Feeds): Promise<Profiled> {
  const started = performance.now();
  const session = await ortWeb.InferenceSession.create(bytes, { ...options(), enableProfiling: true });
  const createMs = performance.now() - started;
  const tensors = Object.fromEntries(Object.entries(feeds).map(([k, f]) => [k, new ortWeb.Tensor(f.type, f.data as Float32Array, f.dims)]));
  return {
    createMs,
    async run() {
      const t = performance.now();
      await session.run(tensors);
      return performance.now() - t;
    },
    async finish() {
      const lines: string[] = [];
      capture = lines;
      try {
        session.endProfiling();
      } finally {
        capture = null;
      }
      await session.release();
      return parseEvents(lines.join('\n'));
    },
  };
}

async function nodeSession(bytes: Uint8Array, feeds: Feeds): Promise<Profiled> {
  const dir = mkdtempSync(join(tmpdir(), 'glimpse-profile-'));
  const { graphOptimizationLevel, extra } = options();
  const started = performance.now();
  const session = await ortNode.InferenceSession.create(bytes, {
    graphOptimizationLevel,
    ...(extra ? { extra } : {}),
    executionProviders: ['cpu'],
    intraOpNumThreads: 1,
    interOpNumThreads: 1,
    enableProfiling: true,
    profileFilePrefix: join(dir, 'profile'),
  });
  const createMs = performance.now() - started;
  const tensors = Object.fromEntries(Object.entries(feeds).map(([k, f]) => [k, new ortNode.Tensor(f.type, f.data as Float32Array, f.dims)]));
  return {
    createMs,
    async run() {
      const t = performance.now();
      await session.run(tensors);
      return performance.now() - t;
    },
    async finish() {
      session.endProfiling();
      await session.release();
      const file = readdirSync(dir).find((f) => f.startsWith('profile'));
      if (!file) throw new Error(`onnxruntime-node wrote no profile in ${dir}`);
      const events = parseEvents(readFileSync(join(dir, file), 'utf8'));
      rmSync(dir, { recursive: true, force: true });
      return events;
    },
  };
}

interface PartResult {
  part: string;
  runtime: string;
  medianMs: number;
  createMs: number;
  ops: [string, number][];
}

async function profilePart(part: string, bytes: Uint8Array, feeds: Feeds): Promise<PartResult[]> {
  const sessions = { 'onnxruntime-web WASM': await webSession(bytes, feeds), 'onnxruntime-node CPU': await nodeSession(bytes, feeds) };
  const times: Record<string, number[]> = {};
  for (const s of Object.values(sessions)) await s.run(); // warm-up, dropped from the profile too
  for (let r = 0; r < runs; r++) {
    const order = r % 2 ? Object.entries(sessions).reverse() : Object.entries(sessions);
    for (const [name, s] of order) (times[name] ??= []).push(await s.run());
  }
  const results: PartResult[] = [];
  for (const [name, s] of Object.entries(sessions)) {
    const totals = opTotals(await s.finish());
    const ops = [...totals.entries()].map(([op, us]): [string, number] => [op, us / runs / 1000]).sort((a, b) => b[1] - a[1]);
    results.push({ part, runtime: name, medianMs: percentile(times[name]!, 0.5), createMs: s.createMs, ops });
  }
  return results;
}

function render(results: PartResult[]): string {
  const lines = ['| part | runtime | session creation ms | run p50 ms | kernels ms per run | op types, ms per run (share of kernel time) |', '| --- | --- | ---: | ---: | ---: | --- |'];
  for (const r of results) {
    const kernel = r.ops.reduce((a, [, ms]) => a + ms, 0);
    const shown = r.ops.slice(0, top).map(([op, ms]) => `${op} ${round(ms, 2)} (${Math.round((100 * ms) / kernel)}%)`);
    const rest = r.ops.slice(top).reduce((a, [, ms]) => a + ms, 0);
    if (rest > 0) shown.push(`other ${round(rest, 2)}`);
    lines.push(`| ${r.part} | ${r.runtime} | ${Math.round(r.createMs)} | ${round(r.medianMs, 2)} | ${round(kernel, 2)} | ${shown.join(', ')} |`);
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const image = await loadImage(values.image);
  const results: PartResult[] = [];

  const pixels = new Float32Array(3 * 224 * 224).map((_, i) => Math.sin(i) * 2);
  const encoderBytes = readFileSync(encoderFile);
  results.push(...(await profilePart('encoder', encoderBytes, { pixel_values: { type: 'float32', data: pixels, dims: [1, 3, 224, 224] } })));

  // The decoder's input shapes come from its own metadata; the encoder output has 54 positions of 256.
  const probe = await ortWeb.InferenceSession.create(readFileSync(decoderFile), sessionOptions('wasm'));
  const encoderProbe = await ortWeb.InferenceSession.create(encoderBytes, sessionOptions('wasm'));
  const hidden = (await encoderProbe.run({ pixel_values: new ortWeb.Tensor('float32', pixels, [1, 3, 224, 224]) })).last_hidden_state!;
  await encoderProbe.release();
  const decoderBytes = readFileSync(decoderFile);
  for (const beams of [1, 5]) {
    const states = new Float32Array(hidden.data.length * beams);
    for (let b = 0; b < beams; b++) states.set(hidden.data as Float32Array, b * hidden.data.length);
    const feeds: Feeds = {
      input_ids: { type: 'int64', data: new BigInt64Array(beams).fill(5n), dims: [beams, 1] },
      encoder_hidden_states: { type: 'float32', data: states, dims: [beams, ...hidden.dims.slice(1).map(Number)] },
    };
    if (probe.inputNames.includes('use_cache_branch')) feeds.use_cache_branch = { type: 'bool', data: [true], dims: [1] };
    for (const meta of probe.inputMetadata) {
      if (!meta.name.startsWith('past_key_values') || !meta.isTensor) continue;
      const [, heads, , headDim] = meta.shape as [unknown, number, unknown, number];
      feeds[meta.name] = { type: 'float32', data: new Float32Array(beams * heads * pastLength * headDim).fill(0.01), dims: [beams, heads, pastLength, headDim] };
    }
    results.push(...(await profilePart(`decoder step, ${beams} beam${beams > 1 ? 's' : ''}, past ${pastLength}`, decoderBytes, feeds)));
  }
  await probe.release();

  const det = detectionInput(image, { maxSide: OCR_DEFAULTS.maxSide, minSide: OCR_DEFAULTS.minSide });
  const detBytes = readFileSync(join(ocrModelDir(repo), 'ch_PP-OCRv4_det_infer.onnx'));
  results.push(...(await profilePart(`OCR detector ${det.dims[3]}×${det.dims[2]} (${image.width}×${image.height} photo)`, detBytes, { x: { type: 'float32', data: det.data, dims: [...det.dims] } })));

  const yolox = verifiedDetectorFile().bytes;
  for (const size of [416, 320]) {
    const bytes = size === 416 ? yolox : await yoloxAtSize(yolox, size, size);
    const input = letterbox(image, { width: size, height: size });
    results.push(...(await profilePart(`object detector ${size}×${size}`, bytes, { images: { type: 'float32', data: input.data, dims: [...input.dims] } })));
  }

  console.log(render(results));

  // The gate: pixel statistics + softmax regression over the encoder's ImageNet logits and OCR's figures.
  const gate = checkGateModel(JSON.parse(readFileSync(join(values.model, 'image-type-gate.json'), 'utf8')));
  const seen = { imagenetLogits: new Float32Array(1000).map((_, i) => Math.cos(i)), pooled: new Float32Array(1280).map((_, i) => Math.abs(Math.sin(i))) };
  const gateTimes: number[] = [];
  for (let r = 0; r <= runs; r++) {
    const t = performance.now();
    classify(gate, gatherEvidence(image, seen, { text: '', lines: [], coverage: 0 }));
    if (r > 0) gateTimes.push(performance.now() - t);
  }
  console.log(`\nImage-type gate (TypeScript, not an ONNX graph) on the ${image.width}×${image.height} photo: p50 ${round(percentile(gateTimes, 0.5), 2)} ms, p90 ${round(percentile(gateTimes, 0.9), 2)} ms`);
}

await main();
