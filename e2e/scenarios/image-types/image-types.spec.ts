/**
 * Image types: on a page mixing photos, a chart, a sale banner and a logo,
 * none with alt text, the built extension's engine tells them apart before
 * captioning. Photos are captioned; the chart, banner and logo are never
 * captioned as people or animals: they are named by type with the text OCR
 * read in them, and the overlay's audit rows say the type, why, and the text.
 */
import { readFileSync } from 'node:fs';
import { test, expect } from '../../support/extension';
import { serveFixtures } from '../../support/static-server';
import { waitForAudit } from '../../support/image-audit';
import { setSettings } from '../../support/labels';
import type { AuditReport } from '../../../src/shared/audit';
import { peopleOrAnimals } from '../../../scripts/type-gate/label-checks';
import { wordRecall } from '../../../scripts/lib/word-match';

const PAGES = 'e2e/fixtures/pages';
const expected = JSON.parse(readFileSync(`${PAGES}/mixed-types.expected.json`, 'utf8')) as { src: string; type: string; words: string[] }[];

const server = serveFixtures([PAGES]);

test('photos are captioned; the chart, banner and logo get type-appropriate labels with their text', async ({ context, serviceWorker }) => {
  test.setTimeout(600_000);
  // Every answer is written, so each label can be checked (the floor is tested elsewhere).
  await setSettings(serviceWorker, { withholdBelow: 0 });
  const page = await context.newPage();
  const pageErrors: string[] = [];
  page.on('pageerror', (error) => pageErrors.push(error.message));
  const url = `${server.origin}/mixed-types.html`;
  await page.goto(url);
  const done = (r: AuditReport): boolean => expected.every((e) => r.rows.some((row) => row.src?.endsWith(e.src) && (row.labelState !== null || row.descriptionError !== null)));
  const report = await waitForAudit(serviceWorker, url, done, undefined, 540_000);

  for (const e of expected) {
    const row = report.rows.find((r) => r.src?.endsWith(e.src));
    expect(row, e.src).toBeDefined();
    expect(row!.descriptionError, e.src).toBeNull();
    expect(row!.imageType, `${e.src}: ${row!.imageTypeReasons.join('; ')}`).toBe(e.type);
    expect(row!.imageTypeReasons.length, `${e.src} has citable reasons`).toBeGreaterThan(0);
    const label = row!.label ?? '';
    if (e.type === 'photo') {
      expect(row!.description, e.src).not.toBeNull();
      expect(label).toContain(row!.description!.replace(/ (is|are) (?=\w+ing\b)/, ' '));
      continue;
    }
    expect(row!.description, `${e.src} must not be captioned`).toBeNull();
    expect(peopleOrAnimals(label), `${e.src}: "${label}"`).toEqual([]);
    expect(label).not.toContain('<unk>');
    // Most of the words rendered in the image are read back, in the label and in the audit's OCR column.
    const truth = e.words.join(' ');
    expect(wordRecall(truth, row!.ocrText ?? ''), `${e.src}: read "${row!.ocrText}", expected ${truth}`).toBeGreaterThanOrEqual(0.8);
    expect(wordRecall(truth, label), `${e.src}: label "${label}"`).toBe(wordRecall(truth, row!.ocrText ?? ''));
  }
  const byType = Object.fromEntries(expected.map((e) => [e.type, report.rows.find((r) => r.src?.endsWith(e.src))!.label]));
  expect(byType.chart).toMatch(/^Automatic description(: |, uncertain: may show a )(Chart|Diagram|chart|diagram)/);
  expect(byType.logo).toMatch(/^Automatic description(: |, uncertain: may show a )(Logo|logo)/);
  expect(pageErrors).toEqual([]);
});
