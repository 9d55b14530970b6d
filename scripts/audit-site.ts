/**
 * `npm run audit:site -- <start-url | sitemap.xml | urls.txt> [--max-pages N] [--max-depth D] [--out DIR] [--fail-on missing,suspicious]`
 *
 * Crawls a site with Crawlee's PlaywrightCrawler in Debian's Chromium with
 * the built extension loaded (a persistent context, as `npm run audit` uses),
 * same-origin links only, and audits each page the way `npm run audit` does:
 * the extension's own tab audit, once the engine has answered. Writes
 * DIR/report.json, DIR/images.csv and DIR/index.html. Progress goes to stderr;
 * with --fail-on the exit code is 1 when an image of a named status is found.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
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
import { failingStatuses, parseStatuses, siteReport, siteRows, type SitePage, type SkippedLink } from './lib/site/site-report';
import { siteHtml } from './lib/site/site-html';
import { startUrls } from './lib/site/start-urls';
import { addThumbnails } from './lib/site/thumbnails';

/** A page whose content script answers with no image after this long has none: a crawl can't wait the full limit on each. */
const EMPTY_PAGE_MS = 3000;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    'max-pages': { type: 'string', default: '50' },
    'max-depth': { type: 'string', default: '3' },
    out: { type: 'string', default: 'site-audit' },
    'fail-on': { type: 'string', default: '' },
    timeout: { type: 'string', default: '180' },
    'no-build': { type: 'boolean', default: false },
    'no-thumbnails': { type: 'boolean', default: false },
  },
});

async function main(): Promise<number> {
  const target = positionals[0];
  if (!target) {
    console.error('usage: npm run audit:site -- <start-url | sitemap.xml | urls.txt> [--max-pages N] [--max-depth D] [--out DIR] [--fail-on missing,suspicious]');
    return 2;
  }
  const failOn = parseStatuses(values['fail-on']);
  const maxPages = Number(values['max-pages']);
  const maxDepth = Number(values['max-depth']);
  const timeoutMs = Number(values.timeout) * 1000;
  const start = await startUrls(target);
  if (start.length === 0) throw new Error(`no URLs in ${target}`);
  if (!values['no-build']) ensureBuilt();

  log.setLevel(log.LEVELS.WARNING);
  const pages: SitePage[] = [];
  const skipped: SkippedLink[] = [];
  const userDataDir = await mkdtemp(join(tmpdir(), 'glimpse-site-'));
  const crawler = new PlaywrightCrawler(
    {
      launchContext: {
        launcher: chromium,
        userDataDir,
        useIncognitoPages: false,
        launchOptions: { executablePath: CHROMIUM, headless: true, args: extensionArgs() },
      },
      browserPoolOptions: { useFingerprints: false },
      headless: true,
      maxConcurrency: 1,
      maxRequestsPerCrawl: maxPages,
      maxCrawlDepth: maxDepth,
      maxRequestRetries: 1,
      respectRobotsTxtFile: { userAgent: 'GlimpseAudit' },
      onSkippedRequest: ({ url, reason }) => void skipped.push({ url, reason }),
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
        await enqueueLinks({ strategy: 'same-origin' });
        const queue = await crawler.getRequestQueue();
        const info = await queue.getInfo();
        console.error(`audit:site: ${pages.length} pages done of ${info?.totalRequestCount ?? '?'} queued, ${pages.reduce((n, p) => n + (p.audit?.images.length ?? 0), 0)} images`);
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
    await rm(userDataDir, { recursive: true, force: true });
  }

  const report = siteReport(start, pages, skipped);
  if (!values['no-thumbnails']) await addThumbnails(report.needsWork);
  const dir = resolve(values.out);
  await mkdir(dir, { recursive: true });
  await writeFile(join(dir, 'report.json'), `${JSON.stringify(report, null, 2)}\n`);
  await writeFile(join(dir, 'images.csv'), toCsv(siteRows(pages), ['page', 'frameUrl', ...CSV_COLUMNS]));
  await writeFile(join(dir, 'index.html'), siteHtml(report));
  const t = report.totals;
  console.error(`audit:site: ${t.pages} pages (${t.pagesFailed} not audited), ${t.images.total} images (missing ${t.images.missing}, suspicious ${t.images.suspicious}); report in ${dir}`);
  const failing = failingStatuses(report, failOn);
  if (failing.length) {
    console.error(`audit:site: failing on ${failing.join(', ')}`);
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
