/**
 * `npm run bench:page20`: a cold start in the built extension. Each run starts
 * Chromium with a fresh profile and dist/ loaded, opens a page of 20
 * unlabelled Flickr8k dev photos, and measures from the page's load event:
 * - first label: the first accessible name Glimpse writes (a MutationObserver
 *   in the page, performance.now());
 * - all labels: every photo answered by the engine and its name written or
 *   withheld (the content script's own `tab:audit`, polled every 200 ms, so
 *   up to 200 ms late);
 * - engine peak memory: the largest RSS of the extension's renderer process
 *   (the offscreen document and its engine worker), sampled every 100 ms.
 * - the page's responsiveness: a 50 ms interval timer in the page records how
 *   late each tick fires while Glimpse works (p99 and worst tick per run).
 * Model loading is inside the figures: nothing is warm; the engine's own
 * load times (EngineStatus.loadMs) are printed beside them.
 *
 * `--variants` compares engine settings in one session, runs alternating:
 * a thread count (0 = automatic, as shipped) or `off` (Glimpse switched off in
 * its settings: the same browser and page with nothing described, the page
 * timer's peer). Prints percentiles per variant and one JSON line (the first
 * variant's figures under the usual keys). Not a test: nothing is asserted.
 *
 * @example npm run bench:page20 -- --runs 3 --variants 0,2,off
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { engineAnswered, type AuditReport } from '../../src/shared/audit';
import { percentile, round } from '../eval/percentile';
import { launchWithExtension } from '../lib/launch-extension';
import { browserPid, matchingRssKb } from '../lib/process-memory';
import { serveStatic } from '../lib/static-server';
import { auditOf } from '../lib/tab-audit';
import type { EngineStatus } from '../../src/shared/messages';

const shared = process.env.GLIMPSE_SHARED ?? resolve('..', 'shared');
const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    runs: { type: 'string', default: '3' },
    photos: { type: 'string', default: '20' },
    timeout: { type: 'string', default: '300' },
    variants: { type: 'string', default: '0' },
  },
  strict: true,
});
const RUNS = Math.max(1, Number(values.runs));
const PHOTOS = Math.max(1, Number(values.photos));
const TIMEOUT_MS = Number(values.timeout) * 1000;
type Variant = 0 | 1 | 2 | 4 | 'off';
const VARIANTS: Variant[] = values.variants.split(',').map((v) => {
  const t = v.trim();
  if (t === 'off') return 'off';
  if (['0', '1', '2', '4'].includes(t)) return Number(t) as Variant;
  throw new Error(`--variants: "${t}" is not 0, 1, 2, 4 or off`);
});
const variantName = (v: Variant): string => (v === 'off' ? 'Glimpse off (peer)' : v === 0 ? 'threads automatic (as shipped)' : `${v} thread${v === 1 ? '' : 's'}`);
/** How long an `off` run watches the page timer, ms. */
const OFF_WATCH_MS = 10_000;
const log = (line: string): void => void process.stderr.write(`${line}\n`);

interface Run { variant: Variant; firstLabelMs: number | null; allLabelsMs: number | null; labelled: number; answered: number; enginePeakMb: number; loadMs: EngineStatus['loadMs'] | null; timerP99Ms: number; timerMaxMs: number }

const settled = (r: AuditReport): boolean => {
  const missing = r.rows.filter((row) => row.status === 'missing');
  return missing.length >= PHOTOS && missing.every((row) => engineAnswered(row) && (row.descriptionError !== null || row.labelState !== null));
};

async function oneRun(origin: string, variant: Variant): Promise<Run> {
  const launched = await launchWithExtension();
  const settings: Record<string, unknown> = variant === 'off' ? { enabled: false } : { threads: variant };
  await launched.serviceWorker.evaluate((v) => chrome.storage.sync.set(v), settings);
  const pid = browserPid(launched.userDir);
  if (pid === null) throw new Error(`no Chromium process uses ${launched.userDir}`);
  const extensionRssMb = (): number => matchingRssKb(pid, /--extension-process/) / 1024;
  let peak = extensionRssMb();
  const sampler = setInterval(() => {
    try {
      peak = Math.max(peak, extensionRssMb());
    } catch {
      // The browser is closing.
    }
  }, 100);
  try {
    const page = await launched.context.newPage();
    await page.addInitScript(() => {
      const w = window as unknown as { __firstLabel: number | null };
      w.__firstLabel = null;
      new MutationObserver((changes) => {
        if (w.__firstLabel !== null) return;
        if (changes.some((c) => c.target instanceof HTMLImageElement && (c.target.getAttribute(c.attributeName!) ?? '').startsWith('Automatic description'))) w.__firstLabel = performance.now();
      }).observe(document, { subtree: true, attributes: true, attributeFilter: ['alt', 'aria-label'] });
      // How late each tick of a 50 ms timer fires: the page's own responsiveness while Glimpse works.
      const t = window as unknown as { __late: number[] };
      t.__late = [];
      let last = performance.now();
      setInterval(() => {
        const now = performance.now();
        t.__late.push(Math.max(0, now - last - 50));
        last = now;
      }, 50);
    });
    const url = `${origin}/page20.html`;
    await page.goto(url, { waitUntil: 'load' });
    const loadedAt = Date.now();
    const loadEnd = await page.evaluate(() => performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).then((n) => n.loadEventEnd);
    let report: AuditReport | null = null;
    let allLabelsMs: number | null = null;
    while (variant !== 'off' && Date.now() - loadedAt < TIMEOUT_MS) {
      report = await auditOf(launched.serviceWorker, url).catch(() => null);
      if (report && settled(report)) {
        allLabelsMs = Date.now() - loadedAt;
        break;
      }
      await page.waitForTimeout(200);
    }
    if (variant === 'off') await page.waitForTimeout(OFF_WATCH_MS);
    const late = await page.evaluate(() => (window as unknown as { __late: number[] }).__late);
    const first = await page.evaluate(() => (window as unknown as { __firstLabel: number | null }).__firstLabel);
    // The engine's own load figures, asked from an extension page as the popup does.
    const options = await launched.context.newPage();
    await options.goto(`chrome-extension://${launched.extensionId}/src/ui/options.html`);
    const status = await options.evaluate(() => chrome.runtime.sendMessage({ type: 'ui:engine-status', payload: {} }) as Promise<EngineStatus>);
    const rows = report?.rows.filter((row) => row.status === 'missing') ?? [];
    return {
      variant,
      timerP99Ms: late.length ? round(percentile(late, 0.99), 0) : 0,
      timerMaxMs: late.length ? round(Math.max(...late), 0) : 0,
      firstLabelMs: first === null ? null : first - loadEnd,
      allLabelsMs,
      labelled: rows.filter((row) => row.label !== null).length,
      answered: rows.filter((row) => engineAnswered(row)).length,
      enginePeakMb: round(peak, 0),
      loadMs: status.loadMs ?? null,
    };
  } finally {
    clearInterval(sampler);
    await launched.close();
  }
}

async function main(): Promise<void> {
  const list = (await readFile(join(shared, 'data/flickr8k/Flickr_8k.devImages.txt'), 'utf8')).split('\n').map((l) => l.trim()).filter(Boolean);
  const dir = await mkdtemp(join(tmpdir(), 'glimpse-page20-'));
  // Photos 100–119 of dev: not among the first ones other benchmarks use.
  const files = list.slice(100, 100 + PHOTOS);
  const imgs = files.map((f, i) => `<img src="/images/${f}" width="224" height="224" data-i="${i}">`).join('\n');
  await writeFile(join(dir, 'page20.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Photos</title><style>body{margin:0;display:flex;flex-wrap:wrap;gap:4px}</style></head><body><main>\n${imgs}\n</main></body></html>\n`);
  const server = await serveStatic([dir, join(shared, 'data/flickr8k')]);
  const runs: Run[] = [];
  try {
    for (let r = 0; r < RUNS * VARIANTS.length; r++) {
      const variant = VARIANTS[r % VARIANTS.length]!;
      const run = await oneRun(server.origin, variant);
      runs.push(run);
      log(`run ${r + 1}/${RUNS * VARIANTS.length} (${variantName(variant)}): page timer p99 ${run.timerP99Ms} ms late, worst ${run.timerMaxMs} ms; first label ${run.firstLabelMs === null ? '–' : Math.round(run.firstLabelMs)} ms, all ${run.allLabelsMs ?? 'timed out'} ms (${run.labelled} named, ${run.answered} answered of ${PHOTOS}), engine peak ${run.enginePeakMb} MB; engine load ${run.loadMs ? `${run.loadMs.total} ms (captioner ${run.loadMs.captioner}, OCR ${run.loadMs.ocr}, detector + concepts ${run.loadMs.concepts})` : 'unknown'}`);
    }
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
  const load = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' / ');
  const spread = (v: number[]) => (v.length ? `p50 ${Math.round(percentile(v, 0.5))} p90 ${Math.round(percentile(v, 0.9))} (min ${Math.round(Math.min(...v))}, max ${Math.round(Math.max(...v))})` : 'none');
  const p50 = (v: number[]): number | null => (v.length ? Math.round(percentile(v, 0.5)) : null);
  console.log(`page of ${PHOTOS} unlabelled photos, cold start, ${RUNS} runs per variant, alternating, load average ${load}:`);
  const summaries = VARIANTS.map((variant) => {
    const mine = runs.filter((r) => r.variant === variant);
    const firsts = mine.map((r) => r.firstLabelMs).filter((v): v is number => v !== null);
    const alls = mine.map((r) => r.allLabelsMs).filter((v): v is number => v !== null);
    const peaks = mine.map((r) => r.enginePeakMb);
    console.log(`${variantName(variant)}:`);
    console.log(`  page timer, p99 tick lateness: ${spread(mine.map((r) => r.timerP99Ms))} ms; worst tick: ${spread(mine.map((r) => r.timerMaxMs))} ms`);
    if (variant !== 'off') {
      console.log(`  first label after load: ${spread(firsts)} ms`);
      console.log(`  all labels after load:  ${spread(alls)} ms${alls.length < mine.length ? `; ${mine.length - alls.length} runs timed out` : ''}`);
      console.log(`  engine peak RSS: ${spread(peaks)} MB`);
    }
    return {
      variant,
      page20_first_label_ms: p50(firsts),
      page20_all_labels_ms: p50(alls),
      engine_peak_mb: variant === 'off' ? null : p50(peaks),
      page_timer_p99_late_ms: p50(mine.map((r) => r.timerP99Ms)),
      page_timer_worst_late_ms: p50(mine.map((r) => r.timerMaxMs)),
      runs: mine.length,
      timed_out: variant === 'off' ? 0 : mine.length - alls.length,
      named_p50: percentile(mine.map((r) => r.labelled), 0.5),
      engine_load_ms_p50: p50(mine.flatMap((r) => (r.loadMs ? [r.loadMs.total] : []))),
    };
  });
  const { variant: _first, ...headline } = summaries[0]!;
  console.log(JSON.stringify({ ...headline, ...(summaries.length > 1 ? { variants: summaries } : {}) }));
}

await main();
