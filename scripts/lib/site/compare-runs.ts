/**
 * A run compared with an earlier one (`--baseline OLD_DIR`): each image (by
 * content key) and each page (by URL) is new, fixed, still failing,
 * regressed, unchanged or removed. "Failing" is an image needing work, or a
 * page with such an image or that could not be audited. Pure.
 */
import type { SiteImage, SitePage, SiteReport } from './site-report';
import { needsWork, pageFails } from './site-report';

export const CHANGES = ['new', 'fixed', 'still-failing', 'regressed', 'unchanged', 'removed'] as const;
export type Change = (typeof CHANGES)[number];

/** What words the report uses for each change. */
export const CHANGE_LABELS: Record<Change, string> = {
  new: 'new since the baseline',
  fixed: 'needed work in the baseline, fine now',
  'still-failing': 'needed work in the baseline and still does',
  regressed: 'fine in the baseline, needs work now',
  unchanged: 'fine in both runs',
  removed: 'in the baseline, not found now',
};

/**
 * @param before whether it failed in the baseline, or null when it was not there
 * @param now whether it fails now, or null when it is not there
 * @example changeOf(true, false) // → 'fixed'
 */
export function changeOf(before: boolean | null, now: boolean | null): Change {
  if (now === null) return 'removed';
  if (before === null) return 'new';
  if (before) return now ? 'still-failing' : 'fixed';
  return now ? 'regressed' : 'unchanged';
}

export interface ChangedImage {
  key: string;
  src: string | null;
  status: SiteImage['status'];
}

export interface Comparison {
  baseline: { dir: string; generatedAt: string };
  images: Record<Change, ChangedImage[]>;
  pages: Record<Change, string[]>;
}

function emptyLists<T>(): Record<Change, T[]> {
  return Object.fromEntries(CHANGES.map((c) => [c, []])) as unknown as Record<Change, T[]>;
}

/** Refuses a baseline whose images are keyed another way: its keys would not match. */
export function checkBaseline(baseline: Partial<SiteReport>, dir: string): SiteReport {
  if (baseline.imageKey !== 'content' || !Array.isArray(baseline.images) || !Array.isArray(baseline.pages)) {
    throw new Error(`--baseline ${dir}: report.json was not written by this version of audit:site (images keyed by content); run the baseline again`);
  }
  return baseline as SiteReport;
}

/** Compares `current` with `baseline`, and marks each of current's images and pages with its change. */
export function compareRuns(baseline: SiteReport, current: SiteReport, dir: string): Comparison {
  const images = emptyLists<ChangedImage>();
  const pages = emptyLists<string>();
  const before = new Map(baseline.images.map((i) => [i.key, needsWork(i)]));
  for (const image of current.images) {
    image.change = changeOf(before.get(image.key) ?? null, needsWork(image));
    images[image.change].push({ key: image.key, src: image.src, status: image.status });
  }
  const now = new Set(current.images.map((i) => i.key));
  for (const image of baseline.images) if (!now.has(image.key)) images.removed.push({ key: image.key, src: image.src, status: image.status });

  const pagesBefore = new Map(baseline.pages.map((p) => [p.url, pageFails(p)]));
  for (const page of current.pages) {
    page.change = changeOf(pagesBefore.get(page.url) ?? null, pageFails(page));
    pages[page.change].push(page.url);
  }
  const urls = new Set(current.pages.map((p) => p.url));
  for (const page of baseline.pages as SitePage[]) if (!urls.has(page.url)) pages.removed.push(page.url);
  return { baseline: { dir, generatedAt: baseline.generatedAt }, images, pages };
}
