/**
 * The page's own DOM, to show Glimpse changed nothing but the names it wrote:
 * serialise it before, and after with those names taken out again.
 *
 * @example
 *   const before = await pageHtml(page);
 *   … Glimpse describes the page …
 *   const after = await pageHtmlWithoutNames(page, report);
 *   expect(after.wrong).toEqual([]);
 *   expect(after.html).toBe(before);
 */
import type { Page } from '@playwright/test';
import type { AuditReport } from '../../src/shared/audit';

export function pageHtml(page: Page): Promise<string> {
  return page.evaluate(() => document.documentElement.outerHTML);
}

/**
 * The page serialised with every alt Glimpse wrote (rows with a label, found
 * by their id selector) removed, and the rows whose alt is not the label.
 */
export async function pageHtmlWithoutNames(page: Page, report: AuditReport): Promise<{ html: string; wrong: string[] }> {
  const named = report.rows.filter((r) => r.label !== null && r.selector.length === 1).map((r) => [r.selector[0]!, r.label!] as const);
  return page.evaluate((names) => {
    const copy = document.documentElement.cloneNode(true) as HTMLElement;
    const wrong = names.filter(([selector, label]) => copy.querySelector(selector)?.getAttribute('alt') !== label).map(([selector]) => selector);
    for (const [selector] of names) copy.querySelector(selector)?.removeAttribute('alt');
    return { html: copy.outerHTML, wrong };
  }, named);
}
