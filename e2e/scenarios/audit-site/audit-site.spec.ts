/**
 * `npm run audit:site` on a small fixture site, against the built extension:
 * home → walks → archive, with the dog photo (no alt) on home and, under
 * another URL with the same bytes, on walks; archive one link beyond
 * --max-depth 1; home also links a page without images, a broken link, a page
 * robots.txt disallows, a sign-out link, a `?delete` link and another origin. Checks the
 * pages crawled and the links skipped, the dog listed once (by content) with
 * both pages and both URLs, one CSV row per image per page with the formula
 * guard, the exit code with --fail-on and --max-missing, --include and --exclude, the
 * audit's user agent, and that index.html passes axe-core with no violation.
 * Its filters by status and by change are driven by keyboard alone.
 * Then the site changes (the dog gets its alt, about gets a new photo
 * without one) and a run with --baseline says exactly that.
 */
import { mkdtempSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium, type Page } from 'playwright-core';
import { test, expect } from '@playwright/test';
import { CHROMIUM } from '../../../scripts/lib/launch-extension';
import { needingWork } from '../../../scripts/lib/site/site-report';
import { AXE_PATH } from '../../support/image-audit';
import { serveFixtures } from '../../support/static-server';
import { readReport, runSiteAudit, withoutTimings } from './run-site-audit';

const here = dirname(fileURLToPath(import.meta.url));
// Served first: the test writes the changed pages of the site here between two runs.
const changed = mkdtempSync(join(tmpdir(), 'glimpse-site-changed-'));
const server = serveFixtures([changed, join(here, 'site'), 'e2e/fixtures/pages']);

async function readCsv(out: string): Promise<string[]> {
  return (await readFile(join(out, 'images.csv'), 'utf8')).split('\r\n').filter(Boolean);
}

async function expectAxeClean(htmlFile: string): Promise<void> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(htmlFile).href);
    await page.addScriptTag({ path: AXE_PATH });
    const axe = await page.evaluate(async () => {
      const results = await (window as unknown as { axe: { run: (c: Document) => Promise<{ violations: Array<{ id: string; nodes: unknown[] }>; passes: unknown[] }> } }).axe.run(document);
      return { violations: results.violations.map((v) => `${v.id} (${v.nodes.length})`), passes: results.passes.length };
    });
    expect(axe.violations).toEqual([]);
    expect(axe.passes).toBeGreaterThan(10); // axe did judge the page
  } finally {
    await browser.close();
  }
}

/** The listed images' URLs that show, and what the live region says. */
async function shownImages(page: Page): Promise<{ srcs: string[]; said: string }> {
  return page.evaluate(() => ({
    srcs: [...document.querySelectorAll<HTMLElement>('li.image')].filter((li) => li.checkVisibility()).map((li) => li.querySelector('h3 code')!.textContent!),
    said: document.getElementById('shown')!.textContent!,
  }));
}

/** Drives index.html's filters by keyboard only: Tab into the status radios, arrows through them, Tab to the change radios. */
async function expectKeyboardFilters(htmlFile: string, fixed: string, added: string): Promise<void> {
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(htmlFile).href);
    await expect(page.locator('#shown')).toHaveAttribute('aria-live', 'polite');
    expect(await shownImages(page)).toEqual({ srcs: [fixed, added], said: 'Showing 2 of 2 images.' });
    const focused = () => page.evaluate(() => {
      const e = document.activeElement as HTMLInputElement | null;
      return e?.type === 'radio' ? `${e.name}=${e.value}${e.checked ? ' checked' : ''}` : e?.tagName ?? '';
    });
    for (let i = 0; i < 200 && !(await focused()).startsWith('status='); i += 1) await page.keyboard.press('Tab');
    expect(await focused()).toBe('status=all checked');
    // The statuses offered are those of the images listed: missing (the new one) and labelled (the fixed one).
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('status=missing checked');
    expect(await shownImages(page)).toEqual({ srcs: [added], said: 'Showing 1 of 2 images.' });
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('status=labelled checked');
    expect(await shownImages(page)).toEqual({ srcs: [fixed], said: 'Showing 1 of 2 images.' });
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('change=all checked');
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('change=new checked');
    expect(await shownImages(page)).toEqual({ srcs: [], said: 'Showing 0 of 2 images.' });
    await page.keyboard.press('ArrowRight');
    expect(await focused()).toBe('change=fixed checked');
    expect(await shownImages(page)).toEqual({ srcs: [fixed], said: 'Showing 1 of 2 images.' });
    // Back to the statuses: every status, still only the fixed one.
    await page.keyboard.press('Shift+Tab');
    expect(await focused()).toBe('status=labelled checked');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    expect(await focused()).toBe('status=all checked');
    expect(await shownImages(page)).toEqual({ srcs: [fixed], said: 'Showing 1 of 2 images.' });
  } finally {
    await browser.close();
  }
}

test('audit:site crawls to --max-depth, lists the dog once by content with both pages, writes the CSV rows, gates on --fail-on and --max-missing, and its HTML passes axe-core; a --baseline run names the image fixed and the one added', async () => {
  test.setTimeout(300_000);
  const out = await mkdtemp(join(tmpdir(), 'glimpse-site-audit-'));
  const home = `${server.origin}/index.html`;
  const walks = `${server.origin}/walks.html`;
  const about = `${server.origin}/about.html`;
  const gone = `${server.origin}/gone.html`;
  const run = await runSiteAudit([home, '--max-depth', '1', '--out', out, '--fail-on', 'missing', '--no-build']);
  expect(run.code, run.stderr).toBe(1);
  expect(run.stderr).toMatch(/\d+ pages done of \d+ queued, \d+ images, ETA \d+:\d\d/);
  expect(run.stderr).toContain('failing on missing found (--fail-on)');

  const report = await readReport(out);
  expect(report.pages.map((p) => [p.url, p.depth, p.error]).sort()).toEqual([[about, 1, null], [gone, 1, 'HTTP 404'], [home, 0, null], [walks, 1, null]]);
  expect(report.pages.filter((p) => p.url !== gone).every((p) => p.audit?.complete)).toBe(true);
  expect(report.pages.find((p) => p.url === about)?.audit?.images).toEqual([]);
  expect(report.totals.pagesFailed).toBe(1);
  expect(report.skipped).toEqual(expect.arrayContaining([
    { url: `${server.origin}/private/staff.html`, reason: 'robotsTxt' },
    { url: `${server.origin}/archive.html`, reason: 'depth' },
    { url: `${server.origin}/account/logout`, reason: 'neverFollow' },
    { url: `${server.origin}/walks.html?delete=1`, reason: 'neverFollow' },
    { url: 'https://example.com/partner', reason: 'filters' },
  ]));
  expect(report.totals.images).toEqual({ missing: 2, suspicious: 0, decorative: 0, labelled: 2, total: 4 });
  expect(report.totals.distinctImages).toBe(3);

  // The dog photo is on two pages under two URLs with the same bytes, and needs work: listed once, with both, and the engine's suggestion.
  const work = needingWork(report);
  expect(work).toHaveLength(1);
  const dog = work[0]!;
  expect(dog.key).toMatch(/^sha256:[0-9a-f]{64}$/);
  expect(dog.srcs).toEqual([`${server.origin}/img/dog-water.jpg`, `${server.origin}/img/dog-water.jpg?size=large`]);
  expect(dog.status).toBe('missing');
  expect(dog.pages).toEqual([home, walks]);
  expect(dog.description).toMatch(/\bdog\b/);
  expect(dog.descriptionConfidence).toBeGreaterThan(0);
  expect(dog.thumbnail).toMatch(/^data:image\/webp;base64,/);

  // One row per image per page, the page first; page text that looks like a formula is defused.
  const csv = await readCsv(out);
  expect(csv[0]!.startsWith('page,frameUrl,id,kind,status,')).toBe(true);
  expect(csv[0]!.endsWith(',imageKey,change')).toBe(true);
  expect(csv.slice(1).map((line) => line.split(',')[0]).sort()).toEqual([home, home, home, walks]);
  expect(csv.filter((line) => line.includes('/img/dog-water.jpg'))).toHaveLength(2);
  expect(csv.filter((line) => line.includes(`,${dog.key},`))).toHaveLength(2);
  expect(csv.join('\n')).toContain(`"'=HYPERLINK(""http://example.invalid""`);
  expect(csv.join('\n')).not.toContain(',=HYPERLINK');

  const html = await readFile(join(out, 'index.html'), 'utf8');
  // Self-contained: no script, style sheet or image from elsewhere; the filter script is inline.
  expect(html).not.toMatch(/<script\b[^>]*\bsrc=|<link\b|<img\b[^>]*\bsrc="(?!data:)/i);
  expect(html).toContain(dog.description!);
  expect(html.match(/<h3>Image \d+:/g)).toHaveLength(1);
  await expectAxeClean(join(out, 'index.html'));

  // Every request the crawl made names Glimpse's audit (robots.txt is fetched by Crawlee's own HTTP client); no sign-out or delete link was opened.
  const hits = server.hits.filter((h) => h.path !== '/robots.txt');
  expect(hits.length).toBeGreaterThan(5);
  expect(hits.filter((h) => !h.userAgent.includes('GlimpseAudit/')).map((h) => h.path)).toEqual([]);
  expect(server.hits.filter((h) => h.path === '/account/logout' || h.search.includes('delete'))).toEqual([]);

  // The site changes: the dog gets its alt on both pages, and about gets a photo without one.
  const site = join(here, 'site');
  const alt = 'alt="A wet dog running out of the harbour water"';
  await writeFile(join(changed, 'index.html'), (await readFile(join(site, 'index.html'), 'utf8')).replace('<img src="/img/dog-water.jpg"', `<img ${alt} src="/img/dog-water.jpg"`));
  await writeFile(join(changed, 'walks.html'), (await readFile(join(site, 'walks.html'), 'utf8')).replace('<img src="/img/dog-water.jpg?size=large"', `<img ${alt} src="/img/dog-water.jpg?size=large"`));
  await writeFile(join(changed, 'about.html'), (await readFile(join(site, 'about.html'), 'utf8')).replace('No pictures here.</p>', 'Now with a picture.</p>\n<img src="/img/kids-water.jpg" width="320" height="240">'));

  const out2 = await mkdtemp(join(tmpdir(), 'glimpse-site-audit-'));
  const second = await runSiteAudit([home, '--max-depth', '1', '--out', out2, '--baseline', out, '--fail-on', 'suspicious', '--max-missing', '0', '--no-build']);
  expect(second.code, second.stderr).toBe(1);
  expect(second.stderr).toContain('failing on 1 missing, over --max-missing 0');
  expect(second.stderr).not.toContain('suspicious found');
  const after = await readReport(out2);
  const c = after.comparison!;
  const kids = after.images.find((i) => i.src === `${server.origin}/img/kids-water.jpg`)!;
  const keys = (list: Array<{ key: string }>) => list.map((i) => i.key);
  expect(keys(c.images.fixed)).toEqual([dog.key]);
  expect(keys(c.images.new)).toEqual([kids.key]);
  expect([c.images['still-failing'], c.images.regressed, c.images.removed]).toEqual([[], [], []]);
  expect(keys(c.images.unchanged).sort()).toEqual(report.images.filter((i) => i.key !== dog.key).map((i) => i.key).sort());
  expect(c.pages).toEqual({ new: [], fixed: [home, walks].sort(), 'still-failing': [gone], regressed: [about], unchanged: [], removed: [] });
  expect(after.images.find((i) => i.key === dog.key)?.change).toBe('fixed');
  expect(kids.change).toBe('new');
  expect(needingWork(after).map((i) => i.key)).toEqual([kids.key]);

  const csv2 = await readCsv(out2);
  expect(csv2.filter((line) => line.includes(`,${dog.key},fixed`))).toHaveLength(2);
  expect(csv2.filter((line) => line.endsWith(`,${kids.key},new`))).toHaveLength(1);
  const html2 = await readFile(join(out2, 'index.html'), 'utf8');
  expect(html2).toContain('<h2>Changes since the baseline</h2>');
  expect(html2).toMatch(/<th scope="row">fixed<\/th><td>[^<]+<\/td><td>1<\/td><td>2<\/td>/);
  expect(html2).toMatch(/<th scope="row">new<\/th><td>[^<]+<\/td><td>1<\/td><td>0<\/td>/);
  await expectAxeClean(join(out2, 'index.html'));
  await expectKeyboardFilters(join(out2, 'index.html'), dog.srcs[0]!, kids.src!);

  // --include lets only home, about and walks in, --exclude then keeps walks out; the one missing image is within --max-missing 1, and nothing is suspicious.
  const out3 = await mkdtemp(join(tmpdir(), 'glimpse-site-audit-'));
  const third = await runSiteAudit([home, '--max-depth', '1', '--out', out3, '--include', '**/{index,about,walks}.html', '--exclude', '**/walks.html', '--fail-on', 'suspicious', '--max-missing', '1', '--no-build', '--no-thumbnails']);
  expect(third.code, third.stderr).toBe(0);
  const filtered = await readReport(out3);
  expect(filtered.pages.map((p) => p.url).sort()).toEqual([about, home]);
  expect(filtered.skipped).toEqual(expect.arrayContaining([{ url: walks, reason: 'includeExclude' }, { url: gone, reason: 'includeExclude' }]));
});

test('audit:site with --concurrency 2 (two browsers, each with the extension) writes the report one context writes', async () => {
  test.setTimeout(300_000);
  const home = `${server.origin}/index.html`;
  const outs = await Promise.all([mkdtemp(join(tmpdir(), 'glimpse-site-k1-')), mkdtemp(join(tmpdir(), 'glimpse-site-k2-'))]);
  const runs = [];
  for (const [i, k] of ['1', '2'].entries()) runs.push(await runSiteAudit([home, '--max-depth', '1', '--out', outs[i]!, '--concurrency', k, '--no-build']));
  for (const run of runs) expect(run.code, run.stderr).toBe(0);
  expect(runs.map((r) => r.stderr.match(/browser \d+ launched with the extension/g)?.length)).toEqual([1, 2]);
  const [one, two] = await Promise.all(outs.map(readReport));
  expect(one!.pages.length).toBeGreaterThanOrEqual(4);
  expect(one!.images.length).toBeGreaterThanOrEqual(3);
  expect(withoutTimings(two!)).toEqual(withoutTimings(one!));
  expect(await readFile(join(outs[1]!, 'images.csv'), 'utf8')).toBe(await readFile(join(outs[0]!, 'images.csv'), 'utf8'));
});
