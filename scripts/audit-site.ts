/**
 * `npm run audit:site -- <start-url | sitemap.xml | urls.txt> [--max-pages N] [--max-depth D] [--out DIR]
 *   [--include GLOB]… [--exclude GLOB]… [--baseline OLD_DIR] [--fail-on missing,suspicious] [--max-missing N] [--rate R]
 *   [--concurrency K] [--queue redis://HOST:PORT/N]`
 * `npm run audit:site -- --merge --queue redis://HOST:PORT/N [--out DIR] [--baseline OLD_DIR] [--fail-on …] [--max-missing N]`
 *
 * Crawls a site with Crawlee's PlaywrightCrawler in Debian's Chromium with
 * the built extension loaded (scripts/lib/site/site-crawler.ts) and audits
 * each page the way `npm run audit` does. Images are then fetched once per
 * URL and told apart by the sha256 of their bytes; DIR/report.json,
 * DIR/images.csv and DIR/index.html are written, compared with
 * OLD_DIR/report.json when --baseline is given. Pages are reported in crawl
 * order (depth, then URL), so K contexts, or several workers, write the
 * report one context does. Progress goes to stderr; the exit code is 1 when
 * --fail-on names a status found or the --max-missing budget is exceeded.
 *
 * With --queue, this process is one worker of a crawl shared on Redis
 * (scripts/lib/site/queue-worker.ts): start as many as wanted, on any
 * machines, then write the report once with --merge.
 */
import { crawlScope } from './lib/site/crawl-scope';
import { ensureBuilt } from './lib/ensure-built';
import { exitWhenFlushed } from './lib/write-out';
import { HostPacer } from './lib/site/host-pacer';
import { progressLine } from './lib/site/progress';
import { readQueueResults, runQueueWorker } from './lib/site/queue-worker';
import { parseSiteArgs, USAGE, type SiteArgs } from './lib/site/site-args';
import { createSiteCrawler } from './lib/site/site-crawler';
import type { SitePage, SkippedLink } from './lib/site/site-report';
import { readBaseline, writeSiteReport } from './lib/site/write-site-report';

async function crawlHere(args: SiteArgs, pacer: HostPacer): Promise<number> {
  const baseline = await readBaseline(args);
  const scope = await crawlScope(args.target!, args.include);
  if (args.build) ensureBuilt();
  const pages: SitePage[] = [];
  const skipped: SkippedLink[] = [...scope.skipped];
  const started = Date.now();
  const site = createSiteCrawler({
    args,
    scope,
    pacer,
    async onPage(page) {
      pages.push(page);
      const info = await (await site.crawler.getRequestQueue()).getInfo();
      const images = pages.reduce((n, p) => n + (p.audit?.images.length ?? 0), 0);
      console.error(`audit:site: ${progressLine({ done: pages.length, queued: info?.totalRequestCount ?? pages.length, images, elapsedMs: Date.now() - started })}`);
    },
    onSkipped: (link) => void skipped.push(link),
  });
  try {
    await site.crawler.run(scope.start);
  } finally {
    await site.close();
  }
  return writeSiteReport({ start: scope.start, pages, skipped }, args, pacer, baseline);
}

async function main(): Promise<number> {
  const args = parseSiteArgs(process.argv.slice(2));
  if (!args) {
    console.error(USAGE);
    return 2;
  }
  const pacer = new HostPacer(args.rate);
  if (args.merge) {
    const baseline = await readBaseline(args);
    return writeSiteReport(await readQueueResults(args.queue!), args, pacer, baseline);
  }
  if (args.queue) {
    const scope = await crawlScope(args.target!, args.include);
    if (args.build) ensureBuilt();
    return runQueueWorker(args, scope, pacer);
  }
  return crawlHere(args, pacer);
}

main().then(
  (code) => exitWhenFlushed(code),
  async (error: unknown) => {
    console.error(`audit:site: ${error instanceof Error ? error.message : String(error)}`);
    await exitWhenFlushed(2);
  },
);
