/**
 * axe-core in a page of the Firefox suite (puppeteer-core over BiDi): the
 * WCAG 2.2 AA and best-practice violations as `rule (node count)` strings.
 *
 * @example
 *   assert.deepEqual(await axeViolations(options), []);
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer-core';

const AXE_SOURCE = readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

interface Axe {
  run(context: Document, options: object): Promise<{ violations: Array<{ id: string; nodes: unknown[] }> }>;
}

/** Loads axe-core into the page (evaluated: an extension page's CSP refuses an injected <script>). */
async function withAxe(page: Page): Promise<void> {
  if (await page.evaluate(() => 'axe' in window)) return;
  await page.evaluate(await AXE_SOURCE);
}

export async function axeViolations(page: Page): Promise<string[]> {
  await withAxe(page);
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: Axe }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'] } });
    return result.violations.map((v) => `${v.id} (${v.nodes.length})`);
  });
}
