/**
 * Real web images in realistic places: a news page whose pictures come from
 * the real-web dev set (../shared/data/real-web, served at run time under
 * neutral names, never copied into the repository): a logo in the header's
 * home link, a photo in another header link, a chart in an article, a receipt
 * in a blog post, two blank stand-ins (a transparent picture stretched to size
 * and one flat colour), and a lazy-loading placeholder whose real photo only
 * arrives when the page is scrolled to it.
 *
 * Each gets the right kind of name: the photo in the header link is a photo,
 * not a logo; the receipt is a document quoting where its text begins; the
 * blank pictures and the placeholder are never given a type or a name while
 * they are blank, and the placeholder is named once its real image is in.
 */
import { join, resolve } from 'node:path';
import { test, expect } from '../../support/extension';
import { serveFixtures } from '../../support/static-server';
import { answered, rowById, waitForAudit } from '../../support/image-audit';
import { peopleOrAnimals } from '../../../scripts/type-gate/label-checks';

const REAL_WEB = resolve('../shared/data/real-web/images');
/** Neutral path → real-web dev file (the file names carry the kind; the page never shows them). */
const IMAGES: Record<string, string> = {
  '/rw/a1.png': 'logo-005bb2a73a.png',
  '/rw/a2.jpg': 'photo-01ac16b8aa.jpg',
  '/rw/a3.png': 'chart-0b3e4255ba.png',
  '/rw/a4.jpg': 'receipt-0952dad4b1.jpg',
  '/rw/a5.jpg': 'photo-0683bd3382.jpg',
};
const server = serveFixtures(['e2e/fixtures/pages'], Object.fromEntries(Object.entries(IMAGES).map(([path, file]) => [path, join(REAL_WEB, file)])));

const row = rowById;

test('real web images in realistic places get the right kind of name; blank pictures and a lazy placeholder get none while blank', async ({ context, serviceWorker }) => {
  test.setTimeout(600_000);
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const url = `${server.origin}/real-web-news.html`;
  await page.goto(url);
  const ids = ['site-logo', 'header-photo', 'article-chart', 'blog-receipt', 'clear', 'swatch'];
  let report = await waitForAudit(serviceWorker, url, (r) => ids.every((id) => answered(row(r, id))), undefined, 540_000);

  const logo = row(report, 'site-logo')!;
  expect(logo.imageType, logo.imageTypeReasons.join('; ')).toBe('logo');
  expect(logo.label).toMatch(/^Automatic description(: Logo|, uncertain: may show a logo)/);

  const photo = row(report, 'header-photo')!;
  expect(photo.imageType, `a photo in a header link is not a logo: ${photo.imageTypeReasons.join('; ')}`).toBe('photo');
  expect(photo.label ?? '').not.toMatch(/logo/i);
  expect(photo.imageTypeReasons.join(' ')).not.toMatch(/place in the page/);

  const chart = row(report, 'article-chart')!;
  expect(chart.imageType, chart.imageTypeReasons.join('; ')).toBe('chart');
  expect(chart.label).toMatch(/^Automatic description(: |, uncertain: may show a )(Chart|Diagram|chart|diagram)/);
  expect(peopleOrAnimals(chart.label ?? '')).toEqual([]);

  const receipt = row(report, 'blog-receipt')!;
  expect(receipt.imageType, receipt.imageTypeReasons.join('; ')).toBe('document');
  expect(receipt.label).toMatch(/^Automatic description(: Document|, uncertain: may show a document), text begins: /);
  expect(receipt.description, 'a receipt is never captioned').toBeNull();
  // The name quotes the start; the audit keeps every line read.
  expect(receipt.ocrText!.length).toBeGreaterThan(200);
  expect((receipt.label ?? '').length).toBeLessThan(300);

  for (const id of ['clear', 'swatch']) {
    const blank = row(report, id)!;
    expect(blank.describe, id).toBe('describe');
    expect(blank.descriptionError, id).toMatch(/^Placeholder, not described: the picture is (fully transparent|one flat colour)/);
    expect(blank.imageType, id).toBeNull();
    expect(blank.label, id).toBeNull();
    expect(await page.locator(`#${id}`).getAttribute('alt'), id).toBeNull();
  }

  // Far down the page the lazy image still shows its 1×1 stand-in: a placeholder, never named.
  let lazy = row(report, 'lazy-photo')!;
  expect(lazy.describe).toBe('skip-placeholder');
  expect(lazy.describeReason).toMatch(/lazy-loading/);
  expect(lazy.imageType).toBeNull();
  expect(lazy.label).toBeNull();
  expect(await page.locator('#lazy-photo').getAttribute('alt')).toBeNull();

  // Scrolled to, the page's loader swaps the real source in: now it is described as the photo it is.
  await page.locator('#lazy-photo').scrollIntoViewIfNeeded();
  await expect(page.locator('#lazy-photo')).toHaveAttribute('src', /\/rw\/a5\.jpg$/);
  report = await waitForAudit(serviceWorker, url, (r) => answered(row(r, 'lazy-photo')), undefined, 300_000);
  lazy = row(report, 'lazy-photo')!;
  expect(lazy.describe).toBe('describe');
  expect(lazy.imageType, lazy.imageTypeReasons.join('; ')).toBe('photo');
  expect(lazy.label).toMatch(/^Automatic description/);
  expect(pageErrors).toEqual([]);
});
