/**
 * `npm run audit:site` on a small fixture site, against the built extension:
 * home → walks → archive, with the dog photo (no alt) on home and walks, and
 * archive one link beyond --max-depth 1; home also links a page without
 * images, a broken link and a page robots.txt disallows. Checks the pages
 * crawled and the links skipped,
 * the shared image listed once with both pages, one CSV row per image per
 * page with the formula guard, the exit code with --fail-on, and that
 * index.html passes axe-core with no violation.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { test, expect } from '@playwright/test';
import { CHROMIUM } from '../../../scripts/lib/launch-extension';
import type { SiteReport } from '../../../scripts/lib/site/site-report';
import { AXE_PATH } from '../../support/image-audit';
import { serveFixtures } from '../../support/static-server';

const here = dirname(fileURLToPath(import.meta.url));
const server = serveFixtures([join(here, 'site'), 'e2e/fixtures/pages']);

function runSiteAudit(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/audit-site.ts', ...args], { cwd: process.cwd() });
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => done({ code, stderr }));
  });
}

test('audit:site crawls to --max-depth, lists the shared image once with both pages, writes the CSV rows, gates on --fail-on, and its HTML passes axe-core', async () => {
  test.setTimeout(240_000);
  const out = await mkdtemp(join(tmpdir(), 'glimpse-site-audit-'));
  const home = `${server.origin}/index.html`;
  const walks = `${server.origin}/walks.html`;
  const run = await runSiteAudit([home, '--max-depth', '1', '--out', out, '--fail-on', 'missing', '--no-build']);
  expect(run.code, run.stderr).toBe(1);
  expect(run.stderr).toContain('pages done of');
  expect(run.stderr).toContain('failing on missing');

  const report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as SiteReport;
  const about = `${server.origin}/about.html`;
  const gone = `${server.origin}/gone.html`;
  expect(report.pages.map((p) => [p.url, p.depth, p.error]).sort()).toEqual([[about, 1, null], [gone, 1, 'HTTP 404'], [home, 0, null], [walks, 1, null]]);
  expect(report.pages.filter((p) => p.url !== gone).every((p) => p.audit?.complete)).toBe(true);
  expect(report.pages.find((p) => p.url === about)?.audit?.images).toEqual([]);
  expect(report.totals.pagesFailed).toBe(1);
  expect(report.skipped).toEqual(expect.arrayContaining([
    { url: `${server.origin}/private/staff.html`, reason: 'robotsTxt' },
    { url: `${server.origin}/archive.html`, reason: 'depth' },
  ]));
  expect(report.totals.images).toEqual({ missing: 2, suspicious: 0, decorative: 0, labelled: 2, total: 4 });

  // The dog photo is on two pages and needs work: listed once, with both pages, and the engine's suggestion.
  expect(report.needsWork).toHaveLength(1);
  const dog = report.needsWork[0]!;
  expect(dog.src).toBe(`${server.origin}/img/dog-water.jpg`);
  expect(dog.status).toBe('missing');
  expect(dog.pages).toEqual([home, walks]);
  expect(dog.description).toMatch(/\bdog\b/);
  expect(dog.descriptionConfidence).toBeGreaterThan(0);
  expect(dog.thumbnail).toMatch(/^data:image\/webp;base64,/);

  // One row per image per page, the page first; page text that looks like a formula is defused.
  const csv = (await readFile(join(out, 'images.csv'), 'utf8')).split('\r\n').filter(Boolean);
  expect(csv[0]!.startsWith('page,frameUrl,id,kind,status,')).toBe(true);
  expect(csv.slice(1).map((line) => line.split(',')[0]).sort()).toEqual([home, home, home, walks]);
  expect(csv.filter((line) => line.includes('/img/dog-water.jpg'))).toHaveLength(2);
  expect(csv.join('\n')).toContain(`"'=HYPERLINK(""http://example.invalid""`);
  expect(csv.join('\n')).not.toContain(',=HYPERLINK');

  const html = await readFile(join(out, 'index.html'), 'utf8');
  expect(html).not.toMatch(/<(script|link)\b/i); // self-contained
  expect(html).toContain(dog.description!);
  expect(html.match(/\/img\/dog-water\.jpg<\/code>/g)).toHaveLength(1);
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox'] });
  try {
    const page = await browser.newPage();
    await page.goto(pathToFileURL(join(out, 'index.html')).href);
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

  // No suspicious image on the site: --fail-on suspicious passes.
  const second = await runSiteAudit([home, '--max-depth', '1', '--out', await mkdtemp(join(tmpdir(), 'glimpse-site-audit-')), '--fail-on', 'suspicious', '--no-build', '--no-thumbnails']);
  expect(second.code, second.stderr).toBe(0);
});
