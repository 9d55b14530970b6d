/**
 * Helpers for the labelling scenarios: settings through the extension's own
 * storage, the names Chromium's accessibility tree gives elements (CDP), and
 * axe-core's verdict per element.
 *
 * @example
 *   await setSettings(serviceWorker, { withholdBelow: 0 });
 *   const names = await axNames(page, ['#kids']);
 */
import type { Page, Worker } from '@playwright/test';
import type { AuditReport, AuditRow } from '../../src/shared/audit';
import type { Settings } from '../../src/shared/settings';
import { AXE_IMAGE_RULES, AXE_PATH } from './image-audit';

/** Writes settings into storage.sync from the service worker, as the options page does. */
export async function setSettings(serviceWorker: Worker, values: Partial<Settings>): Promise<void> {
  await serviceWorker.evaluate((v) => chrome.storage.sync.set(v), values as Record<string, unknown>);
}

/** Rows that carry a name Glimpse wrote. */
export const labelledRows = (report: AuditReport): AuditRow[] => report.rows.filter((r) => r.label !== null);

/** The accessible name Chromium computed for each selector (top document), read from the full AX tree. */
export async function axNames(page: Page, selectors: string[]): Promise<Record<string, string | null>> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('Accessibility.enable');
    const backendIds = new Map<string, number>();
    for (const selector of selectors) {
      const { result } = await cdp.send('Runtime.evaluate', { expression: `document.querySelector(${JSON.stringify(selector)})` });
      if (!result.objectId) throw new Error(`no element for ${selector}`);
      const { node } = await cdp.send('DOM.describeNode', { objectId: result.objectId });
      backendIds.set(selector, node.backendNodeId);
    }
    const { nodes } = await cdp.send('Accessibility.getFullAXTree');
    const names: Record<string, string | null> = {};
    for (const [selector, id] of backendIds) {
      const node = nodes.find((n) => n.backendDOMNodeId === id && !n.ignored);
      names[selector] = node?.name?.value === undefined ? null : String(node.name.value);
    }
    return names;
  } finally {
    await cdp.detach();
  }
}

export interface AxeVerdict {
  /** Ids of the image rules that flag the element. */
  violations: string[];
  /** Ids of the image rules that pass it. */
  passes: string[];
}

/** Runs axe-core's image rules on the page; the verdict for each element of `selectors` (top document). */
export async function axeImageVerdicts(page: Page, selectors: string[]): Promise<Record<string, AxeVerdict>> {
  if (!(await page.evaluate(() => 'axe' in window))) {
    // The <script> goes again at once: DOM comparisons after this must see only the page's own nodes.
    const tag = await page.addScriptTag({ path: AXE_PATH });
    await tag.evaluate((el) => (el as Element).remove());
  }
  return page.evaluate(
    async ({ rules, selectors }) => {
      type Node = { target: Array<string | string[]> };
      type Result = { id: string; nodes: Node[] };
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Result[]; passes: Result[] }> } }).axe;
      const results = await axe.run(document, { runOnly: { type: 'rule', values: rules }, resultTypes: ['violations', 'passes'] });
      // axe-core and the scan write different selectors for the same element: compare elements.
      const verdicts = new Map<Element, { violations: string[]; passes: string[] }>();
      for (const selector of selectors) verdicts.set(document.querySelector(selector)!, { violations: [], passes: [] });
      const note = (list: Result[], kind: 'violations' | 'passes'): void => {
        for (const rule of list) for (const node of rule.nodes) {
          const el = document.querySelector(node.target.flat().join(' '));
          if (el) verdicts.get(el)?.[kind].push(rule.id);
        }
      };
      note(results.violations, 'violations');
      note(results.passes, 'passes');
      return Object.fromEntries(selectors.map((s) => [s, verdicts.get(document.querySelector(s)!) ?? { violations: ['(no element)'], passes: [] }]));
    },
    { rules: AXE_IMAGE_RULES, selectors },
  );
}

/** The whole document as text, and the outerHTML of every element with an id. */
export const snapshotDom = (page: Page) =>
  page.evaluate(() => ({
    html: new XMLSerializer().serializeToString(document),
    byId: Object.fromEntries(Array.from(document.querySelectorAll('[id]'), (el) => [el.id, el.outerHTML])),
  }));
