/**
 * Pages that restrict what runs in them, and what Glimpse can and cannot do there:
 *
 * - A Content-Security-Policy forbidding everything but the page's own images
 *   (`default-src 'none'; img-src 'self'`): the content script runs in its
 *   isolated world, the engine fetches from the extension, and the overlay is
 *   styled by a constructed stylesheet (CSSOM, outside style-src), so the
 *   photo is named and the overlay works with no CSP violation of Glimpse's.
 * - A sandboxed iframe (opaque origin, no scripts of its own): the content
 *   script still runs in it, and its photo is named. (Its images on the
 *   frame's own private address may be fetched: the address its document came
 *   from counts, as its origin is opaque.)
 * - Shadow roots: an open one is scanned and its image named; a closed one is
 *   out of reach (a content script sees `shadowRoot === null`, as every script
 *   does), so its image is neither reported nor touched.
 * - 10,000 images: the scan finds them all, only those within
 *   AROUND_SCREENS screens of the viewport are sent to the engine, the page's
 *   timer keeps firing, and nothing throws.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { test, expect } from '../../support/extension';
import { serveStatic } from '../../support/static-server';
import { sendToTab, waitForAudit } from '../../support/image-audit';
import { setSettings } from '../../support/labels';
import { serveHostile } from '../../support/hostile-server';
import { engineAnswered, type AuditReport, type AuditRow } from '../../../src/shared/audit';

const HERE = 'e2e/scenarios/restricted-pages';
const PHOTOS = 'e2e/scenarios/describe-photos';
const ENGINE_MS = 6 * 60_000;
/** describe-missing.ts's AROUND_SCREENS (that module needs the extension APIs, so it is not imported here). */
const AROUND_SCREENS = 3;

test.setTimeout(10 * 60_000);

const row = (report: AuditReport, id: string): AuditRow | undefined => report.rows.find((r) => r.selector.at(-1) === `#${id}`);
const answered = (report: AuditReport, id: string): boolean => {
  const r = row(report, id);
  return r !== undefined && engineAnswered(r);
};

/**
 * From DOMContentLoaded on (before the content script, which starts at document_idle), ticks a
 * page timer every 50 ms and keeps the latest lateness. An init script, so no page CSP applies to it.
 */
const TIMER = `addEventListener('DOMContentLoaded', () => { window.__lateMs = 0; let last = performance.now(); setInterval(() => { const now = performance.now(); window.__lateMs = Math.max(window.__lateMs, now - last - 50); last = now; }, 50); });`;

/** Console errors, but for the 404 of the browser's own /favicon.ico request. */
function consoleErrorsOf(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !message.location().url.endsWith('/favicon.ico')) errors.push(message.text());
  });
  return errors;
}

test("a CSP forbidding everything: the photo is named, the overlay works, and no violation is Glimpse's", async ({ context, serviceWorker }) => {
  const server = await serveStatic([HERE, PHOTOS], { 'content-security-policy': "default-src 'none'; img-src 'self'" });
  try {
    await setSettings(serviceWorker, { withholdBelow: 0 });
    const page = await context.newPage();
    const consoleErrors = consoleErrorsOf(page);
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    const url = `${server.origin}/csp.html`;
    await page.goto(url);
    const before = await page.evaluate(() => document.documentElement.outerHTML);
    await expect(page.locator('#sentinel')).toHaveText('script blocked'); // the policy is in force

    const report = await waitForAudit(serviceWorker, url, (r) => answered(r, 'photo'), undefined, ENGINE_MS);
    const photo = row(report, 'photo')!;
    expect(photo.descriptionError).toBeNull();
    expect(photo.label).toBeTruthy();
    await expect(page.locator('#photo')).toHaveAttribute('alt', photo.label!);
    expect(row(report, 'blocked')).toMatchObject({ status: 'missing', describe: 'skip-broken' });
    // The page's own refusals (its inline script, its <style>, the other origin's image), and nothing else.
    const ownRefusals = consoleErrors.length;
    expect(consoleErrors.every((text) => /^(Loading the image 'http:\/\/localhost:9\/elsewhere\.jpg'|Executing inline script|Applying inline style) violates/.test(text)), consoleErrors.join('\n')).toBe(true);

    expect(await sendToTab(serviceWorker, url, 'tab:toggle-overlay', { visible: true })).toEqual({ visible: true });
    const badge = page.locator('glimpse-overlay .badge').first();
    await expect(badge).toBeVisible();
    expect(await badge.evaluate((el) => getComputedStyle(el).borderTopLeftRadius)).toBe('3px'); // the overlay's own styles apply
    await sendToTab(serviceWorker, url, 'tab:toggle-overlay', { visible: false });
    await expect(page.locator('glimpse-overlay')).toHaveCount(0);

    expect(consoleErrors.slice(ownRefusals)).toEqual([]);
    expect(pageErrors).toEqual([]);
    const after = await page.evaluate(() => {
      const copy = document.documentElement.cloneNode(true) as HTMLElement;
      copy.querySelector('#photo')?.removeAttribute('alt');
      return copy.outerHTML;
    });
    expect(after).toBe(before);
  } finally {
    await server.close();
  }
});

test('a sandboxed iframe is reached; an open shadow root is, a closed one is not, and nothing throws', async ({ context, serviceWorker }) => {
  const server = await serveStatic([HERE, PHOTOS]);
  try {
    await setSettings(serviceWorker, { withholdBelow: 0 });
    const page = await context.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(String(error)));
    const url = `${server.origin}/frames.html`;
    await page.goto(url);
    const top = await waitForAudit(serviceWorker, url, (r) => answered(r, 'photo') && answered(r, 'in-open'), undefined, ENGINE_MS);
    for (const id of ['photo', 'in-open']) {
      expect(row(top, id)!.descriptionError, id).toBeNull();
      expect(row(top, id)!.label, id).toBeTruthy();
    }
    expect(row(top, 'in-open')!.selector).toEqual(['#open-host', '#in-open']);
    // The closed shadow root: not in the report, and its image untouched (read through CDP's view of the DOM).
    expect(top.rows.filter((r) => r.selector.join(' ').includes('closed'))).toEqual([]);
    const cdp = await context.newCDPSession(page);
    const { root } = await cdp.send('DOM.getDocument', { depth: -1, pierce: true });
    const html = (await cdp.send('DOM.getOuterHTML', { nodeId: root.nodeId, includeShadowDOM: true })).outerHTML;
    expect(html).toMatch(/<img id="in-closed" src="\/1022454332_6af2c1449a\.jpg" width="224" height="224">/);

    const framed = await waitForAudit(serviceWorker, url, (r) => answered(r, 'framed'), `${server.origin}/frame.html`, ENGINE_MS);
    expect(row(framed, 'framed')!.descriptionError).toBeNull();
    const frame = page.frame({ url: /\/frame\.html$/ })!;
    await expect(frame.locator('#framed')).toHaveAttribute('alt', row(framed, 'framed')!.label!);
    expect(pageErrors).toEqual([]);
  } finally {
    await server.close();
  }
});

test('10,000 images: all are found, only those near the viewport reach the engine, and the page keeps its pace', async ({ context, serviceWorker }) => {
  const COUNT = 10_000;
  const dir = await mkdtemp(join(tmpdir(), 'glimpse-10k-'));
  const server = await serveHostile([dir, PHOTOS]);
  try {
    // One file for all (a page of 10,000 distinct files takes this machine minutes to load without Glimpse).
    const images = Array.from({ length: COUNT }, (_, i) => `<img id="i${i}" src="/1022454332_6af2c1449a.jpg" width="60" height="60">`).join('');
    await writeFile(join(dir, 'many.html'), `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>10,000 images</title><style>img{margin:2px}</style></head><body><h1>Many</h1><p>${images}</p></body></html>`);
    await setSettings(serviceWorker, { withholdBelow: 0 });
    const page = await context.newPage();
    await page.addInitScript(TIMER);
    const problems = consoleErrorsOf(page);
    page.on('pageerror', (error) => problems.push(String(error)));
    const url = `${server.origin}/many.html`;
    await page.goto(url);
    const viewport = await page.evaluate(() => innerHeight);

    // Watched from the server only (a 10,000-row audit is work in the page too): wait until the engine's
    // fetches (Sec-Fetch-Dest: empty) stop coming, one caption and then the cache (the bytes are the same).
    const engineFetches = () => server.requests.filter((r) => r.dest === 'empty').length;
    let seen = -1;
    let stableSince = Date.now();
    const until = Date.now() + ENGINE_MS;
    while (Date.now() < until) {
      await page.waitForTimeout(2000);
      const now = engineFetches();
      if (now !== seen) [seen, stableSince] = [now, Date.now()];
      else if (now > 0 && Date.now() - stableSince > 15_000) break;
    }
    const lateMs = await page.evaluate(() => (window as unknown as { __lateMs: number }).__lateMs);
    console.log(`page timer: latest tick ${Math.round(lateMs)} ms late`);
    expect(lateMs).toBeLessThan(2000);

    // The scan found every image; those in reach were answered, and only they reached the engine.
    const report = await waitForAudit(serviceWorker, url, (r) => r.rows.length === COUNT, undefined, 10_000);
    const inReach = (r: AuditRow) => r.describe === 'describe' && r.priority <= AROUND_SCREENS;
    const near = report.rows.filter(inReach);
    console.log(`first scan ${Math.round(report.stats.initialMs)} ms; ${COUNT} images, ${near.length} within ${AROUND_SCREENS} screens of a ${viewport} px viewport; the engine fetched ${seen} times`);
    expect(near.length).toBeGreaterThan(100);
    expect(near.length).toBeLessThan(COUNT / 4);
    expect(near.filter((r) => !engineAnswered(r)).map((r) => r.selector.at(-1))).toEqual([]);
    expect(report.rows.filter((r) => !inReach(r) && engineAnswered(r)).map((r) => r.selector.at(-1))).toEqual([]);
    expect(engineFetches()).toBeLessThanOrEqual(near.length);
    expect(problems).toEqual([]);
  } finally {
    await server.close();
    await rm(dir, { recursive: true, force: true });
  }
});
