/**
 * The audit agrees with axe-core on every element: on pages built from every
 * combination of role, tabindex (and disabled), global ARIA attributes,
 * title, aria-label, aria-labelledby (to visible, hidden, empty and missing
 * elements), alt and SVG <title>, for each kind of image candidate, axe-core
 * runs in the same page as the judge: axe reports a violation ⇔ the audit
 * status is "missing". Only <svg> without an image role is outside every axe
 * rule (SVG-AAM's graphics-document); the scan still audits it.
 */
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { test, expect } from '../../support/extension';
import { serveFixtures } from '../../support/static-server';
import { judgeWithAxe, waitForAudit } from '../../support/image-audit';

const here = dirname(fileURLToPath(import.meta.url));
const server = serveFixtures([here, 'e2e/fixtures/pages']);

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
