/**
 * Speech and "Describe this image": headless Chromium has no voices, so the
 * tests read the utterances Glimpse handed to speechSynthesis (text, voice,
 * rate, pitch) through `tab:speech-log`; the context menu's popover is a
 * focus-managed dialog that leaves the image and the DOM as they were.
 */
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page, Worker } from '@playwright/test';
import { test, expect } from '../../support/extension';
import { serveFixtures } from '../../support/static-server';
import { sendToTab, waitForAudit } from '../../support/image-audit';
import { labelledRows, setSettings, snapshotDom } from '../../support/labels';
import type { AuditReport } from '../../../src/shared/audit';
import type { SpokenUtterance } from '../../../src/shared/messages';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'labels');
const server = serveFixtures([fixtures, 'e2e/fixtures/pages']);

const ENGINE_MS = 150_000;
test.setTimeout(300_000);

const labelOf = (report: AuditReport, id: string): string | null => report.rows.find((r) => r.selector.at(-1) === id)?.label ?? null;
const speechLog = async (sw: Worker, url: string): Promise<SpokenUtterance[]> =>
  ((await sendToTab(sw, url, 'tab:speech-log', {})) as { utterances: SpokenUtterance[] }).utterances;

async function openLabelled(page: Page, sw: Worker): Promise<{ url: string; report: AuditReport }> {
  const url = `${server.origin}/index.html`;
  await page.goto(url);
  const report = await waitForAudit(sw, url, (r) => r.rows.length === 10 && labelledRows(r).length >= 4 && labelOf(r, '#buy') !== null, undefined, ENGINE_MS);
  return { url, report };
}

test('with speech on, focus on a named image speaks its name with the chosen rate and pitch; each utterance replaces the last', async ({ context, serviceWorker }) => {
  await setSettings(serviceWorker, { speech: true, withholdBelow: 0, rate: 1.5, pitch: 0.8 });
  const page = await context.newPage();
  const { url, report } = await openLabelled(page, serviceWorker);
  expect(await speechLog(serviceWorker, url)).toEqual([]);

  await page.focus('#buy');
  await expect.poll(async () => (await speechLog(serviceWorker, url)).length).toBe(1);
  const [first] = await speechLog(serviceWorker, url);
  expect(first).toMatchObject({ text: labelOf(report, '#buy'), rate: 1.5, voice: '', reason: 'focus', lang: 'en' });
  // SpeechSynthesisUtterance keeps pitch as a float: 0.8 reads back as 0.800000011920929.
  expect(first!.pitch).toBeCloseTo(0.8, 5);

  // An image inside a focusable link or map: the area is focusable and named by Glimpse.
  const shore = labelOf(report, '#shore');
  if (shore !== null) {
    await page.focus('#shore');
    await expect.poll(async () => (await speechLog(serviceWorker, url)).at(-1)?.text).toBe(shore);
  }
  // Nothing queues: Glimpse cancels before speaking, so speechSynthesis holds at most the current utterance.
  const pending = await page.evaluate(() => speechSynthesis.pending);
  expect(pending).toBe(false);
});

test('speech is off by default; the speak-focused command still reads the focused image, and says so when focus is elsewhere', async ({ context, serviceWorker }) => {
  await setSettings(serviceWorker, { withholdBelow: 0 });
  const page = await context.newPage();
  const { url, report } = await openLabelled(page, serviceWorker);
  await page.focus('#buy');
  await page.waitForTimeout(500);
  expect(await speechLog(serviceWorker, url)).toEqual([]);

  expect(await sendToTab(serviceWorker, url, 'tab:speak-focused', {})).toEqual({ spoken: labelOf(report, '#buy') });
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  expect(await sendToTab(serviceWorker, url, 'tab:speak-focused', {})).toEqual({ spoken: 'The focused element is not an image.' });
  const log = await speechLog(serviceWorker, url);
  expect(log.map((u) => [u.reason, u.text])).toEqual([
    ['command', labelOf(report, '#buy')],
    ['command', 'The focused element is not an image.'],
  ]);
});

test('"Describe this image" on an author-labelled image: a focused dialog with the description, Escape closes it, the image is unchanged', async ({ context, serviceWorker }) => {
  // On demand, so nothing but the menu acts on the page while the DOM is compared.
  await setSettings(serviceWorker, { speech: true, mode: 'on-demand' });
  // The menu item exists (update rejects an unknown id).
  await serviceWorker.evaluate(() => chrome.contextMenus.update('glimpse-describe-image', {}));
  const page = await context.newPage();
  const url = `${server.origin}/index.html`;
  await page.goto(url);
  await waitForAudit(serviceWorker, url, (r) => r.rows.length === 10);
  const before = await snapshotDom(page);
  await page.focus('#buy');

  await page.click('#street', { button: 'right' });
  // A mouse press on an image moves focus to <body>; keyboard users (Shift+F10) keep theirs, as here.
  await page.focus('#buy');
  const src = await page.locator('#street').evaluate((el) => (el as HTMLImageElement).currentSrc);
  const answer = sendToTab(serviceWorker, url, 'tab:describe-image', { srcUrl: src }) as Promise<{ text: string }>;
  const dialog = page.getByRole('dialog', { name: 'Image description' });
  await expect(dialog).toBeVisible();
  await expect(page.getByRole('heading', { name: 'Image description' })).toBeFocused();
  const { text } = await answer;
  expect(text).toMatch(/^(Automatic description|No description: )/);
  await expect(dialog.locator('p')).toHaveText(text);
  expect((await speechLog(serviceWorker, url)).at(-1)).toMatchObject({ text, reason: 'menu' });

  const during = await snapshotDom(page);
  expect(during.byId.street).toBe(before.byId.street);
  await page.keyboard.press('Escape');
  await expect(dialog).toHaveCount(0);
  await expect(page.locator('#buy')).toBeFocused();
  expect(await snapshotDom(page)).toEqual(before);
});
