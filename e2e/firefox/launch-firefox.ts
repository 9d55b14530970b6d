/**
 * Debian's headless firefox-esr driven by puppeteer-core over WebDriver BiDi,
 * with dist-firefox/ installed as a temporary add-on (`webExtension.install`).
 * The add-on's internal UUID is fixed through a profile pref. (BiDi refuses
 * to navigate a tab to moz-extension:// pages, so the tests use the default
 * settings and read only what the content script writes into the page.)
 *
 * @example
 *   const ff = await launchFirefoxWithExtension();
 *   const page = await ff.browser.newPage();
 *   await ff.close();
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import puppeteer, { type Browser } from 'puppeteer-core';
import { GECKO } from '../../scripts/lib/firefox-manifest';

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
