/**
 * `npm run audit -- --browser firefox` on the shop fixture, against
 * dist-firefox/ in headless firefox-esr: with --json the last stdout line is
 * one `{ page, images, totals }` document listing every image with its status
 * (the same list as the Chromium audit's, e2e/scenarios/audit-cli/expected.json),
 * each image that needs a description has the engine's answer, the totals add
 * up, and --out writes the same document. On a long page given by URL, the
 * photo 12,000 px below the viewport is described too (the "describe all"
 * command), not only those near it.
 *
 * Run: npm run build:firefox && npm run test:firefox
 */
import assert from 'node:assert/strict';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { after, test } from 'node:test';
import { serveStatic } from '../../scripts/lib/static-server';
import { engineAnswered, needsDescription, type AuditRow } from '../../src/shared/audit';
import { runScript } from '../support/run-script';

interface Expected { page: string; images: Array<{ file: string; kind: string; status: string; describe: string }> }
interface AuditDocument { page: string; images: Array<AuditRow & { frameUrl: string }>; totals: Record<string, number>; notDescribed: Record<string, Record<string, number>>; complete: boolean }

const runAudit = (args: string[]) => runScript('scripts/audit.ts', args);

test('npm run audit -- --browser firefox --json lists every image of the shop fixture with its status and the engine’s answers; --out writes the same', { timeout: 400_000 }, async () => {
  const expected = JSON.parse(await readFile('e2e/scenarios/audit-cli/expected.json', 'utf8')) as Expected;
  const dir = await mkdtemp(join(tmpdir(), 'glimpse-audit-firefox-'));
  try {
    const out = join(dir, 'audit.json');
    const run = await runAudit([expected.page, '--browser', 'firefox', '--json', '--no-build', '--out', out, '--timeout', '300']);
    assert.equal(run.code, 0, run.stderr);

    const doc = JSON.parse(run.stdout.trimEnd().split('\n').at(-1)!) as AuditDocument;
    assert.equal(doc.page, expected.page);
    assert.equal(doc.complete, true);
    assert.deepEqual(doc.images.map((r) => ({ file: basename(r.src ?? ''), kind: r.kind, status: r.status, describe: r.describe })), expected.images);
    for (const row of doc.images) assert.match(row.frameUrl, /^http:\/\/127\.0\.0\.1:\d+\/shop-listing\.html$/);

    const described = doc.images.filter(needsDescription);
    assert.ok(described.length >= 2, `${described.length} images needed a description`);
    for (const row of described) {
      const where = row.selector.join(' ');
      assert.ok(engineAnswered(row), `${where} answered`);
      assert.equal(row.descriptionError, null, `${where}: no engine error`);
      assert.match(row.description ?? '', /\S/, `${where} has the caption`);
      assert.notEqual(row.labelState, null, `${where} decided`);
    }
    for (const status of ['missing', 'suspicious', 'decorative', 'labelled'] as const) {
      assert.equal(doc.totals[status], doc.images.filter((r) => r.status === status).length, status);
      for (const [skip, n] of Object.entries(doc.notDescribed[status] ?? {})) assert.equal(n, doc.images.filter((r) => r.status === status && r.describe === skip).length, `${status} ${skip}`);
    }
    assert.equal(doc.notDescribed.labelled?.['skip-too-small'], 1);
    assert.equal(doc.totals.total, doc.images.length);
    assert.equal(doc.totals.described, described.length);
    assert.deepEqual(JSON.parse(await readFile(out, 'utf8')), doc);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

const longPage = await serveStatic(['e2e/firefox/fixtures', 'e2e/fixtures/pages']);
after(() => longPage.close());

test('npm run audit -- --browser firefox <url> describes the whole page: the photo far below the viewport has its description too', { timeout: 400_000 }, async () => {
  const url = `${longPage.origin}/far-below.html`;
  const run = await runAudit([url, '--browser', 'firefox', '--json', '--no-build', '--timeout', '120']);
  assert.equal(run.code, 0, run.stderr);
  const doc = JSON.parse(run.stdout.trimEnd().split('\n').at(-1)!) as AuditDocument;
  assert.equal(doc.page, url);
  assert.deepEqual(doc.images.map((r) => [r.selector.join(' '), r.status, r.describe]), [
    ['#top', 'missing', 'describe'],
    ['#far', 'missing', 'describe'],
  ]);
  for (const row of doc.images) assert.match(row.description ?? '', /\S/, `${row.selector.join(' ')} has the caption`);
  assert.equal(doc.complete, true);
});
