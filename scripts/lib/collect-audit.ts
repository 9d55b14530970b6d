/**
 * Opens a page in a browser that has the extension loaded and collects every
 * frame's audit through the extension's own `tab:audit` message, waiting
 * until each image that needs a description has the engine's answer.
 */
import type { Frame, Page, Worker } from 'playwright-core';
import type { AuditRow } from '../../src/shared/audit';
import { engineAnswered, needsDescription, pageCounts, type NotDescribed } from '../../src/shared/audit';
import type { ImageStatus } from '../../src/shared/image-status';
import type { LaunchedExtension } from './launch-extension';
import { auditOf, sendToTab } from './tab-audit';

export interface PageAuditImage extends AuditRow {
  frameUrl: string;
}

export interface PageAudit {
  images: PageAuditImage[];
  totals: Record<ImageStatus, number> & { described: number; failed: number; total: number };
  /** Per status, the images Glimpse does not describe, by skip rule (too small, not rendered…). */
  notDescribed: NotDescribed;
  /** Milliseconds from page load until every answer was in. */
  elapsedMs: number;
  complete: boolean;
}

/** An image is settled when Glimpse does not describe it, or the engine answered (text or failure). */
function settled(row: AuditRow): boolean {
  return !needsDescription(row) || engineAnswered(row);
}

async function frameAudit(serviceWorker: Worker, tabUrl: string, frame: Frame): Promise<PageAuditImage[]> {
  const frameUrl = frame.url();
  if (!/^https?:/.test(frameUrl)) return [];
  try {
    const report = await auditOf(serviceWorker, tabUrl, frame === frame.page().mainFrame() ? undefined : frameUrl);
    return report ? report.rows.map((row) => ({ ...row, frameUrl })) : [];
  } catch {
    return []; // the content script of this frame is not there yet
  }
}

export async function collectAudit(browser: LaunchedExtension, url: string, timeoutMs: number, progress: (line: string) => void): Promise<PageAudit> {
  const page = await browser.context.newPage();
  await page.goto(url, { waitUntil: 'load' });
  return auditLoadedPage(browser.serviceWorker, page, timeoutMs, progress);
}

export interface AuditWaitOptions {
  /**
   * Take a page whose content script answers but finds no image after this long as having none
   * (default: wait the whole time limit for late images, as a one-page audit does).
   */
  emptyAfterMs?: number;
}

/** The audit of a page already loaded in a browser with the extension (its service worker given), once the engine has answered. */
export async function auditLoadedPage(serviceWorker: Worker, page: Page, timeoutMs: number, progress: (line: string) => void, options: AuditWaitOptions = {}): Promise<PageAudit> {
  let describeAllSent = false;
  return settleAudit(
    async () => {
      // An audit covers the whole page, not just the screens around the viewport the extension describes unasked.
      if (!describeAllSent) describeAllSent = await sendToTab(serviceWorker, page.url(), 'tab:describe-all', {}).then(() => true, () => false);
      const images = (await Promise.all(page.frames().map((f) => frameAudit(serviceWorker, page.url(), f)))).flat();
      return { images, answered: describeAllSent };
    },
    timeoutMs,
    progress,
    options,
  );
}

/**
 * Reads the page's images with `read` until every one that needs a description
 * has the engine's answer (or the time is up), and sums them up. `answered`:
 * the page's content script has answered, so an empty list means no image.
 */
export async function settleAudit(read: () => Promise<{ images: PageAuditImage[]; answered: boolean }>, timeoutMs: number, progress: (line: string) => void, options: AuditWaitOptions = {}): Promise<PageAudit> {
  const emptyAfterMs = options.emptyAfterMs ?? Infinity;
  const started = Date.now();
  let images: PageAuditImage[];
  let lastLine = '';
  while (true) {
    const now = await read();
    images = now.images;
    const pending = images.filter((r) => !settled(r)).length;
    const line = `audit: ${images.length} images found, ${pending} awaiting a description`;
    if (line !== lastLine) progress((lastLine = line));
    // Found something and nothing pending, and one more look confirms no late arrivals.
    if (images.length > 0 && pending === 0 && Date.now() - started > 1500) break;
    if (images.length === 0 && now.answered && Date.now() - started > emptyAfterMs) break;
    if (Date.now() - started > timeoutMs) break;
    await new Promise((ok) => setTimeout(ok, 300));
  }
  const { counts, notDescribed } = pageCounts(images);
  return {
    images,
    notDescribed,
    totals: {
      ...counts,
      described: images.filter((r) => engineAnswered(r) && r.descriptionError === null).length,
      failed: images.filter((r) => r.descriptionError !== null).length,
      total: images.length,
    },
    elapsedMs: Date.now() - started,
    complete: images.every(settled),
  };
}
