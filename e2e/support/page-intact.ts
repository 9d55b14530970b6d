/**
 * What a hostile-page scenario shows at its end: the page's DOM is what the
 * page itself made, apart from the names Glimpse wrote; no page error; and the
 * page was never frozen (its timer at most 2 s late: measured while the model
 * runs, whose threads share the cores with the page).
 *
 * @example await expectPageIntact(page, report, before, errors);
 */
import { expect, type Page } from '@playwright/test';
import type { AuditReport } from '../../src/shared/audit';
import { pageHtmlWithoutNames } from './page-dom';
import { pageTimerLateMs } from './page-timer';

export async function expectPageIntact(page: Page, report: AuditReport, expectedHtml: string, errors: string[]): Promise<void> {
  const after = await pageHtmlWithoutNames(page, report);
  expect(after.wrong).toEqual([]);
  expect(after.html).toBe(expectedHtml);
  expect(errors).toEqual([]);
  expect(await pageTimerLateMs(page)).toBeLessThan(2000);
}
