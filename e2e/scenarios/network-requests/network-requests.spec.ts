/**
 * The exact list of network requests made while Glimpse describes a page:
 * the page's own (its document and images), and from the extension only one
 * fetch of each of the page's image URLs, with no cookies. Nothing else, and
 * nothing off the machine.
 *
 * Two views make the list complete. The fixture server logs every request to
 * loopback with its Sec-Fetch-Dest (a trustworthy origin gets one): 'document'
 * and 'image' are the page's, 'empty' is a fetch(), which only the engine
 * makes here. Every other host goes through the network guard (a refusing
 * proxy, see network-guard.ts), from any context: the service worker, the
 * offscreen document and its workers included. Playwright's own request
 * events see the page (not the offscreen document, which it does not expose),
 * and must agree with the server about the page's requests; the only other
 * requests they see are the content script's chunks, from the extension's
 * own files.
 */
import { test, expect } from '@playwright/test';
import { launchWithExtension } from '../../support/extension';
import { waitForAudit } from '../../support/image-audit';
import { setSettings } from '../../support/labels';
import { serveHostile } from '../../support/hostile-server';
import { startNetworkGuard } from '../../support/network-guard';
import { engineAnswered, type AuditReport } from '../../../src/shared/audit';

const PHOTO = '1022454332_6af2c1449a.jpg';
const IMAGES = [`/${PHOTO}`, '/drawing.svg'];

test.setTimeout(8 * 60_000);

test('describing a page fetches its image URLs once each, without cookies, and nothing else', async () => {
  const server = await serveHostile(['e2e/scenarios/describe-photos', 'e2e/scenarios/engine-errors']);
  const guard = await startNetworkGuard();
  const browser = await launchWithExtension({ args: guard.args });
  try {
    await setSettings(browser.serviceWorker, { withholdBelow: 0 });
    await browser.context.addCookies([{ name: 'session', value: 'page-secret', domain: '127.0.0.1', path: '/' }]);
    const page = await browser.context.newPage();
    const seenByPlaywright: string[] = [];
    const ownFiles: string[] = [];
    page.on('request', (request) => {
      const where = new URL(request.url());
      if (where.protocol === 'chrome-extension:') ownFiles.push(`${request.resourceType()} ${where.host} ${where.pathname}`);
      else seenByPlaywright.push(`${request.resourceType()} ${where.pathname}`);
    });
    const body = IMAGES.map((src, i) => `<img id="i${i}" src="${src}" width="224" height="224">`).join('');
    const url = `${server.origin}/page?html=${encodeURIComponent(`<!doctype html><html lang="en"><head><title>t</title><link rel="icon" href="data:,"></head><body>${body}</body></html>`)}`;
    await page.goto(url);
    const ids = IMAGES.map((_, i) => `#i${i}`);
    const ready = (r: AuditReport) => ids.every((id) => r.rows.some((row) => row.selector.at(-1) === id && engineAnswered(row)));
    const report = await waitForAudit(browser.serviceWorker, page.url(), ready, undefined, 6 * 60_000);
    expect(report.rows.map((r) => r.descriptionError)).toEqual(IMAGES.map(() => null));
    await page.waitForTimeout(3000); // anything late would show now

    const requests = server.requests.map((r) => `${r.dest} ${r.path}`).sort();
    expect(requests).toEqual(['document /page', ...IMAGES.map((src) => `empty ${src}`), ...IMAGES.map((src) => `image ${src}`)].sort());
    // The engine's fetches carry no cookie; the page's own requests carry the page's.
    const engine = server.requests.filter((r) => r.dest === 'empty');
    expect(engine.map((r) => r.cookie ?? null)).toEqual(IMAGES.map(() => null));
    expect(server.requests.filter((r) => r.dest !== 'empty').map((r) => r.cookie)).toEqual(['session=page-secret', ...IMAGES.map(() => 'session=page-secret')]);
    expect(seenByPlaywright.sort()).toEqual(['document /page', ...IMAGES.map((src) => `image ${src}`)].sort());
    // The content script's own chunks, imported from the extension's files (no network).
    expect(ownFiles.length).toBeGreaterThan(0);
    for (const file of ownFiles) expect(file).toMatch(new RegExp(`^script ${browser.extensionId} /assets/[\\w.-]+\\.js$`));
    expect(guard.foreign()).toEqual([]);
  } finally {
    await browser.close();
    await guard.close();
    await server.close();
  }
});
