/**
 * The popup: counts per status for the tab (from every frame's report to the
 * background), the overlay toggle by keyboard, the engine status line, and 0
 * axe-core violations. Opened as a page, it is told the tab with `?tabId=`.
 */
import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '../../support/extension';
import { serveFixtures } from '../../support/static-server';
import { AXE_PATH, waitForAudit } from '../../support/image-audit';

const fixtures = join(dirname(fileURLToPath(import.meta.url)), '..', 'overlay');
const server = serveFixtures([fixtures, 'e2e/fixtures/pages']);

test('the popup shows the tab’s counts, toggles the overlay by keyboard, and passes axe-core', async ({ context, serviceWorker, extensionId }) => {
  const page = await context.newPage();
  const url = `${server.origin}/index.html`;
  await page.goto(url);
  const report = await waitForAudit(serviceWorker, url, (r) => r.rows.length === 5);
  const tabId = await serviceWorker.evaluate(async (u) => (await chrome.tabs.query({})).find((t) => t.url === u)?.id, url);

  const popup = await context.newPage();
  await popup.goto(`chrome-extension://${extensionId}/src/ui/popup.html?tabId=${tabId}`);
  for (const status of ['missing', 'suspicious', 'decorative', 'labelled'] as const) {
    await expect(popup.locator(`#counts li[data-status="${status}"] .n`)).toHaveText(String(report.counts[status]));
  }
  // The 1×1 image without alt is missing, and not described because it is too small: the popup says both.
  expect(report.notDescribed.missing['skip-too-small']).toBe(1);
  await expect(popup.locator('#counts li[data-status="missing"] .skips')).toHaveText('(1 too small to describe)');
  await expect(popup.locator('#engine')).toHaveText(/^Caption engine: (?!checking)/);
  await expect(popup.locator('#shortcut')).toContainText('Alt+Shift+G');
  // Chrome grants the host permission at install: the popup says access is given and offers no button.
  await expect(popup.locator('#site-access-state')).toHaveText(/^Glimpse may read the images of every site/);
  await expect(popup.locator('#site-access-allow')).toBeHidden();

  // The popup's CSP (script-src 'self') refuses an injected <script>; evaluating the source does not go through CSP.
  await popup.evaluate(await readFile(AXE_PATH, 'utf8'));
  const violations = await popup.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string }> }> } }).axe;
    return (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } })).violations.map((v) => v.id);
  });
  expect(violations).toEqual([]);

  // Keyboard only: the toggle is the first stop in the tab order.
  await popup.keyboard.press('Tab');
  await expect(popup.getByRole('button', { name: 'Toggle audit overlay' })).toBeFocused();
  await popup.keyboard.press('Enter');
  await expect(popup.locator('#overlay-state')).toHaveText('Overlay shown.');
  await expect(page.locator('glimpse-overlay [role="dialog"]')).toBeVisible();
  await popup.keyboard.press('Enter');
  await expect(popup.locator('#overlay-state')).toHaveText('Overlay hidden.');
  await expect(page.locator('glimpse-overlay')).toHaveCount(0);
});
