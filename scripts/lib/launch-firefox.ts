/**
 * Debian's headless firefox-esr driven by puppeteer-core over WebDriver BiDi,
 * with dist-firefox/ installed as a temporary add-on (`webExtension.install`).
 * The add-on's internal UUID is fixed through a profile pref, so its pages
 * have a known moz-extension:// origin. Firefox's remote agent navigates a tab
 * only to http(s), file, blob and about:blank unless it was started with
 * `--remote-allow-system-access`; with it, a tab can open the popup and the
 * options page (openExtensionPage).
 *
 * @example
 *   const ff = await launchFirefoxWithExtension();
 *   const options = await openExtensionPage(ff, 'src/ui/options.html');
 *   await ff.close();
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { GECKO } from './firefox-manifest';

export const FIREFOX = process.env.FIREFOX_BIN ?? '/usr/bin/firefox-esr';
export const DIST_FIREFOX = resolve('dist-firefox');
/** The add-on's moz-extension:// host in the test profile. */
export const EXTENSION_UUID = '6a1f3c2e-9b7d-4e25-8c41-0f5d2a7b9e13';

export interface LaunchedFirefox {
  browser: Browser;
  extensionOrigin: string;
  close(): Promise<void>;
}

/** `prefs`: extra Firefox preferences for this browser (e.g. a short event-page idle timeout). */
export async function launchFirefoxWithExtension(prefs: Record<string, string | number | boolean> = {}): Promise<LaunchedFirefox> {
  if (!existsSync(`${DIST_FIREFOX}/manifest.json`)) throw new Error('dist-firefox/ is missing: run npm run build:firefox first');
  if (!existsSync(FIREFOX)) throw new Error(`${FIREFOX} is missing: apt-get install firefox-esr`);
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    // Lets BiDi navigate a tab to the add-on's moz-extension:// pages, and run script in the browser window (firefox-window.ts).
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'extensions.webextensions.uuids': JSON.stringify({ [GECKO.id]: EXTENSION_UUID }),
      // No network but the fixture servers: no update, telemetry or remote-settings traffic.
      'extensions.update.enabled': false,
      'datareporting.policy.dataSubmissionEnabled': false,
      'toolkit.telemetry.enabled': false,
      ...prefs,
    },
  });
  const id = await browser.installExtension(DIST_FIREFOX);
  if (id !== GECKO.id) throw new Error(`installed ${id}, expected ${GECKO.id}`);
  return { browser, extensionOrigin: `moz-extension://${EXTENSION_UUID}`, close: () => browser.close() };
}

/**
 * A new tab showing the add-on's page at `path` (e.g. `src/ui/options.html`, as in
 * dist-firefox/manifest.json), once its document has loaded. puppeteer-core's
 * goto never sees a navigation event for a moz-extension:// document, so the
 * document itself is watched.
 */
export async function openExtensionPage(ff: LaunchedFirefox, path: string, timeoutMs = 30_000): Promise<Page> {
  const page = await ff.browser.newPage();
  const url = `${ff.extensionOrigin}/${path}`;
  const abort = new AbortController();
  let refused: unknown = null;
  const navigation = page.goto(url, { signal: abort.signal, timeout: 0 }).catch((error: unknown) => {
    if (!abort.signal.aborted) refused = error;
  });
  const end = Date.now() + timeoutMs;
  try {
    while (!(await page.evaluate((want) => location.href === want && document.readyState === 'complete', url).catch(() => false))) {
      if (refused) throw refused;
      if (Date.now() > end) throw new Error(`${url} did not load in ${timeoutMs / 1000} s`);
      await new Promise((ok) => setTimeout(ok, 200));
    }
  } finally {
    abort.abort();
    await navigation;
  }
  return page;
}

/** The id of the tab showing `url`, as the add-on's own page `extensionPage` sees it. */
export async function tabIdOf(extensionPage: Page, url: string): Promise<number> {
  const id = await extensionPage.evaluate(async (want) => {
    const tabs = await (globalThis as unknown as { browser: { tabs: { query(q: object): Promise<Array<{ id?: number; url?: string }>> } } }).browser.tabs.query({});
    return tabs.find((tab) => tab.url === want)?.id ?? null;
  }, url);
  if (id === null) throw new Error(`no tab shows ${url}`);
  return id;
}

/** The keyboard shortcut of the add-on's command `name` (e.g. `Alt+Shift+G`), as its page `extensionPage` reads it. */
export async function commandShortcut(extensionPage: Page, name: string): Promise<string> {
  const shortcut = await extensionPage.evaluate(async (want) => {
    const commands = await (globalThis as unknown as { browser: { commands: { getAll(): Promise<Array<{ name?: string; shortcut?: string }>> } } }).browser.commands.getAll();
    return commands.find((c) => c.name === want)?.shortcut ?? '';
  }, name);
  if (!shortcut) throw new Error(`the command ${name} has no shortcut`);
  return shortcut;
}
