/**
 * Labels: Glimpse writes each description as the image's accessible name
 * (alt when absent, else aria-label), marked as automatic and hedged or
 * withheld by confidence; axe-core and Chromium's accessibility tree read it;
 * author names and decorative images stay as written; and switching Glimpse
 * off (globally, per site, per tab) gives back the page's DOM byte for byte.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page, Worker } from '@playwright/test';
import { test, expect } from '../../support/extension';
import { serveFixtures } from '../../support/static-server';
import { sendToTab, waitForAudit } from '../../support/image-audit';
import { axNames, axeImageVerdicts, labelledRows, setSettings, snapshotDom } from '../../support/labels';
import { engineAnswered, needsDescription, type AuditReport } from '../../../src/shared/audit';
import { DEFAULT_SETTINGS } from '../../../src/shared/settings';
import { participle } from '../../../src/shared/label-text';

const here = dirname(fileURLToPath(import.meta.url));
const server = serveFixtures([here, 'e2e/fixtures/pages']);

const ENGINE_MS = 150_000;
test.setTimeout(300_000);

/** Missing images the engine answered for (text or failure). */
const answered = (r: AuditReport): boolean => r.rows.filter(needsDescription).every(engineAnswered);
/** Every described missing image has Glimpse's decision. */
const decided = (r: AuditReport): boolean => r.rows.filter((row) => needsDescription(row) && engineAnswered(row) && row.descriptionError === null).every((row) => row.labelState !== null);
const undecided = (r: AuditReport): boolean => r.rows.every((row) => row.labelState === null);

/** Every labelled image: attribute holds the name, axe-core passes it, Chromium's AX tree reads it. */
async function expectNamesReadEverywhere(page: Page, report: AuditReport): Promise<void> {
  const rows = labelledRows(report);
  const selectors = rows.map((row) => row.selector.join(' >>> '));
  const axe = await axeImageVerdicts(page, selectors);
  const names = await axNames(page, selectors);
  for (const row of rows) {
    const selector = row.selector.join(' >>> ');
    expect(axe[selector]?.violations, `axe-core violations on ${selector}`).toEqual([]);
    expect(axe[selector]?.passes.length, `axe-core passes ${selector}`).toBeGreaterThan(0);
    expect(names[selector], `Chromium's AX name of ${selector}`).toBe(row.label);
    // Glimpse's own name never counts as the author's: the scan still sees the image as missing.
    expect(row.status).toBe('missing');
    expect(row.name).toBe('');
  }
}

/** Opens the fixture with Glimpse off (so nothing is described or written yet) and waits for the late photo. */
async function openLabelsPage(page: Page, sw: Worker): Promise<{ url: string; report: AuditReport }> {
  const url = `${server.origin}/index.html`;
  await page.goto(url);
  await page.locator('#arrived').waitFor({ state: 'attached' });
  const report = await waitForAudit(sw, url, (r) => r.rows.length === 10);
  return { url, report };
}

/** Glimpse's decision is in for every missing image. */
const labelsIn = (r: AuditReport): boolean => answered(r) && decided(r);

test('names written on every kind of image are what axe-core and the AX tree read; author and decorative images untouched; off restores the DOM exactly', async ({ context, serviceWorker }) => {
  // Off while the page loads, so the DOM the author wrote can be recorded first.
  await setSettings(serviceWorker, { enabled: false, withholdBelow: 0 });
  const page = await context.newPage();
  const { url, report: offReport } = await openLabelsPage(page, serviceWorker);
  expect(undecided(offReport)).toBe(true);
  // Off means off: no image was sent to the engine either.
  expect(offReport.rows.every((row) => !engineAnswered(row))).toBe(true);
  const before = await snapshotDom(page);

  // On, with no reload: storage.onChanged reaches the open tab.
  await setSettings(serviceWorker, { enabled: true });
  const report = await waitForAudit(serviceWorker, url, labelsIn, undefined, ENGINE_MS);
  const labelled = new Map(labelledRows(report).map((row) => [row.selector.at(-1), row]));
  // The engine describes these photos (tests/e2e describe-photos); each must now carry a name.
  for (const id of ['#kids', '#meadow', '#buy', '#arrived']) expect(labelled.has(id), `${id} labelled`).toBe(true);
  const attributes = await page.evaluate(() =>
    Object.fromEntries(['kids', 'meadow', 'buy', 'arrived', 'shore'].map((id) => {
      const el = document.getElementById(id)!;
      return [`#${id}`, { alt: el.getAttribute('alt'), ariaLabel: el.getAttribute('aria-label') }];
    })),
  );
  for (const [id, row] of labelled) {
    const expectedAttribute = id === '#meadow' ? 'ariaLabel' : 'alt';
    expect(attributes[id!]?.[expectedAttribute], `${id} ${expectedAttribute}`).toBe(row.label);
    expect(row.label).toMatch(/^Automatic description(, uncertain: may show |: )\S/);
    // A caption that contradicts the concept evidence is withheld: the photo is named by its concepts.
    if (row.captionWithheld) {
      expect(row.label, `${id}: ${row.captionWithheld}`).toMatch(/^Automatic description: Photo: \S/);
      expect(row.labelState).toBe('confident');
      continue;
    }
    const confidence = row.descriptionConfidence ?? 0;
    expect(row.labelState).toBe(confidence >= DEFAULT_SETTINGS.confidentAt ? 'confident' : 'hedged');
    // A hedge reads "may show a dog running", not "… a dog is running".
    expect(row.label!.endsWith(row.labelState === 'hedged' ? participle(row.description!) : row.description!), `${row.label} / ${row.description}`).toBe(true);
  }
  await expectNamesReadEverywhere(page, report);

  const during = await snapshotDom(page);
  for (const id of ['street', 'rule', 'ocean', 'named', 'mapped']) expect(during.byId[id], `#${id} untouched`).toBe(before.byId[id]);
  expect(during.html).not.toBe(before.html);

  await setSettings(serviceWorker, { enabled: false });
  await waitForAudit(serviceWorker, url, undecided);
  expect(await snapshotDom(page)).toEqual(before);
});

test('pausing the tab or denying the site restores the page; resuming names the images again', async ({ context, serviceWorker }) => {
  await setSettings(serviceWorker, { enabled: false, withholdBelow: 0 });
  const page = await context.newPage();
  const { url } = await openLabelsPage(page, serviceWorker);
  const before = await snapshotDom(page);
  await setSettings(serviceWorker, { enabled: true });
  const on = await waitForAudit(serviceWorker, url, labelsIn, undefined, ENGINE_MS);
  const count = labelledRows(on).length;
  expect(count).toBeGreaterThanOrEqual(4);

  expect(await sendToTab(serviceWorker, url, 'tab:pause', { paused: true })).toEqual({ paused: true });
  await waitForAudit(serviceWorker, url, undecided);
  expect(await snapshotDom(page)).toEqual(before);
  expect(await sendToTab(serviceWorker, url, 'tab:pause', { paused: false })).toEqual({ paused: false });
  expect(labelledRows(await waitForAudit(serviceWorker, url, (r) => labelledRows(r).length === count)).length).toBe(count);

  await setSettings(serviceWorker, { deniedSites: [new URL(url).hostname] });
  await waitForAudit(serviceWorker, url, undecided);
  expect(await snapshotDom(page)).toEqual(before);
});

test('a dynamic feed: photos added after load are named too, and axe-core and the AX tree agree', async ({ context, serviceWorker }) => {
  await setSettings(serviceWorker, { withholdBelow: 0 });
  const page = await context.newPage();
  const url = `${server.origin}/social-feed.html`;
  await page.goto(url);
  const report = await waitForAudit(serviceWorker, url, (r) => r.rows.filter((row) => row.status === 'missing').length >= 3 && answered(r) && decided(r), undefined, ENGINE_MS);
  const rows = labelledRows(report);
  expect(rows.length).toBeGreaterThanOrEqual(3);
  await expectNamesReadEverywhere(page, report);
});

test('default thresholds: a caption below the floor is withheld; the photo is named by its sure concepts, or nothing is written', async ({ context, serviceWorker }) => {
  const page = await context.newPage();
  const url = `${server.origin}/news-article.html`;
  await page.goto(url);
  const report = await waitForAudit(serviceWorker, url, (r) => answered(r) && decided(r) && r.rows.some((row) => row.description !== null), undefined, ENGINE_MS);
  for (const row of report.rows.filter((r) => r.status === 'missing' && r.description !== null)) {
    const confidence = row.descriptionConfidence!;
    const attribute = await page.locator(row.selector[0]!).evaluate((el) => el.getAttribute('alt'));
    if ((confidence < DEFAULT_SETTINGS.withholdBelow || row.captionWithheld) && row.concepts.length) {
      expect(row.labelState).toBe('confident');
      expect(row.label).toMatch(/^Automatic description: Photo: \S/);
      expect(row.label).not.toContain(row.description!);
      expect(attribute).toBe(row.label);
    } else if (confidence < DEFAULT_SETTINGS.withholdBelow) {
      expect(row.labelState).toBe('withheld');
      expect(row.labelWithheld).toMatch(/withheld.*confidence.*below/);
      expect(attribute).toBeNull();
    } else {
      expect(row.labelState).toBe(confidence >= DEFAULT_SETTINGS.confidentAt ? 'confident' : 'hedged');
      expect(attribute).toBe(row.label);
    }
  }
  // The suspicious filename alt is not Glimpse's to replace unless the user asks.
  const ocean = report.rows.find((r) => r.status === 'suspicious');
  expect(ocean?.labelState).toBeNull();
});
