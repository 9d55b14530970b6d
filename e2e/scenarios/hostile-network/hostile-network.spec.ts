/**
 * Hostile networks: an image server that sends a byte a second must not hold
 * up the other photos, and a public page pointing <img> elements at a
 * loopback address (directly or through a redirect) must get no description
 * of them into its DOM, while its normal photo still gets a name.
 *
 * "Public" is made real with Chromium's --host-resolver-rules: the page is
 * served as http://public.example:PORT and its photo as http://cdn.example:PORT,
 * names that are not private by themselves, while the secret image is
 * addressed as http://127.0.0.1:PORT.
 */
import type { Page, Worker } from '@playwright/test';
import { test as base, expect } from '@playwright/test';
import { launchWithExtension, type LaunchedExtension } from '../../../scripts/lib/launch-extension';
import { waitForAudit } from '../../support/image-audit';
import { setSettings } from '../../support/labels';
import { serveHostile, type HostileServer } from '../../support/hostile-server';
import { engineAnswered, type AuditReport, type AuditRow } from '../../../src/shared/audit';
import { pageTimerLateMs, startPageTimer } from '../../support/page-timer';

const PHOTOS = 'e2e/scenarios/describe-photos';
const PHOTO_A = '1022454332_6af2c1449a.jpg';
const PHOTO_B = '103106960_e8a41d64f8.jpg';
const ENGINE_MS = 8 * 60_000;

const test = base.extend<{ server: HostileServer }>({
  // eslint-disable-next-line no-empty-pattern
  server: async ({}, use) => {
    const server = await serveHostile([PHOTOS]);
    await use(server);
    await server.close();
  },
});
test.setTimeout(12 * 60_000);

const pageUrl = (origin: string, body: string): string => `${origin}/page?html=${encodeURIComponent(`<!doctype html><html lang="en"><head><title>t</title></head><body>${body}</body></html>`)}`;
const row = (report: AuditReport, id: string): AuditRow => report.rows.find((r) => r.selector.at(-1) === `#${id}`)!;
const answered = (ids: string[]) => (report: AuditReport) => ids.every((id) => row(report, id) && engineAnswered(row(report, id)));

async function open(browser: LaunchedExtension, url: string): Promise<{ page: Page; sw: Worker; errors: string[] }> {
  await setSettings(browser.serviceWorker, { withholdBelow: 0 });
  const page = await browser.context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  // Not 'load': the page's own <img> of the drip never finishes, so its load event never fires.
  await page.goto(url, { waitUntil: 'domcontentloaded' });
  return { page, sw: browser.serviceWorker, errors };
}

test('an image that trickles a byte a second times out, and the photos after it still get names', async ({ server }) => {
  const browser = await launchWithExtension();
  try {
    const body = [
      `<img id="drip" src="/drip/${PHOTO_B}" width="224" height="224">`,
      `<img id="a" src="/${PHOTO_A}" width="224" height="224">`,
      `<img id="b" src="/${PHOTO_B}" width="224" height="224">`,
    ].join('');
    const url = pageUrl(server.origin, body);
    const { page, sw, errors } = await open(browser, url);
    // A page timer keeps firing on time while Glimpse works.
    await startPageTimer(page);
    const report = await waitForAudit(sw, page.url(), answered(['a', 'b', 'drip']), undefined, ENGINE_MS);
    expect(row(report, 'a').descriptionError).toBeNull();
    expect(row(report, 'b').descriptionError).toBeNull();
    expect(row(report, 'drip').descriptionError).toMatch(/timed out/);
    // The engine hung up on the drip itself (its download deadline is 20 s); the page's own <img> is still loading.
    const engineDrip = server.drips.find((d) => d.dest === 'empty');
    expect(engineDrip?.closed, 'the engine closed the slow connection').not.toBeNull();
    expect(server.drips.find((d) => d.dest === 'image')?.closed).toBeNull();
    expect(await page.locator('#a').getAttribute('alt')).toBeTruthy();
    expect(await page.locator('#b').getAttribute('alt')).toBeTruthy();
    expect(await page.locator('#drip').getAttribute('alt')).toBeNull();
    expect(await pageTimerLateMs(page)).toBeLessThan(2000);
    expect(errors).toEqual([]);
  } finally {
    await browser.close();
  }
});

test('a public page pointing images at a loopback address gets no description of them; its own photo does', async ({ server }) => {
  const browser = await launchWithExtension({ args: ['--host-resolver-rules=MAP public.example 127.0.0.1, MAP cdn.example 127.0.0.1'] });
  try {
    const secret = `http://127.0.0.1:${server.port}/${PHOTO_B}`;
    const body = [
      `<img id="secret" src="${secret}" width="224" height="224">`,
      `<img id="redirected" src="http://cdn.example:${server.port}/redirect?to=${encodeURIComponent(secret)}" width="224" height="224">`,
      `<img id="photo" src="/${PHOTO_A}" width="224" height="224">`,
      `<script>window.readBack = () => ['secret', 'redirected'].map((id) => [document.getElementById(id).alt, document.getElementById(id).getAttribute('aria-label')]);</script>`,
    ].join('');
    const url = pageUrl(`http://public.example:${server.port}`, body);
    await browser.context.addCookies([{ name: 'session', value: 'page-secret', domain: 'public.example', path: '/' }]);
    const { page, sw, errors } = await open(browser, url);
    const before = await page.evaluate(() => ['secret', 'redirected'].map((id) => document.getElementById(id)!.outerHTML));
    const report = await waitForAudit(sw, page.url(), answered(['secret', 'redirected', 'photo']), undefined, ENGINE_MS);
    for (const id of ['secret', 'redirected']) {
      expect(row(report, id).descriptionError, id).toMatch(/^Not described: private address\. .*loopback address/);
      expect(row(report, id).label, id).toBeNull();
    }
    expect(row(report, 'photo').descriptionError).toBeNull();
    expect(row(report, 'photo').label).toBeTruthy();
    // What the page's own script can read: nothing about the private images.
    expect(await page.evaluate(() => (window as unknown as { readBack: () => string[][] }).readBack())).toEqual([['', null], ['', null]]);
    expect(await page.evaluate(() => ['secret', 'redirected'].map((id) => document.getElementById(id)!.outerHTML))).toEqual(before);
    expect(await page.locator('#photo').getAttribute('alt')).toBe(row(report, 'photo').label);
    // The page's host has a cookie: the page's own <img> load carries it, the engine's fetch of the same photo does not.
    const photoLoads = server.requests.filter((r) => r.path === `/${PHOTO_A}`);
    // (http://public.example is not a trustworthy origin, so no Sec-Fetch-Dest: Accept tells the <img> from the fetch.)
    expect(photoLoads.filter((r) => r.accept?.startsWith('image/')).map((r) => r.cookie)).toContain('session=page-secret');
    const engineLoads = photoLoads.filter((r) => r.accept === '*/*');
    expect(engineLoads.length).toBeGreaterThan(0);
    expect(engineLoads.map((r) => r.cookie ?? null)).toEqual(engineLoads.map(() => null));
    // The direct loopback address is refused before any request. (A redirect into it is refused on
    // arrival: fetch() follows it before the engine can see where it leads, and the answer is dropped.)
    expect(server.requests.filter((r) => r.path === `/${PHOTO_B}` && r.dest === 'empty').length).toBeLessThanOrEqual(1);
    expect(errors).toEqual([]);
  } finally {
    await browser.close();
  }
});
