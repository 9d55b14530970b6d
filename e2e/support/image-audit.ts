/**
 * Helpers for the image-scan e2e scenarios: read a frame's audit from the
 * content script (through the service worker, as the extension itself does),
 * run axe-core's image rules in the same frame, and compare the two.
 *
 * @example
 *   const report = await auditOf(serviceWorker, page.url());
 *   const problems = await judgeWithAxe(page.mainFrame(), report);
 */
import type { Frame, Worker } from '@playwright/test';
import { auditOf } from '../../scripts/lib/tab-audit';
import { resolve } from 'node:path';
import type { AuditReport, AuditRow } from '../../src/shared/audit';

export const AXE_PATH = resolve('node_modules/axe-core/axe.min.js');
export { auditOf, sendToTab } from '../../scripts/lib/tab-audit';

export const AXE_IMAGE_RULES = ['image-alt', 'role-img-alt', 'input-image-alt', 'svg-img-alt', 'area-alt', 'object-alt'];

/**
 * Polls the frame's audit until `ready` holds. A content script injects at
 * document_idle, so until then "Receiving end does not exist" just means "not yet".
 */
export async function waitForAudit(serviceWorker: Worker, tabUrl: string, ready: (r: AuditReport) => boolean, frameUrl?: string, timeoutMs = 20_000): Promise<AuditReport> {
  const deadline = Date.now() + timeoutMs;
  let last: AuditReport | undefined;
  let lastError = '';
  while (Date.now() < deadline) {
    try {
      last = await auditOf(serviceWorker, tabUrl, frameUrl);
      if (last && ready(last)) return last;
    } catch (error) {
      lastError = String(error);
      if (!/Receiving end does not exist/.test(lastError)) throw error;
    }
    await new Promise((ok) => setTimeout(ok, 200));
  }
  throw new Error(`audit of ${frameUrl ?? tabUrl} not ready after ${timeoutMs} ms: ${last ? `${last.rows.length} rows` : lastError}`);
}

export interface AxeJudgement {
  violations: number;
  passes: number;
  /** Human-readable disagreements between axe-core and the scan; empty when they agree. */
  problems: string[];
}

/**
 * Runs axe-core's image rules in `frame` and checks the scan against them:
 * every element axe flags must have name status "missing" (and status
 * "missing" unless Glimpse skipped it with a reason); every element axe passes
 * must be decorative, labelled or suspicious (or skipped with that name status),
 * or carry a name Glimpse wrote.
 */
export async function judgeWithAxe(frame: Frame, report: AuditReport): Promise<AxeJudgement> {
  if (!(await frame.evaluate(() => 'axe' in window))) await frame.addScriptTag({ path: AXE_PATH });
  return frame.evaluate(
    async ({ rows, rules }) => {
      type Target = Array<string | string[]>;
      const axe = (window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<{ violations: Array<{ id: string; nodes: Array<{ target: Target }> }>; passes: Array<{ id: string; nodes: Array<{ target: Target }> }> }> } }).axe;
      const results = await axe.run(document, { runOnly: { type: 'rule', values: rules }, resultTypes: ['violations', 'passes'] });
      const find = (chain: string[]): Element | null => {
        let scope: Document | ShadowRoot | null = document;
        let el: Element | null = null;
        for (const selector of chain) {
          el = scope?.querySelector(selector) ?? null;
          scope = el?.shadowRoot ?? null;
        }
        return el;
      };
      const chainOf = (target: Target): string[] => target.flatMap((t) => (Array.isArray(t) ? t : [t]));
      const byElement = new Map<Element, (typeof rows)[number]>();
      const problems: string[] = [];
      for (const row of rows) {
        const el = find(row.selector);
        if (el) byElement.set(el, row);
        else problems.push(`scan row ${row.id} (${row.selector.join(' >>> ')}) does not resolve to an element`);
      }
      let violations = 0;
      let passes = 0;
      for (const rule of results.violations) {
        for (const node of rule.nodes) {
          violations += 1;
          const where = chainOf(node.target).join(' >>> ');
          const row = byElement.get(find(chainOf(node.target)) as Element);
          if (!row) problems.push(`axe ${rule.id} flags ${where}, which the scan did not find`);
          else if (row.nameStatus !== 'missing' || (row.status !== 'missing' && row.status !== 'skipped'))
            problems.push(`axe ${rule.id} flags ${where}, the scan says ${row.status}/${row.nameStatus} (${row.ruleId})`);
        }
      }
      for (const rule of results.passes) {
        for (const node of rule.nodes) {
          passes += 1;
          const where = chainOf(node.target).join(' >>> ');
          const row = byElement.get(find(chainOf(node.target)) as Element);
          if (!row) problems.push(`axe ${rule.id} passes ${where}, which the scan did not find`);
          // A name Glimpse wrote passes axe by design; the scan keeps judging the author's markup.
          else if ((row.nameStatus === 'missing' || row.status === 'missing') && row.label === null)
            problems.push(`axe ${rule.id} passes ${where}, the scan says ${row.status}/${row.nameStatus} (${row.ruleId})`);
        }
      }
      return { violations, passes, problems };
    },
    { rows: report.rows, rules: AXE_IMAGE_RULES },
  );
}

/** The row whose selector path ends with `selector` (e.g. '#broken'), or undefined. */
export function rowAt(report: AuditReport, ...chain: string[]): AuditRow | undefined {
  return report.rows.find((r) => r.selector.length === chain.length && r.selector.every((s, i) => s === chain[i]));
}
