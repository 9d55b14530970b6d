/**
 * The site audit's Crawlee PlaywrightCrawler, one for every mode: Debian's
 * Chromium with the built extension loaded (a persistent context, as
 * `npm run audit` uses; with --concurrency K, K of them, each its own browser
 * and profile with one page at a time), same-origin links only, never a
 * sign-out or state-changing link, robots.txt obeyed, at most --rate
 * requests per second to a host, under a user agent naming Glimpse's audit.
 * Each page is audited the way `npm run audit` does: the extension's own tab
 * audit, once the engine has answered.
 *
 * Found links go to Crawlee's own request queue (one process), or, given a
 * `frontier`, to the shared one of `--queue` after the same filtering:
 * Crawlee's enqueueLinks applies --include/--exclude, the never-follow list,
 * same-origin, robots.txt and --max-depth, then hands what is left to the
 * frontier's `addRequestsBatched`.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { Configuration, log, PlaywrightCrawler, type Request, type RequestProvider } from '@crawlee/playwright';
import { auditLoadedPage } from '../collect-audit';
import { CHROMIUM, extensionArgs, extensionWorker } from '../launch-extension';
import type { CrawlScope } from './crawl-scope';
import type { HostPacer } from './host-pacer';
import { NEVER_FOLLOW_PATTERNS, refineSkipReason } from './never-follow';
import { AUDIT_USER_AGENT, ROBOTS_USER_AGENT } from './politeness';
import type { SiteArgs } from './site-args';
import type { SitePage, SkippedLink } from './site-report';

/** A page whose content script answers with no image after this long has none: a crawl can't wait the full limit on each. */
const EMPTY_PAGE_MS = 3000;

/** What Crawlee's enqueueLinks needs of a request queue: the one method it calls. */
export interface LinkFrontier {
  addRequestsBatched(requests: Request[], options?: { maxNewRequests?: number }): Promise<{ addedRequests: Array<{ uniqueKey: string; wasAlreadyPresent: boolean; wasAlreadyHandled: boolean }>; requestsOverLimit?: Request[] }>;
}

export interface SiteCrawlerOptions {
  args: SiteArgs;
  scope: CrawlScope;
  pacer: HostPacer;
  /** The shared frontier found links go to; without it, Crawlee's own queue (and Crawlee enforces --max-pages). */
  frontier?: LinkFrontier;
  /** Keep running with an empty queue, for requests added from outside (a queue worker's jobs). */
  keepAlive?: boolean;
  /** A page audited, or one that could not be (its `error` says why); called before the page's request is done. */
  onPage(page: SitePage, request: Request): Promise<void> | void;
  /** A link not followed, or a request not made (robots.txt, depth, page limit…), with the report's reason. */
  onSkipped(link: SkippedLink): Promise<void> | void;
}

export interface SiteCrawler {
  crawler: PlaywrightCrawler;
  /** Closes the browsers and removes their profiles. */
  close(): Promise<void>;
}

export function createSiteCrawler(options: SiteCrawlerOptions): SiteCrawler {
  const { args, scope, pacer, frontier } = options;
  log.setLevel(log.LEVELS.WARNING);
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
            console.error(`audit:site: browser ${profiles.length} launched with the extension (--concurrency ${args.concurrency})`);
          },
        ],
      },
      headless: true,
      // Exactly K: the autoscaled pool would otherwise start at one and judge the machine by its own load.
      minConcurrency: args.concurrency,
      maxConcurrency: args.concurrency,
      // With a shared frontier the page budget is the frontier's, over every worker.
      maxRequestsPerCrawl: frontier ? undefined : args.maxPages,
      maxCrawlDepth: args.maxDepth,
      maxRequestRetries: 1,
      keepAlive: options.keepAlive ?? false,
      // The per-host rate limit is the pacer's alone, around each navigation (Crawlee's own sameDomainDelaySecs
      // groups by registrable domain, lets IP addresses and localhost through, and would pace every page a second time).
      preNavigationHooks: [async ({ request }) => pacer.turn(request.url)],
      postNavigationHooks: [async ({ request }) => pacer.answered(request.url)],
      respectRobotsTxtFile: { userAgent: ROBOTS_USER_AGENT },
      onSkippedRequest: async ({ url, reason }) => options.onSkipped({ url, reason: refineSkipReason(url, reason, scope.origins) }),
      navigationTimeoutSecs: 60,
      requestHandlerTimeoutSecs: args.timeoutMs / 1000 + 120,
      async requestHandler({ page, request, response, enqueueLinks }) {
        if (response && !response.ok()) {
          // A broken link is part of the report, not a page to audit (Crawlee itself retries server errors).
          console.error(`audit:site: ${request.url} not audited: HTTP ${response.status()}`);
          await options.onPage({ url: request.url, depth: request.crawlDepth, audit: null, error: `HTTP ${response.status()}` }, request);
          return;
        }
        const worker = await extensionWorker(page.context());
        const audit = await auditLoadedPage(worker, page, args.timeoutMs, (line) => console.error(`audit:site ${request.url}: ${line.replace(/^audit: /, '')}`), { emptyAfterMs: EMPTY_PAGE_MS });
        // Crawlee's own patterns: the scope's globs, --exclude and the never-follow list as exclusions.
        await enqueueLinks({
          strategy: 'same-origin',
          globs: scope.include,
          exclude: [...args.exclude, ...NEVER_FOLLOW_PATTERNS],
          // enqueueLinks checks a queue for `addRequestsBatched` alone, the one method it calls.
          ...(frontier ? { requestQueue: frontier as unknown as RequestProvider } : {}),
        });
        await options.onPage({ url: request.loadedUrl ?? request.url, depth: request.crawlDepth, audit, error: null }, request);
      },
      async failedRequestHandler({ request }, error) {
        console.error(`audit:site: ${request.url} not audited: ${error.message}`);
        await options.onPage({ url: request.url, depth: request.crawlDepth, audit: null, error: error.message }, request);
      },
    },
    new Configuration({ persistStorage: false }),
  );
  return {
    crawler,
    async close() {
      await crawler.teardown();
      await Promise.all(profiles.map((dir) => rm(dir, { recursive: true, force: true })));
    },
  };
}
