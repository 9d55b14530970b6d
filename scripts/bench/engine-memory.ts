/**
 * `npm run bench:memory`: the engine's peak memory while the built extension
 * describes a page of photos in headless Chromium (WASM, default settings but
 * no caption floor). The engine is the extension's renderer process: it hosts
 * the offscreen engine document and its caption worker (and the service
 * worker, which is small). Sampled every 200 ms from /proc, in each of
 * `--runs` fresh browsers; prints the medians, and the same for the whole
 * browser process tree and for the extension process before any image was
 * asked for (the peer in the same run: what describing adds), then one JSON
 * object as the last stdout line. Not a test: figures depend on the machine.
 *
 * @example npm run bench:memory -- --runs 3 --photos 8
 */
import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { launchWithExtension } from '../lib/launch-extension';
import { serveStatic } from '../lib/static-server';
import { browserPid, matchingRssKb, treeRssKb } from '../lib/process-memory';
import { percentile, round } from '../eval/percentile';
import { descriptions } from '../../e2e/support/engine-probe';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    runs: { type: 'string', default: '3' },
    photos: { type: 'string', default: '8' },
    images: { type: 'string', default: resolve('..', 'shared', 'data', 'flickr8k', 'images') },
    split: { type: 'string', default: resolve('..', 'shared', 'data', 'flickr8k', 'Flickr_8k.devImages.txt') },
  },
  strict: true,
});

const log = (line: string): void => void process.stderr.write(`${line}\n`);
const RUNS = Math.max(1, Number(values.runs));
const PHOTOS = Math.max(1, Number(values.photos));
/** Chromium marks the renderer of extension pages and workers so. */
const EXTENSION_PROCESS = /--type=renderer.*--extension-process/;

if (!existsSync(values.split)) {
  log(`no Flickr8k split at ${values.split}: pass --images DIR --split FILE`);
  process.exit(2);
}
const names = readFileSync(values.split, 'utf8').split(/\s+/).filter(Boolean).slice(0, PHOTOS);

interface Run {
  idleMb: number;
  enginePeakMb: number;
  treePeakMb: number;
  describeMs: number;
}

async function once(origin: string): Promise<Run> {
  const browser = await launchWithExtension();
  try {
    const pid = browserPid(browser.userDir);
    if (pid === null) throw new Error('browser process not found');
    await browser.serviceWorker.evaluate(() => chrome.storage.sync.set({ withholdBelow: 0 }));
    const idleKb = matchingRssKb(pid, EXTENSION_PROCESS);
    let engineKb = idleKb;
    let treeKb = 0;
    const sampler = setInterval(() => {
      engineKb = Math.max(engineKb, matchingRssKb(pid, EXTENSION_PROCESS));
      treeKb = Math.max(treeKb, treeRssKb(pid));
    }, 200);
    try {
      const page = await browser.context.newPage();
      const started = Date.now();
      await page.goto(`${origin}/photos.html`);
      for (;;) {
        const images = await descriptions(browser.serviceWorker, page.url());
        if (images.length === names.length && images.every((i) => i.description !== null)) break;
        if (Date.now() - started > 20 * 60_000) throw new Error('the photos were not described within 20 minutes');
        await new Promise((ok) => setTimeout(ok, 500));
      }
      return { idleMb: idleKb / 1024, enginePeakMb: engineKb / 1024, treePeakMb: treeKb / 1024, describeMs: Date.now() - started };
    } finally {
      clearInterval(sampler);
    }
  } finally {
    await browser.close();
  }
}

const dir = await mkdtemp(join(tmpdir(), 'glimpse-memory-'));
for (const name of names) await symlink(join(values.images, name), join(dir, name));
await writeFile(join(dir, 'photos.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Photos</title></head><body>${names.map((n) => `<img src="/${n}" width="224" height="224">`).join('')}</body></html>`);
const server = await serveStatic([dir]);
const runs: Run[] = [];
try {
  for (let i = 0; i < RUNS; i++) {
    const run = await once(server.origin);
    log(`run ${i + 1}/${RUNS}: engine ${run.idleMb.toFixed(0)} MB idle, peak ${run.enginePeakMb.toFixed(0)} MB; browser tree peak ${run.treePeakMb.toFixed(0)} MB; ${(run.describeMs / 1000).toFixed(0)} s`);
    runs.push(run);
  }
} finally {
  await server.close();
  await rm(dir, { recursive: true, force: true });
}
const median = (key: keyof Run) => round(percentile(runs.map((r) => r[key]), 0.5), 0);
const summary = {
  photos: names.length,
  runs: RUNS,
  engineIdleMb: median('idleMb'),
  enginePeakMb: median('enginePeakMb'),
  engineAddedMb: round(percentile(runs.map((r) => r.enginePeakMb - r.idleMb), 0.5), 0),
  browserTreePeakMb: median('treePeakMb'),
  describeMs: median('describeMs'),
};
console.log(`${names.length} photos, median of ${RUNS} runs: engine (extension renderer) ${summary.engineIdleMb} MB idle, peak ${summary.enginePeakMb} MB (+${summary.engineAddedMb} MB); whole browser ${summary.browserTreePeakMb} MB peak; described in ${(summary.describeMs / 1000).toFixed(0)} s`);
console.log(JSON.stringify(summary));
