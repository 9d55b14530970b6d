/**
 * One worker of `npm run audit:site -- START --queue redis://HOST:PORT/N`.
 * It records the run (or checks it is the one recorded), queues the start
 * URLs (every worker does; the job ids make it once), then takes page jobs
 * from the shared BullMQ queue and hands each to the same Crawlee crawler a
 * single-process audit uses, kept alive between jobs so that its browsers and
 * engines serve page after page. The page's audit is the job's return value;
 * the links the crawler keeps go back to the shared frontier. It exits once
 * no job is waiting or being audited by any worker: a page's links are
 * queued before its job completes, so that state, once seen, is final.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { Request } from '@crawlee/playwright';
import type { CrawlScope } from './crawl-scope';
import type { HostPacer } from './host-pacer';
import { progressLine } from './progress';
import { SharedFrontier, type PageResult } from './shared-frontier';
import type { SiteArgs } from './site-args';
import { createSiteCrawler } from './site-crawler';

/** How often an idle worker looks whether the other workers are done. */
const DRAIN_POLL_MS = 500;

export async function runQueueWorker(args: SiteArgs, scope: CrawlScope, pacer: HostPacer): Promise<number> {
  const frontier = await SharedFrontier.open(args.queue!);
  // A job in this process: resolved with the page's result when the crawler is done with it.
  const pending = new Map<string, { url: string; done: (result: PageResult) => void }>();
  let audited = 0;
  let images = 0;
  const started = Date.now();
  const site = createSiteCrawler({
    args,
    scope,
    pacer,
    frontier,
    keepAlive: true,
    async onPage(page, request) {
      audited += 1;
      images += page.audit?.images.length ?? 0;
      const { done, queued } = await frontier.progress();
      console.error(`audit:site: ${progressLine({ done: done + 1, queued, images, elapsedMs: Date.now() - started })} (this worker: ${audited} pages)`);
      pending.get(request.uniqueKey)?.done(page);
    },
    async onSkipped(link) {
      await frontier.recordSkipped(link);
      // The job's own URL disallowed by robots.txt: Crawlee never opens it.
      if (link.reason === 'robotsTxt') for (const job of pending.values()) if (job.url === link.url) job.done(null);
    },
  });
  let worker: ReturnType<SharedFrontier['worker']> | null = null;
  const crawling = site.crawler.run();
  try {
    await frontier.joinRun({ start: scope.start, skipped: scope.skipped, limits: args });
    const over = await frontier.seed(scope.start.map((url) => ({ url, uniqueKey: new Request({ url }).uniqueKey })));
    for (const url of over) await frontier.recordSkipped({ url, reason: 'limit' });
    worker = frontier.worker(async (job) => {
      // A key of this attempt's own: Crawlee's local queue would take a retried job for one already handled.
      const key = `${job.id}#${job.attemptsStarted}`;
      const result = new Promise<PageResult>((done) => pending.set(key, { url: job.data.url, done }));
      try {
        await site.crawler.addRequests([{ url: job.data.url, uniqueKey: key, crawlDepth: job.data.depth }]);
        return await result;
      } finally {
        pending.delete(key);
      }
    }, args.concurrency);
    worker.on('error', (error) => console.error(`audit:site: queue: ${error.message}`));
    while ((await frontier.unfinished()) > 0) await sleep(DRAIN_POLL_MS);
    console.error(`audit:site: the queue at ${args.queue} is drained; this worker audited ${audited} pages (merge with npm run audit:site -- --merge --queue ${args.queue})`);
    return 0;
  } finally {
    await worker?.close();
    site.crawler.stop();
    await crawling.catch(() => {});
    await site.close();
    await frontier.close();
  }
}

/** `--merge --queue`: every worker's results, for the one report. */
export async function readQueueResults(queue: string): Promise<Awaited<ReturnType<SharedFrontier['results']>>> {
  const frontier = await SharedFrontier.open(queue);
  try {
    return await frontier.results();
  } finally {
    await frontier.close();
  }
}
