/**
 * axe-core's WCAG 2.2 AA and best-practice violations on an extension page
 * (the options page, the popup), as `rule (node count)` strings.
 *
 * @example
 *   expect(await axeViolations(options)).toEqual([]);
 */
import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import { AXE_PATH } from './image-audit';

export async function axeViolations(page: Page): Promise<string[]> {
  // Extension pages' CSP (script-src 'self') refuses an injected <script>; evaluating the source does not go through CSP.
  await page.evaluate(await readFile(AXE_PATH, 'utf8'));
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
    return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
  });
}
