/**
 * `npm run bench:site`: pages per minute of `npm run audit:site` with 1, 2
 * and 4 browser contexts (`--concurrency`), on a generated 50-page site served
 * on 127.0.0.1: a home page linking 49 pages, each with two photos without alt
 * (the e2e fixture photos, each page's under its own query string, so every
 * page has URLs of its own to describe). Each run is the real CLI in a child
 * process with the built extension, from spawn to exit (browser start, engine
 * load, crawl, image fetches and report), with the per-host rate limit lifted
 * (`--rate 1000`): the figure is what the contexts do, not the politeness
 * limit. Runs alternate between the context counts, round after round; prints
 * the median per count, the ratio to one context and the load average around
 * the runs, then one JSON line. Not a test: nothing is asserted.
 *
 * @example npm run bench:site -- --rounds 3 --contexts 1,2,4
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { loadavg, tmpdir, cpus } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { percentile, round } from '../eval/percentile';
import { ensureBuilt } from '../lib/ensure-built';
import { serveStatic } from '../lib/static-server';
import type { SiteReport } from '../lib/site/site-report';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    rounds: { type: 'string', default: '3' },
    contexts: { type: 'string', default: '1,2,4' },
    pages: { type: 'string', default: '50' },
    'no-build': { type: 'boolean', default: false },
  },
  strict: true,
});
const ROUNDS = Math.max(1, Number(values.rounds));
const CONTEXTS = values.contexts.split(',').map((k) => Number(k.trim()));
const PAGES = Math.max(2, Number(values.pages));
const PHOTOS = ['city-street.jpg', 'climber.jpg', 'dog-ocean.jpg', 'dog-water.jpg', 'dogs-grass.jpg', 'kids-water.jpg', 'pool-slide.jpg'];

/** The site: index.html linking page-1 … page-(PAGES-1), each with two photos. */
async function writeSite(dir: string): Promise<void> {
  const links = Array.from({ length: PAGES - 1 }, (_, i) => `<li><a href="/page-${i + 1}.html">Page ${i + 1}</a></li>`).join('\n');
  await writeFile(join(dir, 'index.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bench site</title></head><body><h1>Bench site</h1><ul>${links}</ul></body></html>\n`);
  for (let i = 1; i < PAGES; i += 1) {
    const photos = [PHOTOS[(2 * i) % PHOTOS.length], PHOTOS[(2 * i + 1) % PHOTOS.length]];
    const imgs = photos.map((p) => `<img src="/img/${p}?page=${i}" width="320" height="240">`).join('\n');
    await writeFile(join(dir, `page-${i}.html`), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Page ${i}</title></head><body><h1>Page ${i}</h1><p>Two photos.</p>\n${imgs}\n<p><a href="/index.html">Home</a></p></body></html>\n`);
  }
}

/** The last stdout line, as `npm run bench` reads it. */
export interface SiteThroughput {
  bench: 'site-throughput';
  pages: number;
  rounds: number;
  cores: number;
  figures: Array<{ contexts: number; pages_per_minute_median: number; seconds_median: number; ratio_to_first: number; runs: number }>;
  load1_median: number;
  load1_max: number;
}

interface Run { contexts: number; seconds: number; pages: number; pagesPerMinute: number; load1Before: number; load1After: number }

function audit(start: string, out: string, contexts: number): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const args = ['--import', 'tsx', 'scripts/audit-site.ts', start, '--max-depth', '1', '--max-pages', String(PAGES), '--rate', '1000', '--concurrency', String(contexts), '--out', out, '--no-build'];
    const child = spawn(process.execPath, args, { cwd: process.cwd(), stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => done({ code, stderr }));
  });
}

async function runOnce(start: string, contexts: number): Promise<Run> {
  const out = await mkdtemp(join(tmpdir(), 'glimpse-bench-site-'));
  try {
    const load1Before = loadavg()[0]!;
    const t0 = performance.now();
    const { code, stderr } = await audit(start, out, contexts);
    const seconds = (performance.now() - t0) / 1000;
    if (code !== 0) throw new Error(`audit:site --concurrency ${contexts} exited ${code}:\n${stderr.slice(-2000)}`);
    const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as SiteReport;
    const audited = report.pages.filter((p) => p.audit?.complete).length;
    if (audited !== PAGES) throw new Error(`--concurrency ${contexts}: ${audited} of ${PAGES} pages audited to the end`);
    return { contexts, seconds, pages: audited, pagesPerMinute: (audited / seconds) * 60, load1Before, load1After: loadavg()[0]! };
  } finally {
    await rm(out, { recursive: true, force: true });
  }
}

async function main(): Promise<void> {
  if (!values['no-build']) ensureBuilt();
  const siteDir = await mkdtemp(join(tmpdir(), 'glimpse-bench-site-pages-'));
  await writeSite(siteDir);
  const server = await serveStatic([siteDir, resolve('e2e/fixtures/pages')]);
  const runs: Run[] = [];
  try {
    for (let round = 1; round <= ROUNDS; round += 1) {
      // Alternating order, so a drift in the machine's load falls on every count alike.
      const order = round % 2 === 1 ? CONTEXTS : [...CONTEXTS].reverse();
      for (const k of order) {
        const run = await runOnce(`${server.origin}/index.html`, k);
        runs.push(run);
        console.error(`bench:site round ${round}: ${k} context(s): ${run.pages} pages in ${run.seconds.toFixed(1)} s = ${run.pagesPerMinute.toFixed(1)} pages/min (load ${run.load1Before.toFixed(2)} → ${run.load1After.toFixed(2)})`);
      }
    }
  } finally {
    await server.close();
    await rm(siteDir, { recursive: true, force: true });
  }
  const median = (k: number, f: (r: Run) => number) => percentile(runs.filter((r) => r.contexts === k).map(f), 0.5);
  const base = median(CONTEXTS[0]!, (r) => r.pagesPerMinute);
  const figures = CONTEXTS.map((k) => ({
    contexts: k,
    pages_per_minute_median: round(median(k, (r) => r.pagesPerMinute), 1),
    seconds_median: round(median(k, (r) => r.seconds), 1),
    ratio_to_first: round(median(k, (r) => r.pagesPerMinute) / base, 2),
    runs: runs.filter((r) => r.contexts === k).length,
  }));
  console.log(`audit:site throughput, ${PAGES}-page site, ${ROUNDS} alternating rounds, ${cpus().length} cores`);
  console.log('| contexts | pages/min (median) | s per run (median) | × vs ' + CONTEXTS[0] + ' |');
  console.log('| --- | --- | --- | --- |');
  for (const f of figures) console.log(`| ${f.contexts} | ${f.pages_per_minute_median} | ${f.seconds_median} | ${f.ratio_to_first} |`);
  const loads = runs.flatMap((r) => [r.load1Before, r.load1After]);
  console.log(`load average (1 min) around the runs: median ${percentile(loads, 0.5).toFixed(2)}, max ${Math.max(...loads).toFixed(2)}`);
  const line: SiteThroughput = { bench: 'site-throughput', pages: PAGES, rounds: ROUNDS, cores: cpus().length, figures, load1_median: round(percentile(loads, 0.5), 2), load1_max: round(Math.max(...loads), 2) };
  console.log(JSON.stringify(line));
}

main().catch((error: unknown) => {
  console.error(`bench:site: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
