/**
 * Firefox (Debian's firefox-esr, headless, dist-firefox/ installed through
 * WebDriver BiDi): unlabelled photos get Glimpse's name, written by the engine
 * the background page hosts (one WASM thread: not cross-origin isolated), and
 * the author's own names and decorative images stay exactly as written. Also
 * photos served from a second origin without CORS headers.
 *
 * Default settings (pages.firefox.ts changes them): a photo is named by its
 * caption, hedged or not, or by its sure concepts. Firefox's accessibility
 * tree gives the images the names in the DOM.
 *
 * Run: npm run build:firefox && npm run test:firefox
 */
import assert from 'node:assert/strict';
import { isDeepStrictEqual } from 'node:util';
import { after, before, test } from 'node:test';
import type { Page } from 'puppeteer-core';
import { serveStatic, type StaticServer } from '../../scripts/lib/static-server';
import { launchFirefoxWithExtension, type LaunchedFirefox } from '../../scripts/lib/launch-firefox';
import { accessibleNodes } from './accessibility-tree';
import { waitUntil } from './page-wait';

const MARKED = /^Automatic description(, uncertain: may show |: )\S/;
const ENGINE_MS = 240_000;

let ff: LaunchedFirefox;
const servers: StaticServer[] = [];

before(async () => {
  ff = await launchFirefoxWithExtension();
});
after(async () => {
  await ff?.close();
  for (const server of servers) await server.close();
});

async function serve(roots: string[]): Promise<StaticServer> {
  const server = await serveStatic(roots);
  servers.push(server);
  return server;
}

/** Each id's alt, aria-label and whole element, as the page has them now. */
function snapshot(page: Page, ids: string[]): Promise<Record<string, { alt: string | null; ariaLabel: string | null; html: string } | null>> {
  return page.evaluate(
    (list) =>
      Object.fromEntries(
        list.map((id) => {
          const el = document.getElementById(id);
          return [id, el ? { alt: el.getAttribute('alt'), ariaLabel: el.getAttribute('aria-label'), html: el.outerHTML } : null];
        }),
      ),
    ids,
  );
}

test('unlabelled photos are named with the Automatic description marker; author names and decorative images are untouched', { timeout: ENGINE_MS + 60_000 }, async () => {
  const server = await serve(['e2e/scenarios/labels', 'e2e/fixtures/pages']);
  const page = await ff.browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(String(error)));
  await page.goto(`${server.origin}/index.html`);
  const authored = ['street', 'rule', 'ocean', 'named', 'mapped'];
  const first = await snapshot(page, [...authored, 'kids']);
  // Taken before any name is written: the engine needs seconds for its first caption.
  assert.equal(first.kids?.alt, null, 'the "before" snapshot precedes labelling');

  const started = Date.now();
  await waitUntil(page, () => ['kids', 'buy', 'arrived'].every((id) => document.getElementById(id)?.getAttribute('alt')?.startsWith('Automatic description')), ENGINE_MS, '#kids, #buy and #arrived to be named');
  console.log(`first names written ${((Date.now() - started) / 1000).toFixed(1)} s after load`);

  const now = await snapshot(page, [...authored, 'kids', 'buy', 'arrived']);
  for (const id of ['kids', 'buy', 'arrived']) {
    assert.match(now[id]!.alt!, MARKED, `#${id} alt`);
    assert.equal(now[id]!.ariaLabel, null, `#${id}: the name goes in alt when there is none`);
  }
  for (const id of authored) assert.equal(now[id]?.html, first[id]?.html, `#${id} untouched`);
  assert.equal(now.street!.alt, 'A young woman walks down a busy shopping street');
  assert.equal(now.named!.ariaLabel, 'Our dog Rex in the lake');
  assert.equal(now.rule!.alt, '');
  // What a screen reader gets: Firefox's accessibility tree has the same names, and no node for the decorative image.
  const want = {
    kids: { role: 'graphic', name: now.kids!.alt },
    buy: { role: 'pushbutton', name: now.buy!.alt }, // an image button
    arrived: { role: 'graphic', name: now.arrived!.alt },
    street: { role: 'graphic', name: now.street!.alt },
    named: { role: 'graphic', name: now.named!.ariaLabel },
    rule: undefined,
  };
  const treeEnd = Date.now() + 10_000;
  let tree = await accessibleNodes(ff.browser, page.url());
  const pick = () => Object.fromEntries(Object.keys(want).map((id) => [id, tree[id]]));
  while (!isDeepStrictEqual(pick(), want) && Date.now() < treeEnd) {
    await new Promise((ok) => setTimeout(ok, 300));
    tree = await accessibleNodes(ff.browser, page.url());
  }
  assert.deepEqual(pick(), want);
  assert.deepEqual(errors, []);
  await page.close();
});

test('photos from another origin, served without CORS headers, are named by the engine', { timeout: ENGINE_MS + 60_000 }, async () => {
  const pages = await serve(['e2e/scenarios/describe-photos']);
  const images = await serve(['e2e/scenarios/describe-photos']);
  const page = await ff.browser.newPage();
  await page.goto(`${pages.origin}/index.html?images=${encodeURIComponent(images.origin)}`);
  await waitUntil(page, () => [...document.querySelectorAll('img')].every((img) => img.getAttribute('alt')?.startsWith('Automatic description')), ENGINE_MS, 'every cross-origin photo to be named');
  const names = await page.evaluate(() => [...document.querySelectorAll('img')].map((img) => ({ src: img.src, alt: img.alt })));
  assert.equal(names.length, 3);
  for (const { src, alt } of names) {
    assert.ok(src.startsWith(images.origin), src);
    assert.match(alt, MARKED, src);
  }
  await page.close();
});

test('after the event page was stopped for being idle (and the engine worker with it), a photo added to the page is still named', { timeout: ENGINE_MS * 2 + 60_000 }, async () => {
  // Firefox stops an idle event page after 30 s; 3 s here, so the 10 s wait below surely outlasts it.
  const idle = await launchFirefoxWithExtension({ 'extensions.background.idle.timeout': 3_000 });
  try {
    const server = await serve(['e2e/scenarios/labels', 'e2e/fixtures/pages']);
    const page = await idle.browser.newPage();
    await page.goto(`${server.origin}/index.html`);
    await waitUntil(page, () => ['kids', 'buy', 'arrived'].every((id) => document.getElementById(id)?.getAttribute('alt')?.startsWith('Automatic description')), ENGINE_MS, 'the photos to be named');
    await new Promise((ok) => setTimeout(ok, 10_000));
    await page.evaluate(() => {
      document.body.append(Object.assign(document.createElement('img'), { id: 'after-idle', src: '/img/climber.jpg', width: 224, height: 224 }));
    });
    await waitUntil(page, () => document.getElementById('after-idle')?.getAttribute('alt')?.startsWith('Automatic description') === true, ENGINE_MS, '#after-idle to be named');
    assert.match((await snapshot(page, ['after-idle']))['after-idle']!.alt!, MARKED);
  } finally {
    await idle.close();
  }
});
