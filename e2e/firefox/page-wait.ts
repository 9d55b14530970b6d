/**
 * Polling a page of the Firefox suite until something holds.
 *
 * @example
 *   await waitUntil(page, () => document.title === 'Done', 5_000, 'the title');
 */
import type { Page } from 'puppeteer-core';

/** Polls `check` (run in the page) until it is true or `ms` pass. */
export async function waitUntil(page: Page, check: () => boolean, ms: number, what: string): Promise<void> {
  const end = Date.now() + ms;
  while (!(await page.evaluate(check))) {
    if (Date.now() > end) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, 300));
  }
}
