/**
 * Settings: the options page and the popup pass axe-core and work by keyboard;
 * what they change reaches open tabs without a reload (on/off, on-demand
 * "describe all", pause on this site, include suspicious images).
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page, Worker } from '@playwright/test';
import { test, expect } from '../../support/extension';
import { serveFixtures } from '../../support/static-server';
import { waitForAudit } from '../../support/image-audit';
import { axeViolations } from '../../support/axe-page';
import { labelledRows, setSettings, snapshotDom } from '../../support/labels';
import { engineAnswered, needsDescription, type AuditReport } from '../../../src/shared/audit';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'labels');
const server = serveFixtures([fixtures, 'e2e/fixtures/pages']);

const ENGINE_MS = 150_000;
test.setTimeout(300_000);

const storedSettings = (sw: Worker) => sw.evaluate(() => chrome.storage.sync.get(null));
/** The engine answered every missing image and Glimpse decided what to write for each. */
const missingLabelled = (r: AuditReport): boolean =>
  r.rows.filter(needsDescription).every((row) => (engineAnswered(row) && row.labelState !== null) || row.descriptionError !== null);
const undecided = (r: AuditReport): boolean => r.rows.every((row) => row.labelState === null);

async function openFixture(page: Page, sw: Worker): Promise<string> {
  const url = `${server.origin}/index.html`;
  await page.goto(url);
  await page.locator('#arrived').waitFor({ state: 'attached' });
  await waitForAudit(sw, url, (r) => r.rows.length === 10);
  return url;
}

test('the options page passes axe-core, works by keyboard, and an open tab follows its changes without a reload', async ({ context, serviceWorker, extensionId }) => {
  await setSettings(serviceWorker, { withholdBelow: 0 });
  const page = await context.newPage();
  const url = await openFixture(page, serviceWorker);
  await waitForAudit(serviceWorker, url, (r) => missingLabelled(r) && labelledRows(r).length >= 4, undefined, ENGINE_MS);

  const options = await context.newPage();
  await options.goto(`chrome-extension://${extensionId}/src/ui/options.html`);
  await expect(options.getByRole('checkbox', { name: 'Describe images and name them on web pages' })).toBeChecked();
  await expect(options.getByRole('spinbutton', { name: /Write nothing below this confidence/ })).toHaveValue('0');
  expect(await axeViolations(options)).toEqual([]);

  // Keyboard only: the first control is the global switch.
  await options.keyboard.press('Tab');
  await expect(options.getByRole('checkbox', { name: 'Describe images and name them on web pages' })).toBeFocused();
  await options.keyboard.press('Space');
  await expect(options.locator('#saved')).toHaveText('Saved.');
  expect((await storedSettings(serviceWorker)).enabled).toBe(false);
  await waitForAudit(serviceWorker, url, undecided);
  expect(await page.evaluate(() => document.getElementById('kids')!.hasAttribute('alt'))).toBe(false);

  // A threshold typed in percent is stored as a fraction; the form shows what was kept.
  const floor = options.getByRole('spinbutton', { name: /Write nothing below this confidence/ });
  await floor.focus();
  await floor.fill('150');
  await options.keyboard.press('Tab');
  await expect(floor).toHaveValue('100');
  expect((await storedSettings(serviceWorker)).withholdBelow).toBe(1);
});

test('on demand: nothing is described until the popup’s "Describe all" (by keyboard); "Pause on this site" restores the page; the popup passes axe-core', async ({ context, serviceWorker, extensionId }) => {
  await setSettings(serviceWorker, { mode: 'on-demand', withholdBelow: 0 });
  const page = await context.newPage();
  const before = { url: await openFixture(page, serviceWorker), dom: await snapshotDom(page) };
  const url = before.url;
  await page.waitForTimeout(3000);
  const idle = await waitForAudit(serviceWorker, url, (r) => r.rows.length === 10);
  expect(idle.rows.every((row) => !engineAnswered(row))).toBe(true);

  const tabId = await serviceWorker.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, url);
  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/src/ui/popup.html?tabId=${tabId}`);
  await expect(popup.locator('#engine')).toHaveText(/^Caption engine: (?!checking)/);
  expect(await axeViolations(popup)).toEqual([]);

  const describeAll = popup.getByRole('button', { name: 'Describe all images on this page' });
  for (let i = 0; i < 6 && !(await describeAll.evaluate((el) => el === document.activeElement)); i++) await popup.keyboard.press('Tab');
  await expect(describeAll).toBeFocused();
  await popup.keyboard.press('Enter');
  await expect(popup.locator('#action-state')).toHaveText('Describing the images on this page.');
  await waitForAudit(serviceWorker, url, (r) => missingLabelled(r) && labelledRows(r).length >= 4, undefined, ENGINE_MS);

  await popup.keyboard.press('Tab');
  const pause = popup.getByRole('button', { name: 'Pause Glimpse on this site' });
  await expect(pause).toBeFocused();
  await popup.keyboard.press('Enter');
  await expect(popup.getByRole('button', { name: 'Resume Glimpse on this site' })).toHaveAttribute('aria-pressed', 'true');
  expect((await storedSettings(serviceWorker)).deniedSites).toEqual([new URL(url).hostname]);
  await waitForAudit(serviceWorker, url, undecided);
  expect(await snapshotDom(page)).toEqual(before.dom);

  await popup.keyboard.press('Tab');
  await expect(popup.getByRole('checkbox', { name: 'Speak descriptions' })).toBeFocused();
  await popup.keyboard.press('Space');
  expect((await storedSettings(serviceWorker)).speech).toBe(true);
});

test('"include suspicious" names an image with a file-name alt through aria-label, leaving the author’s alt as written', async ({ context, serviceWorker }) => {
  await setSettings(serviceWorker, { includeSuspicious: true, withholdBelow: 0 });
  const page = await context.newPage();
  const url = await openFixture(page, serviceWorker);
  const report = await waitForAudit(serviceWorker, url, (r) => r.rows.some((row) => row.status === 'suspicious' && row.labelState !== null), undefined, ENGINE_MS);
  const ocean = report.rows.find((row) => row.selector.at(-1) === '#ocean')!;
  expect(ocean.status).toBe('suspicious');
  expect(ocean.name).toBe('IMG_2041.jpg');
  const attributes = await page.locator('#ocean').evaluate((el) => ({ alt: el.getAttribute('alt'), label: el.getAttribute('aria-label') }));
  expect(attributes).toEqual({ alt: 'IMG_2041.jpg', label: ocean.label });
});
