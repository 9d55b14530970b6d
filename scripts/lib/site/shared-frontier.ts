/**
 * The crawl frontier and result store `--queue redis://HOST:PORT/N` shares
 * between worker processes, on any machines: a BullMQ queue of page jobs on
 * that Redis database. A page job's id is its normalised URL (Crawlee's
 * uniqueKey, URI-encoded: BullMQ ids can't hold a colon), so a page is
 * queued once whoever finds it; its return value is the page's audit. Beside
 * the queue, three keys of our own: the run (start URLs and the limits every
 * worker must share), the links not followed, and the set of URLs admitted,
 * which holds --max-pages over all workers (BullMQ has no budget).
 *
 * Written by hand: the admission script, a few lines of Lua, so that "seen
 * before?", "room left?" and "admit" are one step however many workers ask.
 */
import { Queue, Worker, type Job } from 'bullmq';
import { Redis } from 'ioredis';
import type { Request } from '@crawlee/playwright';
import type { CrawlLimits } from './site-args';
import type { LinkFrontier } from './site-crawler';
import type { SitePage, SkippedLink } from './site-report';
import type { CrawlResult } from './write-site-report';

const QUEUE = 'site-audit';
const PREFIX = 'glimpse';
/** Our keys, outside BullMQ's `glimpse:site-audit:*`. */
const KEYS = { run: 'glimpse-site:run', seen: 'glimpse-site:seen', skipped: 'glimpse-site:skipped' };
/** Job states that mean the frontier is not drained yet. */
const UNFINISHED = ['waiting', 'active', 'delayed', 'prioritized', 'waiting-children'] as const;

/** Per URL: 0 seen before, 1 admitted, 2 no room left under the page budget ARGV[1]. */
const ADMIT_LUA = `
local out = {}
for i = 2, #ARGV do
  if redis.call('SISMEMBER', KEYS[1], ARGV[i]) == 1 then out[#out + 1] = 0
  elseif redis.call('SCARD', KEYS[1]) >= tonumber(ARGV[1]) then out[#out + 1] = 2
  else redis.call('SADD', KEYS[1], ARGV[i]); out[#out + 1] = 1 end
end
return out`;

export interface PageJob {
  url: string;
  uniqueKey: string;
  depth: number;
}

/** What every worker of one crawl shares, written by the first. */
export interface RunRecord {
  start: string[];
  /** Start URLs never followed. */
  skipped: SkippedLink[];
  limits: CrawlLimits;
}

/** A page job's result: the page, or null when robots.txt kept the crawl from it. */
export type PageResult = SitePage | null;

type AdmittingRedis = Redis & { glimpseAdmit(key: string, max: number, ...members: string[]): Promise<number[]> };

export function pageJobId(uniqueKey: string): string {
  return encodeURIComponent(uniqueKey);
}

/** Connects, or fails at once with a message naming the URL (ioredis would otherwise retry for ever). */
async function connect(url: string): Promise<AdmittingRedis> {
  const probe = new Redis(url, { lazyConnect: true, connectTimeout: 5000, maxRetriesPerRequest: 0, retryStrategy: () => null });
  // The socket's own error (ECONNREFUSED…) says more than the rejected connect ("Connection is closed").
  let socketError: Error | null = null;
  probe.on('error', (error: Error) => void (socketError ??= error));
  try {
    await probe.connect();
    await probe.ping();
  } catch (error) {
    probe.disconnect();
    const why = (socketError as Error | null)?.message ?? (error instanceof Error ? error.message : String(error));
    throw new Error(`--queue: cannot reach Redis at ${url}: ${why}`, { cause: error });
  }
  probe.disconnect();
  // BullMQ's workers block on their connection: no limit on retries per command.
  const redis = new Redis(url, { maxRetriesPerRequest: null }) as AdmittingRedis;
  redis.defineCommand('glimpseAdmit', { numberOfKeys: 1, lua: ADMIT_LUA });
  return redis;
}

const sameLimits = (a: CrawlLimits, b: CrawlLimits): boolean =>
  a.maxPages === b.maxPages && a.maxDepth === b.maxDepth && JSON.stringify(a.include) === JSON.stringify(b.include) && JSON.stringify(a.exclude) === JSON.stringify(b.exclude);

export class SharedFrontier implements LinkFrontier {
  private constructor(private readonly redis: AdmittingRedis, readonly queue: Queue<PageJob, PageResult>, readonly url: string) {}

  static async open(url: string): Promise<SharedFrontier> {
    const redis = await connect(url);
    return new SharedFrontier(redis, new Queue<PageJob, PageResult>(QUEUE, { connection: redis, prefix: PREFIX }), url);
  }

  /** The run's record: written by the first worker; a later one must crawl the same start URLs under the same limits. */
  async joinRun(record: RunRecord): Promise<void> {
    await this.redis.set(KEYS.run, JSON.stringify(record), 'NX');
    const run = await this.run();
    if (!run) throw new Error(`--queue ${this.url}: the run's record vanished`);
    if (JSON.stringify(run.start) !== JSON.stringify(record.start) || !sameLimits(run.limits, record.limits)) {
      throw new Error(`--queue ${this.url} holds another crawl (start ${run.start.join(' ')}, --max-pages ${run.limits.maxPages}, --max-depth ${run.limits.maxDepth}, --include ${run.limits.include.join(' ') || '-'}, --exclude ${run.limits.exclude.join(' ') || '-'}): give the same, or use another database (redis://HOST:PORT/N) for a new crawl`);
    }
  }

  async run(): Promise<RunRecord | null> {
    const text = await this.redis.get(KEYS.run);
    return text === null ? null : (JSON.parse(text) as RunRecord);
  }

  /** Admits what is new while the page budget lasts, and queues it; says per request what became of it. */
  private async admit(requests: ReadonlyArray<Pick<Request, 'url' | 'uniqueKey' | 'crawlDepth'>>, queueSeen = false): Promise<number[]> {
    if (requests.length === 0) return [];
    const run = await this.run();
    if (!run) throw new Error(`--queue ${this.url}: no run recorded`);
    const verdicts = await this.redis.glimpseAdmit(KEYS.seen, run.limits.maxPages, ...requests.map((r) => r.uniqueKey));
    const admitted = requests.filter((_, i) => verdicts[i] === 1 || (queueSeen && verdicts[i] === 0));
    // Kept once done: the return values are the results, and a kept id keeps a page from being queued twice.
    await this.queue.addBulk(admitted.map((r) => ({ name: 'page', data: { url: r.url, uniqueKey: r.uniqueKey, depth: r.crawlDepth }, opts: { jobId: pageJobId(r.uniqueKey), attempts: 1, removeOnComplete: false, removeOnFail: false } })));
    return verdicts;
  }

  /** Crawlee's enqueueLinks hands the links it kept here; those over the page budget come back as over the limit. */
  async addRequestsBatched(requests: Request[]): Promise<{ addedRequests: Array<{ uniqueKey: string; wasAlreadyPresent: boolean; wasAlreadyHandled: boolean }>; requestsOverLimit: Request[] }> {
    const list = [...requests];
    const verdicts = await this.admit(list);
    return {
      addedRequests: list.flatMap((r, i) => (verdicts[i] === 2 ? [] : [{ uniqueKey: r.uniqueKey, wasAlreadyPresent: verdicts[i] === 0, wasAlreadyHandled: false }])),
      requestsOverLimit: list.filter((_, i) => verdicts[i] === 2),
    };
  }

  /**
   * Queues the start URLs at depth 0 (again from every worker: the job ids make it once); returns those over --max-pages.
   * A start URL another worker admitted is queued here too, so that no worker can find the frontier empty between
   * another's admission and its queueing.
   */
  async seed(start: ReadonlyArray<{ url: string; uniqueKey: string }>): Promise<string[]> {
    const verdicts = await this.admit(start.map((s) => ({ ...s, crawlDepth: 0 })), true);
    return start.filter((_, i) => verdicts[i] === 2).map((s) => s.url);
  }

  async recordSkipped(link: SkippedLink): Promise<void> {
    await this.redis.rpush(KEYS.skipped, JSON.stringify(link));
  }

  /** Jobs not finished yet. A page's links are queued before its job completes, so once this is 0 it stays 0. */
  async unfinished(): Promise<number> {
    const counts = await this.queue.getJobCounts(...UNFINISHED);
    return UNFINISHED.reduce((n, state) => n + (counts[state] ?? 0), 0);
  }

  /** Pages done (over every worker) and admitted, for the progress line. */
  async progress(): Promise<{ done: number; queued: number }> {
    const [counts, queued] = await Promise.all([this.queue.getJobCounts('completed', 'failed'), this.redis.scard(KEYS.seen)]);
    return { done: (counts.completed ?? 0) + (counts.failed ?? 0), queued };
  }

  worker(process: (job: Job<PageJob, PageResult>) => Promise<PageResult>, concurrency: number): Worker<PageJob, PageResult> {
    // A page job may take minutes (engine start, a slow page): BullMQ renews the lock while it runs.
    return new Worker<PageJob, PageResult>(QUEUE, process, { connection: this.redis, prefix: PREFIX, concurrency, lockDuration: 60_000 });
  }

  /** Everything the workers stored, for the one report; an error when pages are still queued or in progress. */
  async results(): Promise<CrawlResult> {
    const run = await this.run();
    if (!run) throw new Error(`--queue ${this.url}: no crawl recorded in this database (start workers with --queue first)`);
    const unfinished = await this.unfinished();
    if (unfinished > 0) throw new Error(`--queue ${this.url}: ${unfinished} pages still queued or being audited; merge once the workers have exited`);
    const pages: SitePage[] = [];
    for (const job of await this.queue.getJobs(['completed'], 0, -1)) if (job.returnvalue) pages.push(job.returnvalue);
    // A job fails only when its worker broke down (Crawlee reports a page that fails to load as a page with an error).
    for (const job of await this.queue.getJobs(['failed'], 0, -1)) pages.push({ url: job.data.url, depth: job.data.depth, audit: null, error: job.failedReason || 'the worker failed' });
    const links = (await this.redis.lrange(KEYS.skipped, 0, -1)).map((line) => JSON.parse(line) as SkippedLink);
    return { start: run.start, pages, skipped: [...run.skipped, ...links] };
  }

  async close(): Promise<void> {
    await this.queue.close();
    this.redis.disconnect();
  }
}
