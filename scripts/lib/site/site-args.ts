/**
 * The command line of `npm run audit:site`, checked once for every mode: one
 * process, a worker on a shared Redis queue (`--queue`), and the merge of a
 * queue's results into one report (`--merge --queue`).
 */
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { ImageStatus } from '../../../src/shared/image-status';
import { parseStatuses } from './site-report';

export const USAGE = [
  'usage: npm run audit:site -- <start-url | sitemap.xml | urls.txt> [--max-pages N] [--max-depth D] [--out DIR] [--include GLOB]… [--exclude GLOB]…',
  '         [--baseline OLD_DIR] [--fail-on missing,suspicious] [--max-missing N] [--rate R] [--concurrency K] [--queue redis://HOST:PORT/N]',
  '       npm run audit:site -- --merge --queue redis://HOST:PORT/N [--out DIR] [--baseline OLD_DIR] [--fail-on …] [--max-missing N]',
].join('\n');

/** What bounds the crawl: every worker on one queue must agree on it. */
export interface CrawlLimits {
  maxPages: number;
  maxDepth: number;
  include: string[];
  exclude: string[];
}

export interface SiteArgs extends CrawlLimits {
  /** The start URL, sitemap or URL list; null with --merge. */
  target: string | null;
  out: string;
  baselineDir: string | null;
  failOn: ImageStatus[];
  maxMissing: number | null;
  rate: number;
  concurrency: number;
  timeoutMs: number;
  build: boolean;
  thumbnails: boolean;
  /** `redis://HOST:PORT/N` of the shared frontier and result store, or null for a crawl in this process alone. */
  queue: string | null;
  merge: boolean;
}

function count(name: string, text: string | undefined): number | null {
  if (text === undefined) return null;
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || n < 0) throw new Error(`--${name}: not a number ≥ 0: "${text}"`);
  return n;
}

function whole(name: string, text: string, least: number): number {
  const n = count(name, text)!;
  if (!Number.isInteger(n) || n < least) throw new Error(`--${name}: a whole number ≥ ${least}, not "${text}"`);
  return n;
}

/** A Redis URL as ioredis reads it, with a clear error for anything else. */
export function checkQueueUrl(text: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new Error(`--queue: not a URL: "${text}" (redis://HOST:PORT/N)`);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new Error(`--queue: a redis:// or rediss:// URL, not "${text}"`);
  if (!url.hostname) throw new Error(`--queue: no host in "${text}" (redis://HOST:PORT/N)`);
  const db = url.pathname.replace(/^\//, '');
  if (db !== '' && !/^\d+$/.test(db)) throw new Error(`--queue: the database must be a number (redis://HOST:PORT/N), not "${db}"`);
  return text;
}

/** Throws with a message naming the option when an argument is wrong; returns null when usage should be shown. */
export function parseSiteArgs(argv: string[]): SiteArgs | null {
  const { values, positionals } = parseArgs({
    args: argv,
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
      queue: { type: 'string' },
      merge: { type: 'boolean', default: false },
      'no-build': { type: 'boolean', default: false },
      'no-thumbnails': { type: 'boolean', default: false },
    },
  });
  const merge = values.merge;
  if (merge && !values.queue) throw new Error('--merge reads a queue\'s results: give --queue redis://HOST:PORT/N');
  if (merge && positionals.length) throw new Error(`--merge takes no start URL (the queue's workers were given it): "${positionals[0]}"`);
  const target = positionals[0] ?? null;
  if (!merge && !target) return null;
  const rate = count('rate', values.rate)!;
  if (!(rate > 0)) throw new Error(`--rate: requests per second above 0, not "${values.rate}"`);
  return {
    target,
    maxPages: whole('max-pages', values['max-pages'], 1),
    maxDepth: whole('max-depth', values['max-depth'], 0),
    include: values.include,
    exclude: values.exclude,
    out: resolve(values.out),
    baselineDir: values.baseline ? resolve(values.baseline) : null,
    failOn: parseStatuses(values['fail-on']),
    maxMissing: count('max-missing', values['max-missing']),
    rate,
    concurrency: whole('concurrency', values.concurrency, 1),
    timeoutMs: count('timeout', values.timeout)! * 1000,
    build: !values['no-build'],
    thumbnails: !values['no-thumbnails'],
    queue: values.queue === undefined ? null : checkQueueUrl(values.queue),
    merge,
  };
}
