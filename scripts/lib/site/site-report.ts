/**
 * A whole site's audit from its pages' audits: per page, per status, and
 * every distinct image once with the pages it appears on. Pure.
 *
 * Images are told apart by content: the sha256 of the bytes their URL serves
 * (fetched by the CLI), so one picture under two URLs is one image. An image
 * whose bytes could not be fetched is known by its URL, and one without a URL
 * (inline SVG, canvas) by its page and selector.
 */
import { emptyCounts } from '../../../src/shared/audit';
import { IMAGE_STATUSES, type ImageStatus } from '../../../src/shared/image-status';
import type { PageAudit, PageAuditImage } from '../collect-audit';
import type { Change, Comparison } from './compare-runs';
import type { ImageContent } from './content-hash';

/** Statuses whose images need an author's work. */
export const NEEDS_WORK: readonly ImageStatus[] = ['missing', 'suspicious'];

export interface SitePage {
  url: string;
  depth: number;
  /** The page's audit, or null when the page could not be loaded (then `error` says why). */
  audit: PageAudit | null;
  error: string | null;
  /** With --baseline: the page compared with the baseline's page of the same URL. */
  change?: Change;
}

export interface SiteImage {
  /** `sha256:<hex>` of its bytes; else `src:<url>`; else `<page> <selector>` for an image without a URL. */
  key: string;
  /** The first URL it was found under; `srcs` has them all. */
  src: string | null;
  srcs: string[];
  /** The first occurrence needing work speaks for the image (else the first occurrence). */
  status: ImageStatus;
  reason: string;
  name: string;
  description: string | null;
  descriptionConfidence: number | null;
  descriptionError: string | null;
  /** Every page it appears on, in the report's page order. */
  pages: string[];
  /** The pages where it needs work (a status in NEEDS_WORK). */
  needsWorkOn: string[];
  /** A small data: URL of the image, when the CLI could make one. */
  thumbnail?: string;
  /** With --baseline: the image compared with the baseline's image of the same key. */
  change?: Change;
}

/** A link the crawl did not follow, and Crawlee's reason: robotsTxt, depth, limit, filters (another origin)… */
export interface SkippedLink {
  url: string;
  reason: string;
}

export interface SiteReport {
  start: string[];
  generatedAt: string;
  /** How images are told apart (see SiteImage.key). */
  imageKey: 'content';
  pages: SitePage[];
  /** Links found but never crawled, each once. */
  skipped: SkippedLink[];
  /** Every distinct image, in the order of its first page. */
  images: SiteImage[];
  /** With --baseline: what changed since the baseline run. */
  comparison?: Comparison;
  totals: {
    pages: number;
    pagesFailed: number;
    /** Image occurrences per status, over all pages. */
    images: Record<ImageStatus, number> & { total: number };
    distinctImages: number;
    /** Distinct images needing work (on at least one page). */
    distinctNeedingWork: number;
  };
}

export function needsWork(image: Pick<SiteImage, 'status'>): boolean {
  return NEEDS_WORK.includes(image.status);
}

/** A page fails when it could not be audited or has an image needing work. */
export function pageFails(page: SitePage): boolean {
  return page.audit === null || page.audit.images.some((row) => NEEDS_WORK.includes(row.status));
}

export function needingWork(report: SiteReport): SiteImage[] {
  return report.images.filter(needsWork);
}

export type Contents = ReadonlyMap<string, ImageContent>;

export function imageKey(page: string, row: Pick<PageAuditImage, 'src' | 'selector'>, contents: Contents = new Map()): string {
  if (row.src === null) return `${page} ${row.selector.join(' >>> ')}`;
  return contents.get(row.src)?.hash ?? `src:${row.src}`;
}

/** Every distinct image once, with the pages it is on. */
export function groupImages(pages: readonly SitePage[], contents: Contents = new Map()): SiteImage[] {
  const byKey = new Map<string, SiteImage>();
  for (const page of pages) {
    for (const row of page.audit?.images ?? []) {
      const key = imageKey(page.url, row, contents);
      const failing = NEEDS_WORK.includes(row.status);
      let image = byKey.get(key);
      if (!image) {
        image = { key, src: row.src, srcs: [], status: row.status, reason: '', name: '', description: null, descriptionConfidence: null, descriptionError: null, pages: [], needsWorkOn: [] };
        byKey.set(key, image);
        Object.assign(image, speaker(row));
      } else if (failing && !needsWork(image)) {
        Object.assign(image, speaker(row));
      }
      if (row.src !== null && !image.srcs.includes(row.src)) image.srcs.push(row.src);
      if (!image.pages.includes(page.url)) image.pages.push(page.url);
      if (failing && !image.needsWorkOn.includes(page.url)) image.needsWorkOn.push(page.url);
      const thumbnail = row.src === null ? undefined : contents.get(row.src)?.thumbnail;
      if (thumbnail && !image.thumbnail) image.thumbnail = thumbnail;
    }
  }
  return [...byKey.values()];
}

function speaker(row: PageAuditImage): Pick<SiteImage, 'status' | 'reason' | 'name' | 'description' | 'descriptionConfidence' | 'descriptionError'> {
  return { status: row.status, reason: row.reason, name: row.name, description: row.description, descriptionConfidence: row.descriptionConfidence, descriptionError: row.descriptionError };
}

/**
 * Pages in crawl order, made deterministic: by depth, then URL. Pages audited
 * side by side by K contexts finish in any order; sorted, the report is the
 * one a single context writes.
 */
export function crawlOrder(pages: readonly SitePage[]): SitePage[] {
  return [...pages].sort((a, b) => a.depth - b.depth || (a.url < b.url ? -1 : a.url > b.url ? 1 : 0));
}

export function siteReport(start: string[], pages: SitePage[], skipped: readonly SkippedLink[] = [], contents: Contents = new Map(), generatedAt = new Date().toISOString()): SiteReport {
  const counts = { ...emptyCounts(), total: 0 };
  for (const page of pages) {
    for (const row of page.audit?.images ?? []) {
      counts[row.status] += 1;
      counts.total += 1;
    }
  }
  const images = groupImages(pages, contents);
  return {
    start,
    generatedAt,
    imageKey: 'content',
    pages,
    // A link skipped from one page may have been crawled from another (or listed in the sitemap).
    // Each link once, by URL, with the first of its reasons in a sorted list (found from several pages, in any order).
    skipped: [...new Map([...skipped].filter((k) => !pages.some((p) => p.url === k.url)).sort(byUrlAndReason).reverse().map((k) => [k.url, k])).values()].sort(byUrlAndReason),
    images,
    totals: {
      pages: pages.length,
      pagesFailed: pages.filter((p) => p.audit === null).length,
      images: counts,
      distinctImages: images.length,
      distinctNeedingWork: images.filter(needsWork).length,
    },
  };
}

function byUrlAndReason(a: SkippedLink, b: SkippedLink): number {
  return a.url < b.url ? -1 : a.url > b.url ? 1 : a.reason < b.reason ? -1 : a.reason > b.reason ? 1 : 0;
}

export type SiteRow = PageAuditImage & { page: string; imageKey: string; change: Change | '' };

/** One row per image per page, for images.csv, with the image's key and (with --baseline) its change. */
export function siteRows(report: SiteReport, contents: Contents = new Map()): SiteRow[] {
  const changes = new Map(report.images.map((i) => [i.key, i.change ?? '' as const]));
  return report.pages.flatMap((p) => (p.audit?.images ?? []).map((row) => {
    const key = imageKey(p.url, row, contents);
    return { page: p.url, imageKey: key, change: changes.get(key) ?? '', ...row };
  }));
}

/** The statuses named by `--fail-on` that occur anywhere on the site. */
export function failingStatuses(report: SiteReport, failOn: readonly ImageStatus[]): ImageStatus[] {
  return failOn.filter((s) => report.totals.images[s] > 0);
}

/** Why the run fails the gate: statuses named by --fail-on that occur, and a --max-missing budget exceeded (images without a name, counted per page). */
export function gateFailures(report: SiteReport, failOn: readonly ImageStatus[], maxMissing: number | null): string[] {
  const reasons = failingStatuses(report, failOn).map((s) => `${s} found (--fail-on)`);
  const missing = report.totals.images.missing;
  if (maxMissing !== null && missing > maxMissing) reasons.push(`${missing} missing, over --max-missing ${maxMissing}`);
  return reasons;
}

export function parseStatuses(list: string): ImageStatus[] {
  const names = list.split(',').map((s) => s.trim()).filter(Boolean);
  for (const name of names) if (!(IMAGE_STATUSES as readonly string[]).includes(name)) throw new Error(`--fail-on: unknown status "${name}" (one of ${IMAGE_STATUSES.join(', ')})`);
  return names as ImageStatus[];
}
