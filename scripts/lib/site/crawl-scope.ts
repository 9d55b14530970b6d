/**
 * What a crawl starts from and may follow: the start URLs read from the
 * command's argument (never-follow ones left out and reported), their
 * origins, and the --include globs (by default, everything on those origins).
 */
import { neverFollowReason } from './never-follow';
import type { SkippedLink } from './site-report';
import { startUrls } from './start-urls';

export interface CrawlScope {
  start: string[];
  /** Start URLs never followed (a sitemap or URL list may name a sign-out link too). */
  skipped: SkippedLink[];
  origins: Set<string>;
  /** Crawlee's enqueueLinks `globs`: --include, else the start origins' (so that Crawlee reports the links it drops). */
  include: string[];
}

export async function crawlScope(target: string, include: readonly string[]): Promise<CrawlScope> {
  const listed = await startUrls(target);
  const start = listed.filter((url) => neverFollowReason(url) === null);
  const skipped = listed.filter((url) => !start.includes(url)).map((url) => ({ url, reason: 'neverFollow' }));
  if (start.length === 0) throw new Error(`no URLs to crawl in ${target}`);
  const origins = new Set(start.map((u) => new URL(u).origin));
  return { start, skipped, origins, include: include.length ? [...include] : [...origins].map((o) => `${o}/**`) };
}
