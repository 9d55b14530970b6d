/**
 * `npm run bench:scan`: how long the built extension's scanner takes on a
 * generated page of 1,000 images (mixed statuses and kinds), against a peer
 * measured in the same page and run: axe-core's six image rules.
 *
 * Three figures per run, each read inside the page:
 * - initial: the content script's first pass at document_idle (collect,
 *   classify, register, and every feature's subscriber), from `tab:audit` stats;
 * - rescan: a full pass over the same page on demand (collect + classify; no
 *   subscriber work when nothing changed);
 * - axe: `axe.run` with image-alt, role-img-alt, input-image-alt, svg-img-alt,
 *   area-alt, object-alt.
 * Prints percentiles over the runs (after a warm-up run), the ratio of medians
 * and the median of per-run ratios, then one JSON line.
 * Not a test: nothing is asserted.
 *
 * @example npm run bench:scan -- --runs 9 --warmup 1 --images 1000
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { AuditReport } from '../../src/shared/audit';
import { launchWithExtension } from '../lib/launch-extension';
import { serveStatic } from '../lib/static-server';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: { runs: { type: 'string', default: '7' }, warmup: { type: 'string', default: '1' }, images: { type: 'string', default: '1000' } },
});
const RUNS = Math.max(1, Number(values.runs));
/** Runs before these are not counted: the first load compiles the content script and fills caches. */
const WARMUP = Math.max(0, Number(values.warmup));
const IMAGES = Math.max(1, Number(values.images));
const AXE_RULES = ['image-alt', 'role-img-alt', 'input-image-alt', 'svg-img-alt', 'area-alt', 'object-alt'];
const PHOTOS = ['city-street.jpg', 'climber.jpg', 'dog-ocean.jpg', 'dog-water.jpg', 'dogs-grass.jpg', 'kids-water.jpg', 'pool-slide.jpg'];
const log = (line: string): void => void process.stderr.write(`${line}\n`);

/** One candidate per i, cycling through the statuses and kinds the scanner tells apart. */
function candidate(i: number): string {
  const src = `/img/${PHOTOS[i % PHOTOS.length]}`;
  switch (i % 10) {
    case 0: case 1: case 2: return `<img src="${src}" width="80" height="60">`;
    case 3: return `<img src="${src}" alt="" width="80" height="60">`;
    case 4: return `<img src="${src}" alt="IMG_${1000 + i}.jpg" width="80" height="60">`;
    case 5: return `<img src="${src}" alt="Photo number ${i} of the harbour festival" width="80" height="60">`;
    case 6: return `<img src="/img/pixel.png" width="1" height="1">`;
    case 7: return `<div role="img" aria-label="Chart ${i}" style="width:80px;height:60px;background:#ccd"></div>`;
    case 8: return `<svg role="img" width="80" height="60"><title>Icon ${i}</title><rect width="80" height="60" fill="#468"/></svg>`;
    default: return `<input type="image" src="${src}" width="80" height="60">`;
  }
}

function page(n: number): string {
  const body = Array.from({ length: n }, (_, i) => candidate(i)).join('\n');
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${n} images</title></head><body><main>${body}</main></body></html>`;
}

function percentile(sorted: number[], p: number): number {
  const i = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[i] ?? NaN;
}
function summary(xs: number[]): { p50: number; p90: number; min: number; max: number } {
  const s = [...xs].sort((a, b) => a - b);
  const r = (x: number): number => Math.round(x * 10) / 10;
  return { p50: r(percentile(s, 50)), p90: r(percentile(s, 90)), min: r(s[0] ?? NaN), max: r(s[s.length - 1] ?? NaN) };
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'glimpse-bench-scan-'));
  await writeFile(join(dir, 'index.html'), page(IMAGES));
  const server = await serveStatic([dir, resolve('e2e/fixtures/pages')]);
  const browser = await launchWithExtension();
  const axeSource = await readFile(resolve('node_modules/axe-core/axe.min.js'), 'utf8');
  const url = `${server.origin}/index.html`;
  const audit = (rescan: boolean): Promise<AuditReport> =>
    browser.serviceWorker.evaluate(
      async ({ url, rescan }) => {
        const tab = (await chrome.tabs.query({})).find((t) => t.url === url);
        if (tab?.id === undefined) throw new Error(`no tab shows ${url}`);
        return chrome.tabs.sendMessage(tab.id, { type: 'tab:audit', payload: { rescan } });
      },
      { url, rescan },
    );
  const initial: number[] = [];
  const rescan: number[] = [];
  const axe: number[] = [];
  let found = 0;
  try {
    const tab = await browser.context.newPage();
    for (let run = 0; run < WARMUP + RUNS; run++) {
      await tab.goto(url, { waitUntil: 'load' });
      let report: AuditReport | null = null;
      for (let tries = 0; tries < 1200 && !report; tries++) {
        report = await audit(false).catch(() => null); // the content script injects at document_idle
        if (!report) await new Promise((ok) => setTimeout(ok, 100));
      }
      if (!report) throw new Error('the content script never answered tab:audit');
      found = report.stats.initialCount;
      initial.push(report.stats.initialMs);
      rescan.push((await audit(true)).stats.rescanMs ?? NaN);
      await tab.evaluate(axeSource);
      axe.push(
        await tab.evaluate(async (rules) => {
          const w = window as unknown as { axe: { run: (c: Document, o: object) => Promise<unknown> } };
          const t0 = performance.now();
          await w.axe.run(document, { runOnly: { type: 'rule', values: rules }, resultTypes: ['violations'] });
          return performance.now() - t0;
        }, AXE_RULES),
      );
      if (run < WARMUP) {
        log(`warm-up ${run + 1}/${WARMUP}: initial ${initial.pop()?.toFixed(1)} ms, rescan ${rescan.pop()?.toFixed(1)} ms, axe ${axe.pop()?.toFixed(1)} ms (not counted)`);
        continue;
      }
      log(`run ${run + 1 - WARMUP}/${RUNS}: initial ${initial.at(-1)?.toFixed(1)} ms, rescan ${rescan.at(-1)?.toFixed(1)} ms, axe ${axe.at(-1)?.toFixed(1)} ms`);
    }
  } finally {
    await browser.close();
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
  const result = {
    images: IMAGES,
    candidatesFound: found,
    runs: RUNS,
    initialMs: summary(initial),
    rescanMs: summary(rescan),
    axeImageRulesMs: summary(axe),
    ratioRescanToAxe: Math.round((summary(rescan).p50 / summary(axe).p50) * 100) / 100,
    // Per-run ratios share the run's machine load, so their median is steadier on a busy machine.
    pairedRatioRescanToAxe: Math.round(percentile(rescan.map((r, i) => r / (axe[i] ?? NaN)).sort((a, b) => a - b), 50) * 1000) / 1000,
    ratioInitialToAxe: Math.round((summary(initial).p50 / summary(axe).p50) * 100) / 100,
  };
  log('');
  log(`scan of ${IMAGES} candidates (${found} found), ${RUNS} runs, milliseconds:`);
  log(`  initial pass  p50 ${result.initialMs.p50}  p90 ${result.initialMs.p90}  min ${result.initialMs.min}  max ${result.initialMs.max}`);
  log(`  full rescan   p50 ${result.rescanMs.p50}  p90 ${result.rescanMs.p90}  min ${result.rescanMs.min}  max ${result.rescanMs.max}`);
  log(`  axe-core image rules (peer)  p50 ${result.axeImageRulesMs.p50}  p90 ${result.axeImageRulesMs.p90}`);
  log(`  ratio of medians: rescan/axe ${result.ratioRescanToAxe}, initial/axe ${result.ratioInitialToAxe}; median of per-run rescan/axe ${result.pairedRatioRescanToAxe}`);
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

await main();
