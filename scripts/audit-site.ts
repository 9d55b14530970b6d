/**
 * `npm run audit:site -- <start-url | sitemap.xml | urls.txt> [--max-pages N] [--max-depth D] [--out DIR]
 *   [--include GLOB]… [--exclude GLOB]… [--baseline OLD_DIR] [--fail-on missing,suspicious] [--max-missing N] [--rate R]
 *   [--concurrency K]`
 *
 * Crawls a site with Crawlee's PlaywrightCrawler in Debian's Chromium with
 * the built extension loaded (a persistent context, as `npm run audit` uses;
 * with --concurrency K, K of them, each its own browser and profile with one
 * page at a time), same-origin links only, never a sign-out or state-changing link, at most R
 * requests per second to a host, under a user agent naming Glimpse's audit,
 * and audits each page the way `npm run audit` does: the extension's own tab
 * audit, once the engine has answered. Images are then fetched once per URL
 * and told apart by the sha256 of their bytes. Writes DIR/report.json,
 * DIR/images.csv and DIR/index.html, compared with OLD_DIR/report.json when
 * --baseline is given. Pages are reported in crawl order (depth, then URL),
 * so K contexts write the report one context does. Progress goes to stderr; the exit code is 1 when
 * --fail-on names a status found or the --max-missing budget is exceeded.
 */
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';
import { Configuration, log, PlaywrightCrawler } from '@crawlee/playwright';
import { CSV_COLUMNS, toCsv } from '../src/shared/audit';
import { auditLoadedPage } from './lib/collect-audit';
import { ensureBuilt } from './lib/ensure-built';
import { CHROMIUM, extensionArgs, extensionWorker } from './lib/launch-extension';
import { exitWhenFlushed } from './lib/write-out';
import { checkBaseline, compareRuns } from './lib/site/compare-runs';
import { fetchable, fetchContents } from './lib/site/content-hash';
import { HostPacer } from './lib/site/host-pacer';
import { NEVER_FOLLOW_PATTERNS, neverFollowReason, refineSkipReason } from './lib/site/never-follow';
import { AUDIT_USER_AGENT, ROBOTS_USER_AGENT } from './lib/site/politeness';
import { progressLine } from './lib/site/progress';
import { crawlOrder, gateFailures, NEEDS_WORK, parseStatuses, siteReport, siteRows, type SitePage, type SkippedLink } from './lib/site/site-report';
import { siteHtml } from './lib/site/site-html';
import { startUrls } from './lib/site/start-urls';

/** A page whose content script answers with no image after this long has none: a crawl can't wait the full limit on each. */
const EMPTY_PAGE_MS = 3000;

const USAGE = 'usage: npm run audit:site -- <start-url | sitemap.xml | urls.txt> [--max-pages N] [--max-depth D] [--out DIR] [--include GLOB]… [--exclude GLOB]… [--baseline OLD_DIR] [--fail-on missing,suspicious] [--max-missing N] [--rate R] [--concurrency K]';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'max-pages': { type: 'string', default: '50' },
    'max-depth': { type: 'string', default: '3' },
    out: { type: 'string', default: 'site-audit' },
    include: { type: 'string', multiple: true, default: [] },
    exclude: { type: 'string', multiple: true, default: [] },
    baseline: { type: 'string' },
    'fail-on': { type: 'string', default: '' },
    'max-missing': { type: 'string' },
    rate: { type: 'string', default: '2' },
    concurrency: { type: 'string', default: '1' },
    timeout: { type: 'string', default: '180' },
    'no-build': { type: 'boolean', default: false },
    'no-thumbnails': { type: 'boolean', default: false },
  },
});

function count(name: string, text: string | undefined): number | null {
  if (text === undefined) return null;
  const n = Number(text);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name}: not a number ≥ 0: "${text}"`);
  return n;
}

async function main(): Promise<number> {
  const target = positionals[0];
  if (!target) {
    console.error(USAGE);
    return 2;
  }
  const failOn = parseStatuses(values['fail-on']);
  const maxMissing = count('max-missing', values['max-missing']);
  const maxPages = Number(values['max-pages']);
  const maxDepth = Number(values['max-depth']);
  const rate = count('rate', values.rate)!;
  const concurrency = count('concurrency', values.concurrency)!;
  if (!Number.isInteger(concurrency) || concurrency < 1) throw new Error(`--concurrency: a whole number ≥ 1, not "${values.concurrency}"`);
  const pacer = new HostPacer(rate);
  const timeoutMs = Number(values.timeout) * 1000;
  const baselineDir = values.baseline ? resolve(values.baseline) : null;
  const baseline = baselineDir ? checkBaseline(JSON.parse(await readFile(join(baselineDir, 'report.json'), 'utf8')), baselineDir) : null;
  const skipped: SkippedLink[] = [];
  const listed = await startUrls(target);
  // A sitemap or URL list may name a sign-out link too.
  const start = listed.filter((url) => neverFollowReason(url) === null);
  for (const url of listed) if (!start.includes(url)) skipped.push({ url, reason: 'neverFollow' });
  if (start.length === 0) throw new Error(`no URLs to crawl in ${target}`);
  const origins = new Set(start.map((u) => new URL(u).origin));
  const include = values.include.length ? values.include : [...origins].map((o) => `${o}/**`);
  if (!values['no-build']) ensureBuilt();

  log.setLevel(log.LEVELS.WARNING);
  const pages: SitePage[] = [];
  const started = Date.now();
  // Each browser Crawlee launches gets a profile of its own (one profile can't serve two browsers); removed at the end.
  const profiles: string[] = [];
  const crawler = new PlaywrightCrawler(
    {
      launchContext: {
        launcher: chromium,
        useIncognitoPages: false,
        userAgent: AUDIT_USER_AGENT,
        launchOptions: { executablePath: CHROMIUM, headless: true, args: extensionArgs() },
      },
      browserPoolOptions: {
        useFingerprints: false,
        // One page per browser: K contexts, each with the extension and its engine, each reused for page after page.
        maxOpenPagesPerBrowser: 1,
        preLaunchHooks: [
          async (_pageId, launchContext) => {
            const dir = await mkdtemp(join(tmpdir(), 'glimpse-site-'));
            profiles.push(dir);
            launchContext.userDataDir = dir;
            console.error(`audit:site: browser ${profiles.length} launched with the extension (--concurrency ${concurrency})`);
          },
        ],
      },
      headless: true,
      // Exactly K: the autoscaled pool would otherwise start at one and judge the machine by its own load.
      minConcurrency: concurrency,
      maxConcurrency: concurrency,
      maxRequestsPerCrawl: maxPages,
      maxCrawlDepth: maxDepth,
      maxRequestRetries: 1,
      // The per-host rate limit: Crawlee's delay between two requests to one registrable domain, and the
      // pacer's per host around each navigation (Crawlee lets IP addresses and localhost through unpaced).
      sameDomainDelaySecs: 1 / rate,
      preNavigationHooks: [async ({ request }) => pacer.turn(request.url)],
      postNavigationHooks: [async ({ request }) => pacer.answered(request.url)],
      respectRobotsTxtFile: { userAgent: ROBOTS_USER_AGENT },
      onSkippedRequest: ({ url, reason }) => void skipped.push({ url, reason: refineSkipReason(url, reason, origins) }),
      navigationTimeoutSecs: 60,
      requestHandlerTimeoutSecs: timeoutMs / 1000 + 120,
      async requestHandler({ page, request, response, enqueueLinks }) {
        if (response && !response.ok()) {
          // A broken link is part of the report, not a page to audit (Crawlee itself retries server errors).
          pages.push({ url: request.url, depth: request.crawlDepth, audit: null, error: `HTTP ${response.status()}` });
          console.error(`audit:site: ${request.url} not audited: HTTP ${response.status()}`);
          return;
        }
        const worker = await extensionWorker(page.context());
        const audit = await auditLoadedPage(worker, page, timeoutMs, (line) => console.error(`audit:site ${request.url}: ${line.replace(/^audit: /, '')}`), { emptyAfterMs: EMPTY_PAGE_MS });
        pages.push({ url: request.loadedUrl ?? request.url, depth: request.crawlDepth, audit, error: null });
        // Crawlee's own patterns: --include as globs (else the start origins', so that Crawlee reports the links it drops),
        // --exclude and the never-follow list as exclusions.
        await enqueueLinks({ strategy: 'same-origin', globs: include, exclude: [...values.exclude, ...NEVER_FOLLOW_PATTERNS] });
        const info = await (await crawler.getRequestQueue()).getInfo();
        const images = pages.reduce((n, p) => n + (p.audit?.images.length ?? 0), 0);
        console.error(`audit:site: ${progressLine({ done: pages.length, queued: info?.totalRequestCount ?? pages.length, images, elapsedMs: Date.now() - started })}`);
      },
      failedRequestHandler({ request }, error) {
        pages.push({ url: request.url, depth: request.crawlDepth, audit: null, error: error.message });
        console.error(`audit:site: ${request.url} not audited: ${error.message}`);
      },
    },
    new Configuration({ persistStorage: false }),
  );
  try {
    await crawler.run(start);
  } finally {
    await crawler.teardown();
    await Promise.all(profiles.map((dir) => rm(dir, { recursive: true, force: true })));
  }

  const rows = pages.flatMap((p) => p.audit?.images ?? []);
  const srcs = rows.map((r) => r.src).filter(fetchable);
  console.error(`audit:site: fetching ${new Set(srcs).size} image URLs to tell images apart by content`);
  const contents = await fetchContents(srcs, {
    userAgent: AUDIT_USER_AGENT,
    pacer,
    thumbnails: new Set(values['no-thumbnails'] ? [] : rows.filter((r) => NEEDS_WORK.includes(r.status)).map((r) => r.src).filter(fetchable)),
  });
  const report = siteReport(start, crawlOrder(pages), skipped, contents);
  if (baseline && baselineDir) report.comparison = compareRuns(baseline, report, baselineDir);
  const dir = resolve(values.out);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(dir, 'images.csv'), toCsv(siteRows(report, contents), ['page', 'frameUrl', ...CSV_COLUMNS, 'imageKey', 'change']));
  await writeFile(join(dir, 'index.html'), siteHtml(report));
  const t = report.totals;
  console.error(`audit:site: ${t.pages} pages (${t.pagesFailed} not audited), ${t.images.total} images (missing ${t.images.missing}, suspicious ${t.images.suspicious}), ${t.distinctImages} distinct; report in ${dir}`);
  if (report.comparison) {
    const c = report.comparison;
    console.error(`audit:site: since the baseline: images ${c.images.new.length} new, ${c.images.fixed.length} fixed, ${c.images['still-failing'].length} still failing, ${c.images.regressed.length} regressed, ${c.images.removed.length} removed`);
  }
  const failures = gateFailures(report, failOn, maxMissing);
  if (failures.length) {
    console.error(`audit:site: failing on ${failures.join('; ')}`);
    return 1;
  }
  return 0;
}

main().then(
  (code) => exitWhenFlushed(code),
  async (error: unknown) => {
    console.error(`audit:site: ${error instanceof Error ? error.message : String(error)}`);
    await exitWhenFlushed(2);
  },
);
