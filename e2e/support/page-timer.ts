/**
 * A page timer that proves the page stays responsive while Glimpse works: a
 * 50 ms interval records how late its latest tick ever was.
 *
 * @example
 *   await startPageTimer(page);
 *   … let Glimpse describe the page …
 *   expect(await pageTimerLateMs(page)).toBeLessThan(2000);
 */
import type { Page } from '@playwright/test';

export async function startPageTimer(page: Page): Promise<void> {
  await page.evaluate(() => {
    const w = window as unknown as { lateMs: number };
    w.lateMs = 0;
    let last = performance.now();
    setInterval(() => {
      const now = performance.now();
      w.lateMs = Math.max(w.lateMs, now - last - 50);
      last = now;
    }, 50);
  });
}

/** How late the timer's latest tick was, ms; also printed for the run's log. */
export async function pageTimerLateMs(page: Page): Promise<number> {
  const lateMs = await page.evaluate(() => (window as unknown as { lateMs: number }).lateMs);
  console.log(`page timer: latest tick ${Math.round(lateMs)} ms late`);
  return lateMs;
}

/** Forgets how late the timer was so far (e.g. a browser-wide hiccup the test itself caused, such as a GPU process crash). */
export async function resetPageTimer(page: Page): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { lateMs: number }).lateMs = 0;
  });
}
