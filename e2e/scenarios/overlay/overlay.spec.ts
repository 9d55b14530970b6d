/**
 * The auditor overlay: badges with the rules' reasons, a summary panel that
 * works by keyboard and passes axe-core, JSON/CSV export, no layout shift,
 * and no trace in the page once it is off.
 */
import { readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page, Worker } from '@playwright/test';
import { test, expect } from '../../support/extension';
import { serveFixtures } from '../../support/static-server';
import { AXE_PATH, rowAt, sendToTab, waitForAudit } from '../../support/image-audit';
import { ruleById } from '../../../src/shared/image-rules';
import { engineAnswered, needsDescription, type AuditReport } from '../../../src/shared/audit';

const here = dirname(fileURLToPath(import.meta.url));
const server = serveFixtures([here, 'e2e/fixtures/pages']);

async function openFixture(page: Page, serviceWorker: Worker): Promise<{ url: string; report: AuditReport }> {
  const url = `${server.origin}/index.html`;
  await page.goto(url);
  const report = await waitForAudit(serviceWorker, url, (r) => r.rows.length === 5);
  return { url, report };
}

const toggle = (sw: Worker, url: string, visible?: boolean) => sendToTab(sw, url, 'tab:toggle-overlay', visible === undefined ? {} : { visible });

/** Everything a page could observe of its own DOM and layout. */
const snapshot = (page: Page) =>
  page.evaluate(() => ({
    html: new XMLSerializer().serializeToString(document),
    boxes: Array.from(document.querySelectorAll('body *'), (el) => JSON.stringify(el.getBoundingClientRect())),
    scroll: [document.documentElement.scrollWidth, document.documentElement.scrollHeight],
  }));

test('turning the overlay on shifts no layout, and turning it off leaves the DOM exactly as it was', async ({ context, serviceWorker }) => {
  test.setTimeout(240_000);
  const page = await context.newPage();
  const { url } = await openFixture(page, serviceWorker);
  // Describing and labelling change the page on their own (a name written into #no-alt):
  // let them finish, so the snapshots differ only by what the overlay does.
  await waitForAudit(serviceWorker, url, (r) => r.rows.every((row) => !needsDescription(row) || engineAnswered(row)), undefined, 150_000);
  await page.waitForTimeout(1_000);
  const before = await snapshot(page);

  expect(await toggle(serviceWorker, url, true)).toEqual({ visible: true });
  await expect(page.locator('glimpse-overlay .badge').first()).toBeVisible();
  const during = await snapshot(page);
  expect(during.boxes).toEqual(before.boxes);
  expect(during.scroll).toEqual(before.scroll);
  expect(during.html).not.toEqual(before.html); // the overlay is really there

  expect(await toggle(serviceWorker, url)).toEqual({ visible: false });
  const after = await snapshot(page);
  expect(after).toEqual(before);
});

test('badges show each image its status and the rule’s reason; the page cannot restyle them', async ({ context, serviceWorker }) => {
  test.setTimeout(240_000);
  const page = await context.newPage();
  const { url, report } = await openFixture(page, serviceWorker);
  await toggle(serviceWorker, url, true);
  for (const [selector, ruleId] of [['#no-alt', 'missing-img'], ['#filename', 'suspicious-filename'], ['#labelled', 'labelled'], ['#decorative', 'decorative-empty-alt']] as const) {
    const id = rowAt(report, selector)?.id;
    const badge = page.locator(`glimpse-overlay .badge[data-id="${id}"]`);
    await expect(badge).toContainText(ruleById(ruleId).reason);
    // Drawn over its image's top-left corner.
    const [b, img] = await Promise.all([badge.boundingBox(), page.locator(selector).boundingBox()]);
    expect(Math.abs((b?.x ?? -1) - (img?.x ?? -2))).toBeLessThan(2);
    expect(Math.abs((b?.y ?? -1) - (img?.y ?? -2))).toBeLessThan(2);
  }
  // The page's `div { background: yellow !important }` does not reach into the shadow root.
  const missing = page.locator(`glimpse-overlay .badge[data-id="${rowAt(report, '#no-alt')?.id}"]`);
  expect(await missing.evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(165, 14, 30)');
  // The badge follows the registry: when the page names the image, the badge says so.
  await page.locator('#no-alt').evaluate((img) => img.setAttribute('alt', 'A dog runs into the sea'));
  await expect(missing).toContainText(ruleById('labelled').reason);
  // And once the engine has answered for a missing image, its badge shows the answer (a suggestion or why there is none).
  await page.locator('#no-alt').evaluate((img) => img.removeAttribute('alt'));
  await expect(missing.locator('.suggestion').first()).toHaveText(/^(Suggested: .+|No suggestion: .+)$/, { timeout: 90_000 });
});

test('the summary panel counts per status, works by keyboard, exports JSON and CSV, and passes axe-core', async ({ context, serviceWorker }) => {
  const page = await context.newPage();
  const { url, report } = await openFixture(page, serviceWorker);
  await page.locator('#after').focus();
  await toggle(serviceWorker, url, true);
  const panel = page.locator('glimpse-overlay [role="dialog"]');
  await expect(panel).toBeVisible();
  // Focus moved into the panel, on its heading.
  await expect(panel.getByRole('heading', { name: 'Glimpse image audit' })).toBeFocused();
  for (const status of ['missing', 'suspicious', 'decorative', 'labelled'] as const) {
    await expect(panel.locator(`li[data-status="${status}"] .n`)).toHaveText(String(report.counts[status]));
  }
  // The 1×1 pixel without alt counts as missing, and the panel says Glimpse won't describe it.
  await expect(panel.locator('li[data-status="missing"] .skips')).toHaveText('(1 too small to describe)');

  // axe-core on the overlay itself: no violations (all WCAG 2.x A/AA rules and best practices).
  await page.addScriptTag({ path: AXE_PATH });
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: object, opts: object) => Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } }).axe;
    const result = await axe.run({ include: [['glimpse-overlay']] }, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
    return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
  });
  expect(violations).toEqual([]);

  // Keyboard: Tab reaches the image navigator; Enter steps through the images to fix, in document order.
  await page.keyboard.press('Tab');
  await expect(panel.getByRole('button', { name: 'Previous image to fix' })).toBeFocused();
  await page.keyboard.press('Tab');
  await expect(panel.getByRole('button', { name: 'Next image to fix' })).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(panel.locator('.current-image')).toHaveText(`Image 1 of 3: Missing. ${ruleById('missing-img').reason}`);
  await expect(page.locator(`glimpse-overlay .badge.current`)).toHaveAttribute('data-id', rowAt(report, '#no-alt')?.id ?? '');
  await page.keyboard.press('Enter');
  await expect(panel.locator('.current-image')).toHaveText(`Image 2 of 3: Suspicious. ${ruleById('suspicious-filename').reason} Current name: “DSC01234.jpg”.`);
  // The tracking pixel is missing a text alternative too (axe flags it); Glimpse only won't describe it.
  await page.keyboard.press('Enter');
  await expect(panel.locator('.current-image')).toHaveText(`Image 3 of 3: Missing. ${ruleById('missing-img').reason} ${ruleById('skip-too-small').reason}`);
  await expect(page.locator(`glimpse-overlay .badge.current`)).toHaveAttribute('data-id', rowAt(report, '#pixel')?.id ?? '');
  await expect(panel.getByRole('button', { name: 'Next image to fix' })).toBeFocused();

  // Tab reaches Export JSON, Enter downloads the audit.
  await page.keyboard.press('Tab');
  await expect(panel.getByRole('button', { name: 'Export JSON' })).toBeFocused();
  const [json] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(json.suggestedFilename()).toMatch(/^glimpse-audit-127\.0\.0\.1-.*\.json$/);
  const exported = JSON.parse(await readFile(await json.path(), 'utf8')) as AuditReport;
  expect(exported.counts).toEqual(report.counts);
  expect(exported.notDescribed).toEqual(report.notDescribed);
  expect(exported.rows.map((r) => [r.selector, r.status, r.reason, r.describe, r.describeReason])).toEqual(report.rows.map((r) => [r.selector, r.status, r.reason, r.describe, r.describeReason]));
  expect(rowAt(exported, '#pixel')).toMatchObject({ status: 'missing', describe: 'skip-too-small' });

  await page.keyboard.press('Tab');
  await expect(panel.getByRole('button', { name: 'Export CSV' })).toBeFocused();
  const [csv] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Space')]);
  const lines = (await readFile(await csv.path(), 'utf8')).trimEnd().split('\r\n');
  expect(lines[0]).toMatch(/^id,kind,status,ruleId,reason,describe,describeReason,/);
  expect(lines).toHaveLength(report.rows.length + 1);
  expect(lines.some((l) => l.includes(ruleById('suspicious-filename').reason))).toBe(true);

  // Escape closes the overlay and puts focus back where it was.
  await page.keyboard.press('Escape');
  await expect(page.locator('glimpse-overlay')).toHaveCount(0);
  await expect(page.locator('#after')).toBeFocused();
});
