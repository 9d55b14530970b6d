/**
 * The audit agrees with axe-core on every element: on pages built from every
 * combination of role, tabindex (and disabled), global ARIA attributes,
 * title, aria-label, aria-labelledby (to visible, hidden, empty and missing
 * elements), alt and SVG <title>, for each kind of image candidate, axe-core
 * runs in the same page as the judge: axe reports a violation ⇔ the audit
 * status is "missing". Only <svg> without an image role is outside every axe
 * rule (SVG-AAM's graphics-document); the scan still audits it.
 */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '../../support/extension';
import { serveFixtures } from '../../support/static-server';
import { judgeWithAxe, rowAt, waitForAudit } from '../../support/image-audit';
import { ruleById, type ImageRuleId } from '../../../src/shared/image-rules';

const here = dirname(fileURLToPath(import.meta.url));
const server = serveFixtures([here, 'e2e/fixtures/pages']);
const classes = JSON.parse(readFileSync(join(here, 'classes.expected.json'), 'utf8')) as {
  rows: Record<string, [ImageRuleId, ImageRuleId]>;
  mapImages: Record<string, string[] | null>;
};

test('presentational-role conflicts, images too small to describe and image-map areas: axe agrees, and each has its describe decision', async ({ context, serviceWorker }) => {
  const page = await context.newPage();
  const url = `${server.origin}/classes.html`;
  await page.goto(url);
  const ids = Object.keys(classes.rows);
  const report = await waitForAudit(serviceWorker, url, (r) => ids.every((id) => rowAt(r, id) !== undefined) && rowAt(r, '#broken')?.describe === 'skip-broken');
  const judged = await judgeWithAxe(page.mainFrame(), report);
  expect(judged.problems).toEqual([]);
  const problems: string[] = [];
  for (const [id, [ruleId, decision]] of Object.entries(classes.rows)) {
    const row = rowAt(report, id);
    if (row?.ruleId !== ruleId || row.describe !== decision) problems.push(`${id}: ${row?.ruleId}/${row?.describe}, expected ${ruleId}/${decision}`);
    else if (row.reason !== ruleById(ruleId).reason || row.describeReason !== ruleById(decision).reason) problems.push(`${id}: reasons are not the table's`);
  }
  expect(problems).toEqual([]);
  for (const [id, img] of Object.entries(classes.mapImages)) expect(rowAt(report, id)?.mapImage, id).toEqual(img);
  // Every <area href> is audited, with or without a drawn map image.
  expect(report.rows.filter((r) => r.kind === 'area')).toHaveLength(await page.locator('map area[href]').count());
  // Not described is not fine: the counts keep them missing, and say why Glimpse leaves them.
  expect(report.notDescribed.missing['skip-too-small']).toBeGreaterThanOrEqual(10);
  expect(report.counts.missing).toBe(report.rows.filter((r) => r.status === 'missing').length);
});

/** Per kind: status rules that must occur, so the page exercises the cases it is about. */
const MUST_SEE: Record<string, string[]> = {
  img: ['missing-img', 'missing-presentation-conflict', 'decorative-presentation', 'decorative-empty-alt', 'missing-alt-whitespace', 'labelled'],
  'input-image': ['missing-input-image', 'missing-presentation-conflict', 'labelled'],
  svg: ['missing-svg', 'missing-presentation-conflict', 'decorative-presentation', 'labelled'],
  object: ['missing-object', 'missing-presentation-conflict', 'decorative-presentation', 'labelled'],
  area: ['missing-area', 'missing-presentation-conflict', 'labelled'],
  'role-img': ['missing-role-img', 'labelled'],
};

for (const kind of Object.keys(MUST_SEE)) {
  test(`every ${kind} combination: axe violation ⇔ status missing`, async ({ context, serviceWorker }) => {
    test.setTimeout(180_000);
    const page = await context.newPage();
    const url = `${server.origin}/index.html?kind=${kind}`;
    await page.goto(url);
    const count = await page.evaluate(() => (window as unknown as { caseCount: number }).caseCount);
    // Every case plus, for areas, the map images (named, so labelled).
    const report = await waitForAudit(serviceWorker, url, (r) => r.rows.filter((row) => /^#c\d+$/.test(row.selector.at(-1) ?? '')).length === count, undefined, 60_000);
    const judged = await judgeWithAxe(page.mainFrame(), report);
    test.info().annotations.push({ type: 'agreement', description: `${kind}: ${count} cases, ${report.rows.length} rows; axe ${judged.violations} violations, ${judged.passes} passes, ${judged.inapplicable} not applicable, ${judged.outsideAxe} outside axe; ${judged.problems.length} disagreements` });
    expect(judged.problems).toEqual([]);
    expect(judged.violations).toBeGreaterThan(20);
    expect(judged.passes).toBeGreaterThan(20);
    const seen = new Set(report.rows.map((r) => r.ruleId));
    for (const rule of MUST_SEE[kind] ?? []) expect(seen, rule).toContain(rule);
    // 10×10 px: judged by the audit, never described.
    for (const row of report.rows.filter((r) => /^#c\d+$/.test(r.selector.at(-1) ?? ''))) expect(row.describe, row.selector.join(' ')).not.toBe('describe');
    if (kind === 'svg') expect(judged.outsideAxe).toBeGreaterThan(0);
    else expect(judged.outsideAxe).toBe(0);
  });
}
