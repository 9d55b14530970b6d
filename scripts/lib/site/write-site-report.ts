/**
 * The end of every site audit, crawled in one process or merged from a
 * queue's workers: each image URL found is fetched once and known by the
 * sha256 of its bytes, pages are put in crawl order (depth, then URL, so the
 * report does not depend on which context or worker audited what), then
 * DIR/report.json, DIR/images.csv and DIR/index.html are written, compared
 * with OLD_DIR/report.json when --baseline is given. Returns the exit code:
 * 1 when --fail-on names a status found or --max-missing is exceeded.
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CSV_COLUMNS, toCsv } from '../../../src/shared/audit';
import { checkBaseline, compareRuns } from './compare-runs';
import { fetchable, fetchContents } from './content-hash';
import type { HostPacer } from './host-pacer';
import { AUDIT_USER_AGENT } from './politeness';
import type { SiteArgs } from './site-args';
import { crawlOrder, gateFailures, NEEDS_WORK, siteReport, siteRows, type SitePage, type SiteReport, type SkippedLink } from './site-report';
import { siteHtml } from './site-html';

export interface CrawlResult {
  start: string[];
  pages: SitePage[];
  skipped: SkippedLink[];
}

/** Reads and checks --baseline's report first, so that a wrong directory fails before the crawl. */
export async function readBaseline(args: Pick<SiteArgs, 'baselineDir'>): Promise<SiteReport | null> {
  if (!args.baselineDir) return null;
  return checkBaseline(JSON.parse(await readFile(join(args.baselineDir, 'report.json'), 'utf8')), args.baselineDir);
}

export async function writeSiteReport(result: CrawlResult, args: SiteArgs, pacer: HostPacer, baseline: SiteReport | null): Promise<number> {
  const rows = result.pages.flatMap((p) => p.audit?.images ?? []);
  const srcs = rows.map((r) => r.src).filter(fetchable);
  console.error(`audit:site: fetching ${new Set(srcs).size} image URLs to tell images apart by content`);
  const contents = await fetchContents(srcs, {
    userAgent: AUDIT_USER_AGENT,
    pacer,
    thumbnails: new Set(args.thumbnails ? rows.filter((r) => NEEDS_WORK.includes(r.status)).map((r) => r.src).filter(fetchable) : []),
  });
  const report = siteReport(result.start, crawlOrder(result.pages), result.skipped, contents);
  if (baseline && args.baselineDir) report.comparison = compareRuns(baseline, report, args.baselineDir);
  const dir = args.out;
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
  const failures = gateFailures(report, args.failOn, args.maxMissing);
  if (failures.length) {
    console.error(`audit:site: failing on ${failures.join('; ')}`);
    return 1;
  }
  return 0;
}
