/**
 * A page fighting the extension: its scripts replace MutationObserver,
 * Element.prototype.setAttribute, JSON, Promise and Array.prototype methods,
 * and delete every alt written on one image. The content script runs in its
 * isolated world, so the normal photo still gets its name; on the fought image
 * Glimpse writes the name again a bounded number of times, then stops and says
 * so in the audit. The page's DOM is unchanged apart from the name Glimpse
 * wrote, and the page's timer keeps firing.
 *
 * Everything the test reads from the page goes through CDP (DOM.getOuterHTML,
 * Runtime.evaluate returning by value): the page's broken JSON and Array
 * would break evaluation helpers that run in the page's world.
 */
import type { CDPSession } from '@playwright/test';
import { test, expect } from '../../support/extension';
import { serveFixtures } from '../../support/static-server';
import { waitForAudit } from '../../support/image-audit';
import { setSettings } from '../../support/labels';
import { engineAnswered, type AuditReport, type AuditRow } from '../../../src/shared/audit';
import { REWRITE_DELAYS_MS } from '../../../src/content/rewrite-backoff';

const server = serveFixtures(['e2e/scenarios/hostile-page', 'e2e/scenarios/describe-photos']);
test.setTimeout(12 * 60_000);

const row = (report: AuditReport, id: string): AuditRow => report.rows.find((r) => r.selector.at(-1) === `#${id}`)!;

async function outerHtml(cdp: CDPSession): Promise<string> {
  const { root } = await cdp.send('DOM.getDocument', { depth: 0 });
  return (await cdp.send('DOM.getOuterHTML', { nodeId: root.nodeId })).outerHTML;
}

async function pageValue<T>(cdp: CDPSession, expression: string): Promise<T> {
  const { result } = await cdp.send('Runtime.evaluate', { expression, returnByValue: true });
  return result.value as T;
}

const escapeAttribute = (text: string): string => text.replace(/&/g, '&amp;').replace(/"/g, '&quot;');

test('overridden globals do not stop Glimpse, and a name the page keeps deleting is re-written a bounded number of times', async ({ context, serviceWorker }) => {
  await setSettings(serviceWorker, { withholdBelow: 0 });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  const url = `${server.origin}/index.html`;
  await page.goto(url);
  const cdp = await context.newCDPSession(page);
  await cdp.send('DOM.enable');
  const before = await outerHtml(cdp);

  const report = await waitForAudit(serviceWorker, url, (r) => ['photo', 'fought'].every((id) => row(r, id) && engineAnswered(row(r, id))), undefined, 10 * 60_000);
  const photo = row(report, 'photo');
  expect(photo.descriptionError).toBeNull();
  expect(photo.label).toBeTruthy();

  // The page deletes the fought image's alt: Glimpse writes it again after growing waits, then stops.
  const settledMs = REWRITE_DELAYS_MS.reduce((s, d) => s + d, 0) + 3000;
  const final = await waitForAudit(serviceWorker, url, (r) => row(r, 'fought').labelWithheld !== null, undefined, settledMs + 10_000);
  expect(row(final, 'fought').labelWithheld).toMatch(/page keeps removing the name Glimpse writes \(written again 3 times\)/);
  const writes = await pageValue<number>(cdp, 'window.hostile.altWrites');
  expect(writes).toBe(1 + REWRITE_DELAYS_MS.length);
  // And it stays stopped: no further writes.
  await page.waitForTimeout(REWRITE_DELAYS_MS.at(-1)! + 1000);
  expect(await pageValue<number>(cdp, 'window.hostile.altWrites')).toBe(writes);

  // The DOM is the page's own but for the photo's alt, written by Glimpse (not through the page's setAttribute).
  const after = await outerHtml(cdp);
  expect(after).toContain(`alt="${escapeAttribute(photo.label!)}"`);
  expect(after).not.toContain('="HIJACKED');
  expect(after.replace(` alt="${escapeAttribute(photo.label!)}"`, '')).toBe(before);
  expect(await pageValue<number>(cdp, 'window.hostile.setAttributeCalls')).toBe(0);

  const lateMs = await pageValue<number>(cdp, 'window.hostile.maxLateMs');
  console.log(`page timer: latest tick ${Math.round(lateMs)} ms late`);
  expect(lateMs).toBeLessThan(2000);
  expect(errors).toEqual([]);
});
