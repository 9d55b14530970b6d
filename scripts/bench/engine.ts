/**
 * `npm run bench:engine`: the extension's model host (the built caption
 * worker from dist/, in an extension page of headless Chromium, so it is
 * crossOriginIsolated exactly like the offscreen engine document) on
 * WASM with 1 thread, WASM with 2 threads and WebGPU on SwiftShader.
 * Prints per-stage latency percentiles (preprocess, encoder, decoder, worker
 * total, and wall time including the ImageBitmap transfer), model load time
 * and the peak resident memory of the whole Chromium process tree, then one
 * JSON object as the last stdout line. Not a test: figures depend on the machine.
 *
 * The page speaks Comlink's wire protocol to the worker directly (APPLY /
 * RAW messages): the bench needs to choose the thread count, which the
 * shipped engine derives from the machine.
 *
 * @example npm run bench:engine -- --limit 12
 */
import { chromium } from 'playwright-core';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { browserPid, treeRssKb } from '../lib/process-memory';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { percentile, round } from '../eval/percentile';
import { serveStatic } from '../../e2e/support/static-server';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    dist: { type: 'string', default: 'dist' },
    images: { type: 'string', default: resolve('..', 'shared', 'data', 'flickr8k', 'images') },
    split: { type: 'string', default: resolve('..', 'shared', 'data', 'flickr8k', 'Flickr_8k.devImages.txt') },
    limit: { type: 'string', default: '12' },
    only: { type: 'string' },
  },
  strict: true,
});

const dist = resolve(values.dist);
const log = (line: string): void => void process.stderr.write(`${line}\n`);
if (!existsSync(join(dist, 'manifest.json'))) {
  log(`no built extension in ${dist}: run npm run build`);
  process.exit(2);
}
const workerFile = readdirSync(join(dist, 'assets')).find((f) => /^caption-worker-.*\.js$/.test(f));
const modelId = ['glimpse-captioner', 'tiny-random'].find((id) => existsSync(join(dist, 'models', id, 'config.json')));
if (!workerFile || !modelId) {
  log('the build has no caption worker or no model');
  process.exit(2);
}
const images = readFileSync(values.split, 'utf8').split(/\s+/).filter(Boolean).slice(0, Number(values.limit));

interface Config {
  name: string;
  backend: 'wasm' | 'webgpu';
  threads: number;
  args: string[];
}
const ALL_CONFIGS: Config[] = [
  { name: 'wasm-1', backend: 'wasm', threads: 1, args: [] },
  { name: 'wasm-2', backend: 'wasm', threads: 2, args: [] },
  { name: 'webgpu-swiftshader', backend: 'webgpu', threads: 2, args: ['--enable-unsafe-webgpu', '--use-webgpu-adapter=swiftshader'] },
];
const CONFIGS = ALL_CONFIGS.filter((c) => !values.only || values.only.split(',').includes(c.name));

interface Sample {
  preprocess: number;
  encoder: number;
  decoder: number;
  total: number;
  wall: number;
}

async function run(config: Config, imageOrigin: string) {
  const userDir = await mkdtemp(join(tmpdir(), 'glimpse-bench-'));
  const context = await chromium.launchPersistentContext(userDir, {
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: ['--no-sandbox', `--disable-extensions-except=${dist}`, `--load-extension=${dist}`, '--disable-background-networking', '--disable-component-update', '--no-first-run', ...config.args],
  });
  const pid = browserPid(userDir);
  let peakKb = 0;
  const sampler = setInterval(() => {
    if (pid) peakKb = Math.max(peakKb, treeRssKb(pid));
  }, 200);
  try {
    const sw = context.serviceWorkers()[0] ?? (await context.waitForEvent('serviceworker'));
    // Node gives non-special schemes an opaque origin ("null"), so build it from the host.
    const origin = `chrome-extension://${new URL(sw.url()).host}`;
    const page = await context.newPage();
    await page.goto(`${origin}/src/ui/options.html`);
    // Page code goes in as strings: tsx (esbuild keepNames) would wrap functions
    // written here in a `__name` helper that does not exist in the page.
    const request = { modelId, modelUrl: `${origin}/models/${modelId}/`, backend: config.backend, numThreads: config.threads };
    const load = (await page.evaluate(`(async () => {
      const worker = new Worker(${JSON.stringify(`${origin}/assets/${workerFile}`)}, { type: 'module' });
      let next = 0;
      globalThis.benchCall = (method, args, transfer = []) => new Promise((ok, fail) => {
        const id = 'bench-' + next++;
        const onMessage = (event) => {
          if (event.data?.id !== id) return;
          worker.removeEventListener('message', onMessage);
          if (event.data.type === 'RAW') ok(event.data.value); else fail(new Error(JSON.stringify(event.data.value)));
        };
        worker.addEventListener('message', onMessage);
        worker.postMessage({ id, type: 'APPLY', path: [method], argumentList: args.map((value) => ({ type: 'RAW', value })) }, transfer);
      });
      const started = performance.now();
      const result = await globalThis.benchCall('load', [${JSON.stringify(request)}]);
      return { ms: performance.now() - started, result, isolated: crossOriginIsolated };
    })()`)) as { ms: number; result: unknown; isolated: boolean };
    const ready = load.result as { ok: boolean; backend?: string; threads?: number; message?: string };
    if (!ready.ok) throw new Error(`${config.name}: model did not load: ${ready.message}`);
    log(`${config.name}: loaded ${modelId} on ${ready.backend}, ${ready.threads} thread(s), isolated=${load.isolated}, ${Math.round(load.ms)} ms`);
    const samples: Sample[] = [];
    for (const [i, image] of images.entries()) {
      const sample = (await page.evaluate(`(async () => {
        const bitmap = await createImageBitmap(await (await fetch(${JSON.stringify(`${imageOrigin}/${image}`)})).blob());
        const started = performance.now();
        const result = await globalThis.benchCall('caption', [bitmap], [bitmap]);
        if (!result.ok) throw new Error(result.message);
        return { ...result.timings, wall: performance.now() - started };
      })()`)) as Sample;
      if (i > 0) samples.push(sample); // the first caption warms up kernels and shaders
      log(`  ${image}: ${Math.round(sample.wall)} ms`);
    }
    const stat = (key: keyof Sample) => ({ p50: round(percentile(samples.map((s) => s[key]), 0.5), 1), p90: round(percentile(samples.map((s) => s[key]), 0.9), 1) });
    return {
      config: config.name,
      backend: ready.backend,
      threads: ready.threads,
      n: samples.length,
      loadMs: Math.round(load.ms),
      preprocess: stat('preprocess'),
      encoder: stat('encoder'),
      decoder: stat('decoder'),
      total: stat('total'),
      wall: stat('wall'),
      peakRssMb: Math.round(peakKb / 1024),
    };
  } finally {
    clearInterval(sampler);
    await context.close();
    await rm(userDir, { recursive: true, force: true });
  }
}

const server = await serveStatic([values.images]);
const results = [];
try {
  for (const config of CONFIGS) results.push(await run(config, server.origin));
} finally {
  await server.close();
}
console.log(`model ${modelId}, ${images.length} images (first one is warm-up, not counted)`);
console.log('config              backend  thr  load ms  pre p50  enc p50/p90     dec p50/p90     total p50/p90   wall p50  peak RSS MB');
for (const r of results) {
  console.log(
    `${r.config.padEnd(19)} ${String(r.backend).padEnd(8)} ${String(r.threads).padStart(3)}  ${String(r.loadMs).padStart(7)}  ${String(r.preprocess.p50).padStart(7)}  ${`${r.encoder.p50}/${r.encoder.p90}`.padEnd(14)}  ${`${r.decoder.p50}/${r.decoder.p90}`.padEnd(14)}  ${`${r.total.p50}/${r.total.p90}`.padEnd(14)}  ${String(r.wall.p50).padStart(8)}  ${String(r.peakRssMb).padStart(11)}`,
  );
}
console.log(JSON.stringify({ model: modelId, images: images.length, results }));
