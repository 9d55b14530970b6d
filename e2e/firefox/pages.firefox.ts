/**
 * Firefox (Debian's firefox-esr, headless, dist-firefox/ installed through
 * WebDriver BiDi): the add-on's own pages, opened in tabs at their fixed
 * moz-extension:// origin. The popup and the options page pass axe-core; a
 * setting changed in the options page is followed by an open web page; the
 * popup's button, and the keyboard command, show the audit overlay on a page
 * and hide it again, leaving the page's DOM exactly as it was.
 *
 * The popup, opened as a page, reads its tab from `?tabId=`.
 *
 * Run: npm run build:firefox && npm run test:firefox
 */
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Page } from 'puppeteer-core';
import { serveStatic, type StaticServer } from '../../scripts/lib/static-server';
import { commandShortcut, launchFirefoxWithExtension, openExtensionPage, tabIdOf, type LaunchedFirefox } from '../../scripts/lib/launch-firefox';
import { pressShortcut } from '../../scripts/lib/firefox-window';
import { axeViolations } from './axe';
import { waitUntil } from './page-wait';

const ENGINE_MS = 240_000;
const NAMED = ['kids', 'buy', 'arrived'];

let ff: LaunchedFirefox;
let server: StaticServer;

before(async () => {
  ff = await launchFirefoxWithExtension();
  server = await serveStatic(['e2e/scenarios/labels', 'e2e/fixtures/pages']);
});
after(async () => {
  await ff?.close();
  await server?.close();
});

/** A new tab on the labels page, once Glimpse has named its unlabelled photos. */
async function namedPage(): Promise<{ page: Page; url: string }> {
  const page = await ff.browser.newPage();
  const url = `${server.origin}/index.html`;
  await page.goto(url);
  await waitUntil(page, () => ['kids', 'buy', 'arrived'].every((id) => document.getElementById(id)?.getAttribute('alt')?.startsWith('Automatic description')), ENGINE_MS, 'the photos to be named');
  return { page, url };
}

/** The alt of each id (null: none). */
function alts(page: Page, ids: string[]): Promise<Record<string, string | null>> {
  return page.evaluate((list) => Object.fromEntries(list.map((id) => [id, document.getElementById(id)?.getAttribute('alt') ?? null])), ids);
}

/** Everything a page could observe of its own DOM and layout. */
function domSnapshot(page: Page): Promise<{ html: string; boxes: string[]; scroll: number[] }> {
  return page.evaluate(() => ({
    html: new XMLSerializer().serializeToString(document),
    boxes: Array.from(document.querySelectorAll('body *'), (el) => JSON.stringify(el.getBoundingClientRect())),
    scroll: [document.documentElement.scrollWidth, document.documentElement.scrollHeight],
  }));
}

const textOf = (page: Page, id: string): Promise<string> => page.evaluate((which) => document.getElementById(which)?.textContent ?? '', id);

test('the options page and the popup pass axe-core (WCAG 2.2 AA and best practices)', { timeout: 90_000 }, async () => {
  const options = await openExtensionPage(ff, 'src/ui/options.html');
  // Filled in from storage and the engine: wait for the form's state, so axe sees the page a user sees.
  await waitUntil(options, () => (document.querySelector('input[name="enabled"]') as HTMLInputElement | null)?.checked === true, 10_000, 'the options to be filled in');
  assert.equal(await options.evaluate(() => document.title), 'Glimpse options');
  assert.deepEqual(await axeViolations(options), []);

  const web = await ff.browser.newPage();
  await web.goto(`${server.origin}/index.html`);
  const tabId = await tabIdOf(options, web.url());
  const popup = await openExtensionPage(ff, `src/ui/popup.html?tabId=${tabId}`);
  await waitUntil(popup, () => !document.getElementById('engine')?.textContent?.includes('checking'), 10_000, 'the popup to read the engine state');
  assert.equal(await popup.evaluate(() => document.querySelector('h1')?.textContent), 'Glimpse');
  assert.deepEqual(await axeViolations(popup), []);
  for (const page of [options, web, popup]) await page.close();
});

test('turning Glimpse off in the options page takes its names out of an open page; turning it on names the photos again', { timeout: ENGINE_MS * 2 + 60_000 }, async () => {
  const { page } = await namedPage();
  const named = await alts(page, NAMED);
  const options = await openExtensionPage(ff, 'src/ui/options.html');
  const enabled = 'input[name="enabled"]';
  await waitUntil(options, () => (document.querySelector('input[name="enabled"]') as HTMLInputElement | null)?.checked === true, 10_000, 'the options to be filled in');

  await options.bringToFront();
  await options.click(enabled);
  await waitUntil(options, () => document.getElementById('saved')?.textContent !== '', 10_000, 'the options page to say it saved');
  await waitUntil(page, () => ['kids', 'buy', 'arrived'].every((id) => !document.getElementById(id)?.hasAttribute('alt')), 30_000, 'the names to be taken out');
  assert.deepEqual(await alts(page, [...NAMED, 'street', 'rule']), { kids: null, buy: null, arrived: null, street: 'A young woman walks down a busy shopping street', rule: '' });

  // The options page shows what is stored: after a reload the box is still clear.
  await options.close();
  const reopened = await openExtensionPage(ff, 'src/ui/options.html');
  await waitUntil(reopened, () => document.getElementById('models-title') !== null, 10_000, 'the options page');
  await new Promise((ok) => setTimeout(ok, 500));
  assert.equal(await reopened.evaluate((selector) => (document.querySelector(selector) as HTMLInputElement).checked, enabled), false);

  await reopened.bringToFront();
  await reopened.click(enabled);
  await waitUntil(page, () => ['kids', 'buy', 'arrived'].every((id) => document.getElementById(id)?.getAttribute('alt')?.startsWith('Automatic description')), ENGINE_MS, 'the photos to be named again');
  // The same photos, the same engine and model: the same names.
  assert.deepEqual(await alts(page, NAMED), named);
  await reopened.close();
  await page.close();
});

test('the popup’s button shows the audit overlay on the page and hides it; the page’s DOM is then exactly as before', { timeout: ENGINE_MS + 60_000 }, async () => {
  const { page, url } = await namedPage();
  // Let labelling finish, so the snapshots differ only by what the overlay does.
  await new Promise((ok) => setTimeout(ok, 1_500));
  const before = await domSnapshot(page);

  const options = await openExtensionPage(ff, 'src/ui/options.html');
  const popup = await openExtensionPage(ff, `src/ui/popup.html?tabId=${await tabIdOf(options, url)}`);
  await options.close();
  await popup.bringToFront();
  await popup.click('#toggle-overlay');
  await waitUntil(popup, () => document.getElementById('overlay-state')?.textContent === 'Overlay shown.', 10_000, 'the popup to say the overlay is shown');
  const badges = await page.evaluate(() => document.querySelector('glimpse-overlay')?.shadowRoot?.querySelectorAll('.badge').length ?? 0);
  assert.ok(badges >= NAMED.length, `${badges} badges`);
  const during = await domSnapshot(page);
  assert.notEqual(during.html, before.html, 'the overlay is in the page');
  assert.deepEqual(during.boxes, before.boxes, 'the overlay moves nothing');
  assert.deepEqual(during.scroll, before.scroll);

  await popup.click('#toggle-overlay');
  await waitUntil(popup, () => document.getElementById('overlay-state')?.textContent === 'Overlay hidden.', 10_000, 'the popup to say the overlay is hidden');
  assert.equal(await textOf(popup, 'overlay-state'), 'Overlay hidden.');
  assert.deepEqual(await domSnapshot(page), before);
  await popup.close();
  await page.close();
});

test('the keyboard command shows the audit overlay on the page and hides it; the page’s DOM is then exactly as before', { timeout: ENGINE_MS + 60_000 }, async () => {
  const { page } = await namedPage();
  await new Promise((ok) => setTimeout(ok, 1_500));
  const before = await domSnapshot(page);
  const options = await openExtensionPage(ff, 'src/ui/options.html');
  const shortcut = await commandShortcut(options, 'toggle-overlay');
  assert.equal(shortcut, 'Alt+Shift+G', 'the manifest’s suggested key');
  await options.close();

  await page.bringToFront();
  await pressShortcut(ff.browser, shortcut);
  await waitUntil(page, () => (document.querySelector('glimpse-overlay')?.shadowRoot?.querySelectorAll('.badge').length ?? 0) >= 3, 10_000, 'the overlay’s badges');
  const during = await domSnapshot(page);
  assert.notEqual(during.html, before.html, 'the overlay is in the page');
  assert.deepEqual(during.boxes, before.boxes, 'the overlay moves nothing');

  await pressShortcut(ff.browser, shortcut);
  await waitUntil(page, () => document.querySelector('glimpse-overlay') === null, 10_000, 'the overlay to go');
  assert.deepEqual(await domSnapshot(page), before);
  await page.close();
});
