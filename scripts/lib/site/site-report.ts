/**
 * A whole site's audit from its pages' audits: per page, per status, and the
 * images needing work listed once each with the pages they appear on. Pure.
 *
 * Images are keyed by their src URL for now; two URLs serving the same bytes
 * count as two images until content hashing is done.
 */
import { emptyCounts } from '../../../src/shared/audit';
import { IMAGE_STATUSES, type ImageStatus } from '../../../src/shared/image-status';
import type { PageAudit, PageAuditImage } from '../collect-audit';

/** Statuses whose images need an author's work. */
export const NEEDS_WORK: readonly ImageStatus[] = ['missing', 'suspicious'];

export interface SitePage {
  url: string;
  depth: number;
  /** The page's audit, or null when the page could not be loaded (then `error` says why). */
  audit: PageAudit | null;
  error: string | null;
}

export interface SiteImage {
  /** The key: the image's src URL (or page and selector for an image without one). */
  key: string;
  src: string | null;
  status: ImageStatus;
  reason: string;
  name: string;
  description: string | null;
  descriptionConfidence: number | null;
  descriptionError: string | null;
  /** Every page it appears on, in crawl order. */
  pages: string[];
  /** A small data: URL of the image, when the CLI could make one. */
  thumbnail?: string;
}

/** A link the crawl did not follow, and Crawlee's reason: robotsTxt, depth, limit, filters (another origin)… */
export interface SkippedLink {
  url: string;
  reason: string;
}

export interface SiteReport {
  start: string[];
  generatedAt: string;
  /** How images are told apart; 'src' until content hashing is done. */
  imageKey: 'src';
  pages: SitePage[];
  /** Links found but never crawled, each once. */
  skipped: SkippedLink[];
  /** Images with a status in NEEDS_WORK, each once. */
  needsWork: SiteImage[];
  totals: {
    pages: number;
    pagesFailed: number;
    /** Image occurrences per status, over all pages. */
    images: Record<ImageStatus, number> & { total: number };
    /** Distinct images (by key) needing work. */
    distinctNeedingWork: number;
  };
}

export function imageKey(page: string, row: PageAuditImage): string {
  return row.src ?? `${page} ${row.selector.join(' >>> ')}`;
}

/** The images needing work, once each, with the pages they are on (the first page's audit speaks for the image). */
export function groupNeedingWork(pages: readonly SitePage[]): SiteImage[] {
  const byKey = new Map<string, SiteImage>();
  for (const page of pages) {
    for (const row of page.audit?.images ?? []) {
      if (!NEEDS_WORK.includes(row.status)) continue;
      const key = imageKey(page.url, row);
      const known = byKey.get(key);
      if (known) {
        if (!known.pages.includes(page.url)) known.pages.push(page.url);
        continue;
      }
      byKey.set(key, {
        key,
        src: row.src,
        status: row.status,
        reason: row.reason,
        name: row.name,
        description: row.description,
        descriptionConfidence: row.descriptionConfidence,
        descriptionError: row.descriptionError,
        pages: [page.url],
      });
    }
  }
  return [...byKey.values()];
}

export function siteReport(start: string[], pages: SitePage[], skipped: readonly SkippedLink[] = [], generatedAt = new Date().toISOString()): SiteReport {
  const images = { ...emptyCounts(), total: 0 };
  for (const page of pages) {
    for (const row of page.audit?.images ?? []) {
      images[row.status] += 1;
      images.total += 1;
    }
  }
  const needsWork = groupNeedingWork(pages);
  return {
    start,
    generatedAt,
    imageKey: 'src',
    pages,
    // A link skipped from one page may have been crawled from another (or listed in the sitemap).
    skipped: [...new Map(skipped.filter((k) => !pages.some((p) => p.url === k.url)).map((k) => [k.url, k])).values()],
    needsWork,
    totals: { pages: pages.length, pagesFailed: pages.filter((p) => p.audit === null).length, images, distinctNeedingWork: needsWork.length },
  };
}

/** One row per image per page, for images.csv. */
export function siteRows(pages: readonly SitePage[]): Array<PageAuditImage & { page: string }> {
  return pages.flatMap((p) => (p.audit?.images ?? []).map((row) => ({ page: p.url, ...row })));
}

/** The statuses named by `--fail-on` that occur anywhere on the site. */
export function failingStatuses(report: SiteReport, failOn: readonly ImageStatus[]): ImageStatus[] {
  return failOn.filter((s) => report.totals.images[s] > 0);
}

export function parseStatuses(list: string): ImageStatus[] {
  const names = list.split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of names) if (!(IMAGE_STATUSES as readonly string[]).includes(name)) throw new Error(`--fail-on: unknown status "${name}" (one of ${IMAGE_STATUSES.join(', ')})`);
  return names as ImageStatus[];
}
