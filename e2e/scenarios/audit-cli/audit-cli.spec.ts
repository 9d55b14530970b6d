/**
 * The audit CLI's contract on a fixture page, against the built extension:
 * with --json the last stdout line is one `{ page, images, totals }` document
 * listing every image with its status, each missing image has the engine's
 * answer and Glimpse's decision, totals add up, and --out writes the same.
 */
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '@playwright/test';
import { engineAnswered, needsDescription } from '../../../src/shared/audit';
import { runScript } from '../../support/run-script';

const here = dirname(fileURLToPath(import.meta.url));

interface Expected { page: string; images: Array<{ file: string; kind: string; status: string; describe: string }> }
interface Row { kind: string; status: 'missing' | 'suspicious' | 'decorative' | 'labelled'; describe: 'describe' | 'skip-not-rendered' | 'skip-broken' | 'skip-too-small' | 'skip-placeholder' | 'skip-no-picture'; src: string | null; selector: string[]; description: string | null; descriptionError: string | null; imageType: string | null; labelState: string | null; labelWithheld: string | null }

const runAudit = (args: string[]) => runScript('scripts/audit.ts', args);

test('npm run audit --json lists every image of the shop fixture with its status, and --out writes the same document', async () => {
  test.setTimeout(400_000);
  const expected = JSON.parse(await readFile(join(here, 'expected.json'), 'utf8')) as Expected;
  const out = join(await mkdtemp(join(tmpdir(), 'glimpse-audit-')), 'audit.json');
  const run = await runAudit([expected.page, '--json', '--no-build', '--out', out, '--timeout', '300']);
  expect(run.code, run.stderr).toBe(0);

  const lines = run.stdout.trimEnd().split('\n');
  const doc = JSON.parse(lines.at(-1)!) as { page: string; images: Row[]; totals: Record<string, number>; notDescribed: Record<string, Record<string, number>>; complete: boolean };
  expect(Object.keys(doc)).toEqual(expect.arrayContaining(['page', 'images', 'totals']));
  expect(doc.page).toBe(expected.page);
  expect(doc.complete).toBe(true);
  expect(doc.images.map((r) => ({ file: basename(r.src ?? ''), kind: r.kind, status: r.status, describe: r.describe }))).toEqual(expected.images);

  for (const row of doc.images.filter(needsDescription)) {
    expect(engineAnswered(row), `${row.selector.join(' ')} answered`).toBe(true);
    if (engineAnswered(row) && row.descriptionError === null) expect(row.labelState, `${row.selector.join(' ')} decided`).not.toBeNull();
  }
  for (const status of ['missing', 'suspicious', 'decorative', 'labelled']) {
    expect(doc.totals[status], status).toBe(doc.images.filter((r) => r.status === status).length);
    // Both views: per status, the images Glimpse does not describe, by reason.
    for (const [skip, n] of Object.entries(doc.notDescribed[status] ?? {})) expect(n, `${status} ${skip}`).toBe(doc.images.filter((r) => r.status === status && r.describe === skip).length);
  }
  expect(doc.notDescribed.labelled?.['skip-too-small']).toBe(1);
  expect(doc.totals.total).toBe(doc.images.length);
  expect(JSON.parse(await readFile(out, 'utf8'))).toEqual(doc);
});
