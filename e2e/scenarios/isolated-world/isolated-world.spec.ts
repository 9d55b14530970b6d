/**
 * Content scripts run in an isolated world: a page that replaces
 * MutationObserver, Element.prototype.getAttribute, Array.prototype.map,
 * querySelectorAll and getComputedStyle must not change what the scanner sees.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '../../support/extension';
import { serveFixtures } from '../../support/static-server';
import { rowAt, waitForAudit } from '../../support/image-audit';

const here = dirname(fileURLToPath(import.meta.url));
const server = serveFixtures([here, 'e2e/fixtures/pages']);

test('a page that overrides built-ins does not break the scanner', async ({ context, serviceWorker }) => {
  const page = await context.newPage();
  const url = `${server.origin}/index.html`;
  await page.goto(url);
  // The overrides are really in force in the page's world.
  expect(await page.evaluate(() => document.body.getAttribute('id'))).toBe('hijacked by the page');
  expect(await page.evaluate(() => { try { [1].map((x) => x); return 'ran'; } catch { return 'threw'; } })).toBe('threw');

  // The image added after load proves the scanner's MutationObserver is the browser's, not the page's.
  const report = await waitForAudit(serviceWorker, url, (r) => rowAt(r, '#added-no-alt') !== undefined);
  expect(rowAt(report, '#added-no-alt')).toMatchObject({ status: 'missing', ruleId: 'missing-img' });
  expect(rowAt(report, '#no-alt')).toMatchObject({ status: 'missing', ruleId: 'missing-img' });
  expect(rowAt(report, '#labelled')).toMatchObject({ status: 'labelled', name: 'A dog shakes off water' });
  expect(report.rows).toHaveLength(3);
});
