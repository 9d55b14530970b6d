/** The shared frontier on a real redis-server (Debian's, on a free loopback port): admission, the page budget, draining, results. */
import { setTimeout as sleep } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Request } from '@crawlee/playwright';
import { startRedis, type RedisServer } from '../redis-server';
import { SharedFrontier, type RunRecord } from './shared-frontier';

let redis: RedisServer | null = null;
beforeAll(async () => {
  redis = await startRedis();
});
afterAll(async () => redis?.stop());

const link = (url: string, depth: number) => ({ url, uniqueKey: url, crawlDepth: depth }) as Request;
const record: RunRecord = { start: ['http://site.test/'], skipped: [{ url: 'http://site.test/logout', reason: 'neverFollow' }], limits: { maxPages: 3, maxDepth: 2, include: [], exclude: [] } };

describe('SharedFrontier', () => {
  it('queues each page once whichever worker finds it, holds --max-pages over all, and gives the results once drained', async () => {
    const [a, b] = await Promise.all([SharedFrontier.open(redis!.url), SharedFrontier.open(redis!.url)]);
    try {
      await a.joinRun(record);
      await b.joinRun(record);
      await expect(b.joinRun({ ...record, limits: { ...record.limits, maxDepth: 1 } })).rejects.toThrow(/holds another crawl .* --max-depth 2/);
      // Both workers queue the start page: once.
      expect(await a.seed([{ url: 'http://site.test/', uniqueKey: 'http://site.test/' }])).toEqual([]);
      expect(await b.seed([{ url: 'http://site.test/', uniqueKey: 'http://site.test/' }])).toEqual([]);
      expect(await a.unfinished()).toBe(1);

      const found = await b.addRequestsBatched([link('http://site.test/a', 1), link('http://site.test/', 1), link('http://site.test/b', 1), link('http://site.test/c', 1)]);
      expect(found.addedRequests.map((r) => [r.uniqueKey, r.wasAlreadyPresent])).toEqual([['http://site.test/a', false], ['http://site.test/', true], ['http://site.test/b', false]]);
      expect(found.requestsOverLimit.map((r) => r.url)).toEqual(['http://site.test/c']);
      expect(await a.progress()).toEqual({ done: 0, queued: 3 });
      await expect(a.results()).rejects.toThrow(/3 pages still queued or being audited/);

      const seen: string[] = [];
      const worker = a.worker(async (job) => {
        seen.push(job.data.url);
        return { url: job.data.url, depth: job.data.depth, audit: null, error: 'HTTP 404' };
      }, 2);
      while ((await b.unfinished()) > 0) await sleep(50);
      await worker.close();
      expect(seen.sort()).toEqual(['http://site.test/', 'http://site.test/a', 'http://site.test/b']);
      await b.recordSkipped({ url: 'http://site.test/c', reason: 'enqueueLimit' });

      const results = await b.results();
      expect(results.start).toEqual(record.start);
      expect(results.pages.map((p) => [p.url, p.depth]).sort()).toEqual([['http://site.test/', 0], ['http://site.test/a', 1], ['http://site.test/b', 1]]);
      expect(results.skipped).toEqual([...record.skipped, { url: 'http://site.test/c', reason: 'enqueueLimit' }]);
      expect(await a.progress()).toEqual({ done: 3, queued: 3 });
      // A worker joining late queues the start page again: a job id already done, so nothing is queued.
      expect(await b.seed([{ url: 'http://site.test/', uniqueKey: 'http://site.test/' }])).toEqual([]);
      expect(await b.unfinished()).toBe(0);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });

  it('says which Redis it cannot reach', async () => {
    await expect(SharedFrontier.open('redis://127.0.0.1:1/0')).rejects.toThrow(/--queue: cannot reach Redis at redis:\/\/127\.0\.0\.1:1\/0: connect ECONNREFUSED/);
  });
});
