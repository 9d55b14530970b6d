/**
 * `npm run audit:site -- --queue` against Debian's redis-server, started here
 * on a free loopback port: two worker processes, each with its own Chromium
 * and the built extension, crawl the site-audit fixture site from one shared
 * BullMQ frontier; `--merge` then writes the one report. It must be the
 * report one process writes (timings aside), with every page audited by
 * exactly one of the workers, although both queued the start page. A worker
 * started once the frontier is drained exits at once, auditing nothing.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { startRedis, type RedisServer } from '../../../scripts/lib/redis-server';
import { serveFixtures } from '../../support/static-server';
import { readReport, runSiteAudit, withoutTimings } from './run-site-audit';

const here = dirname(fileURLToPath(import.meta.url));
const server = serveFixtures([join(here, 'site'), 'e2e/fixtures/pages']);
let redis: RedisServer | null = null;
test.beforeAll(async () => {
  redis = await startRedis();
});
test.afterAll(async () => redis?.stop());

const auditedBy = (stderr: string): number => Number(stderr.match(/this worker audited (\d+) pages/)?.[1] ?? NaN);

test('two audit:site workers on one Redis queue, merged, write the report one process writes', async () => {
  test.setTimeout(240_000);
  const home = `${server.origin}/index.html`;
  const queue = redis!.url;
  const [single, merged] = await Promise.all([mkdtemp(join(tmpdir(), 'glimpse-site-one-')), mkdtemp(join(tmpdir(), 'glimpse-site-merged-'))]);

  const one = await runSiteAudit([home, '--max-depth', '1', '--out', single, '--no-build']);
  expect(one.code, one.stderr).toBe(0);

  const workers = await Promise.all([1, 2].map(() => runSiteAudit([home, '--max-depth', '1', '--queue', queue, '--no-build'])));
  for (const w of workers) expect(w.code, w.stderr).toBe(0);
  for (const w of workers) expect(w.stderr).toContain(`the queue at ${queue} is drained`);

  const late = await runSiteAudit([home, '--max-depth', '1', '--queue', queue, '--no-build']);
  expect(late.code, late.stderr).toBe(0);
  expect(auditedBy(late.stderr)).toBe(0);
  // Another crawl on the same database is refused, not mixed in.
  const other = await runSiteAudit([home, '--max-depth', '2', '--queue', queue, '--no-build']);
  expect(other.code).toBe(2);
  expect(other.stderr).toContain('holds another crawl');

  const merge = await runSiteAudit(['--merge', '--queue', queue, '--out', merged, '--fail-on', 'missing']);
  expect(merge.code, merge.stderr).toBe(1);
  expect(merge.stderr).toContain('failing on missing found (--fail-on)');

  const [expected, actual] = await Promise.all([readReport(single), readReport(merged)]);
  expect(expected.pages.length).toBeGreaterThanOrEqual(4);
  expect(expected.skipped.length).toBeGreaterThanOrEqual(4);
  expect(expected.images.length).toBeGreaterThanOrEqual(3);
  expect(withoutTimings(actual)).toEqual(withoutTimings(expected));
  expect(await readFile(join(merged, 'images.csv'), 'utf8')).toBe(await readFile(join(single, 'images.csv'), 'utf8'));
  // Every page once, over both workers (pages that failed to load count as audited too).
  expect(workers.map((w) => auditedBy(w.stderr)).reduce((a, b) => a + b)).toBe(expected.pages.length);
  console.log(`pages audited per worker: ${workers.map((w) => auditedBy(w.stderr)).join(' + ')}`);
});
