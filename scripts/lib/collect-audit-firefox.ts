/**
 * A page's audit in Firefox, read the way a user gets it there: the popup
 * (opened in a tab, for the page's tab) shows the audit overlay, the
 * "describe all" keyboard command has every image of the page described, and
 * the overlay's **Export JSON** button downloads the top frame's report, again
 * until each image that needs a description has the engine's answer. Only the
 * top frame's images: the overlay exports its own frame.
 *
 * (The Chromium path asks the content scripts through the service worker;
 * Firefox's remote agent reaches no background page, and a content script
 * answers `tab:*` messages only from the background or a real popup, not from
 * an extension page in a tab.)
 *
 * @example
 *   const ff = await launchFirefoxWithExtension(downloadPrefs(dir));
 *   const audit = await collectAuditFirefox(ff, dir, url, 180_000, console.error);
 */
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ElementHandle, Page } from 'puppeteer-core';
import type { AuditReport } from '../../src/shared/audit';
import { settleAudit, type PageAudit } from './collect-audit';
import { pressShortcut } from './firefox-window';
import { commandShortcut, openExtensionPage, tabIdOf, type LaunchedFirefox } from './launch-firefox';

/** Firefox preferences that save every download into `dir`, without asking. */
export function downloadPrefs(dir: string): Record<string, string | number | boolean> {
  return {
    'browser.download.folderList': 2,
    'browser.download.dir': dir,
    'browser.download.useDownloadDir': true,
    'browser.download.always_ask_before_handling_new_types': false,
    'browser.download.alwaysOpenPanel': false,
    'browser.download.start_downloads_in_tmp_dir': false,
  };
}

async function waitFor<T>(what: string, ms: number, probe: () => Promise<T | null>): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const value = await probe();
    if (value !== null) return value;
    if (Date.now() > end) throw new Error(`timed out after ${ms / 1000} s waiting for ${what}`);
    await new Promise((ok) => setTimeout(ok, 200));
  }
}

/** The overlay's Export JSON button in the page (its shadow root is open), or null before the panel is drawn. */
async function exportButton(page: Page): Promise<ElementHandle<HTMLButtonElement> | null> {
  const handle = await page.evaluateHandle(() => {
    const buttons = document.querySelector('glimpse-overlay')?.shadowRoot?.querySelectorAll('button') ?? [];
    return [...buttons].find((b) => b.textContent === 'Export JSON') ?? null;
  });
  const button = handle.asElement() as ElementHandle<HTMLButtonElement> | null;
  if (!button) await handle.dispose();
  return button;
}

/** Clicks Export JSON and reads the file Firefox saves into `dir`. */
async function exportReport(page: Page, dir: string): Promise<AuditReport> {
  const seen = new Set(await readdir(dir));
  const button = await waitFor('the overlay’s Export JSON button', 30_000, () => exportButton(page));
  await button.click();
  await button.dispose();
  // Firefox writes the data to `<name>.part` beside an empty `<name>`, and moves it over when complete.
  const text = await waitFor('the exported audit', 30_000, async () => {
    const names = await readdir(dir);
    const file = names.find((name) => !seen.has(name) && name.endsWith('.json') && !names.includes(`${name}.part`));
    const body = file === undefined ? '' : await readFile(join(dir, file), 'utf8');
    return body === '' ? null : body;
  });
  return JSON.parse(text) as AuditReport;
}

export async function collectAuditFirefox(ff: LaunchedFirefox, downloads: string, url: string, timeoutMs: number, progress: (line: string) => void): Promise<PageAudit> {
  const page = await ff.browser.newPage();
  await page.goto(url, { waitUntil: 'load' });
  const options = await openExtensionPage(ff, 'src/ui/options.html');
  const tabId = await tabIdOf(options, page.url());
  const describeAll = await commandShortcut(options, 'describe-all');
  await options.close();
  const popup = await openExtensionPage(ff, `src/ui/popup.html?tabId=${tabId}`);
  await popup.bringToFront();
  await popup.click('#toggle-overlay');
  await waitFor('the popup to show the overlay', 30_000, () => popup.evaluate(() => (document.getElementById('overlay-state')?.textContent === 'Overlay shown.' ? true : null)));
  await popup.close();
  await page.bringToFront();
  // An audit covers the whole page, not just the screens around the viewport the extension describes unasked.
  await pressShortcut(ff.browser, describeAll);
  let reads = 0;
  return settleAudit(
    async () => {
      // One download a second at most while the engine works.
      if (reads++ > 0) await new Promise((ok) => setTimeout(ok, 700));
      const report = await exportReport(page, downloads);
      return { images: report.rows.map((row) => ({ ...row, frameUrl: report.url })), answered: true };
    },
    timeoutMs,
    progress,
  );
}
