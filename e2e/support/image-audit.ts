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
  /** Scan rows axe-core's image rules don't apply to (hidden from everyone, aria-hidden, objects showing fallback). */
  inapplicable: number;
  /** Scan rows no axe-core rule selects: <svg> without an image role (SVG-AAM's graphics-document). */
  outsideAxe: number;
  /** Human-readable disagreements between axe-core and the scan; empty when they agree. */
  problems: string[];
}

/**
 * Runs axe-core's image rules in `frame` and checks the scan against them,
 * element by element: axe reports a violation ⇔ the audit status is
 * "missing". Every element axe judges must be in the scan and every scan row
 * must resolve to an element. Two exceptions, both named in the result: a
 * name Glimpse wrote passes axe by design (the scan keeps judging the
 * author's markup), and <svg> without an image role is outside every axe rule.
 * Give `report` as a function to have it asked for right after axe ran.
 */
export async function judgeWithAxe(frame: Frame, report: AuditReport | (() => Promise<AuditReport>)): Promise<AxeJudgement> {
  if (!(await frame.evaluate(() => 'axe' in window))) await frame.addScriptTag({ path: AXE_PATH });
  // axe runs first; a report asked for after it knows every name Glimpse had written by then, so a name
  // written between the two can't make axe's pass look like a disagreement.
  await frame.evaluate(async (rules) => {
    const w = window as unknown as { axe: { run: (ctx: Document, opts: object) => Promise<unknown> }; __glimpseAxe?: unknown };
    w.__glimpseAxe = await w.axe.run(document, { runOnly: { type: 'rule', values: rules }, resultTypes: ['violations', 'passes', 'incomplete'] });
  }, AXE_IMAGE_RULES);
  const rows = (typeof report === 'function' ? await report() : report).rows;
  return frame.evaluate(
    ({ rows }) => {
      type Target = Array<string | string[]>;
      type Result = Array<{ id: string; nodes: Array<{ target: Target }> }>;
      const results = (window as unknown as { __glimpseAxe: { violations: Result; passes: Result; incomplete: Result } }).__glimpseAxe;
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
      const problems: string[] = [];
      /** Element → the axe rules that flag it, and those that pass it. */
      const verdicts = new Map<Element, { violations: string[]; passes: string[] }>();
      const record = (list: Result, kind: 'violations' | 'passes' | 'incomplete'): number => {
        let n = 0;
        for (const rule of list) {
          for (const node of rule.nodes) {
            n += 1;
            const where = chainOf(node.target).join(' >>> ');
            const el = find(chainOf(node.target));
            if (!el) problems.push(`axe ${rule.id} ${kind} ${where}, which does not resolve`);
            else if (kind === 'incomplete') problems.push(`axe ${rule.id} could not decide on ${where}`);
            else {
              const v = verdicts.get(el) ?? { violations: [], passes: [] };
              v[kind].push(rule.id);
              verdicts.set(el, v);
            }
          }
        }
        return n;
      };
      const violations = record(results.violations, 'violations');
      const passes = record(results.passes, 'passes');
      record(results.incomplete, 'incomplete');
      const SVG_IMAGE = ":is([role='img'], [role='image']), [role='graphics-symbol'], svg[role='graphics-document']";
      let inapplicable = 0;
      let outsideAxe = 0;
      const seen = new Set<Element>();
      for (const row of rows) {
        const path = row.selector.join(' >>> ');
        const el = find(row.selector);
        if (!el) {
          problems.push(`scan row ${row.id} (${path}) does not resolve to an element`);
          continue;
        }
        seen.add(el);
        // Generated fixtures say which combination each element is.
        const where = el.hasAttribute('data-case') ? `${path} ${el.getAttribute('data-case')}` : path;
        const v = verdicts.get(el);
        const flagged = (v?.violations.length ?? 0) > 0;
        const says = `the scan says ${row.status} (${row.ruleId})`;
        if (!v) {
          if (el.namespaceURI === 'http://www.w3.org/2000/svg' && !el.matches(SVG_IMAGE)) {
            outsideAxe += 1;
            continue;
          }
          inapplicable += 1;
          if (row.status === 'missing') problems.push(`axe does not judge ${where} (hidden or not applicable), ${says}`);
        } else if (flagged && row.status !== 'missing') problems.push(`axe ${v.violations.join(', ')} flags ${where}, ${says}`);
        // A name Glimpse wrote passes axe by design; the scan keeps judging the author's markup.
        else if (!flagged && row.status === 'missing' && row.label === null) problems.push(`axe ${v.passes.join(', ')} passes ${where}, ${says}`);
      }
      for (const el of verdicts.keys()) {
        if (!seen.has(el)) problems.push(`axe judges <${el.localName}${el.id ? ` id="${el.id}"` : ''}>, which the scan did not find`);
      }
      return { violations, passes, inapplicable, outsideAxe, problems };
    },
    { rows },
  );
}

/** The row whose selector path ends with `selector` (e.g. '#broken'), or undefined. */
export function rowAt(report: AuditReport, ...chain: string[]): AuditRow | undefined {
  return report.rows.find((r) => r.selector.length === chain.length && r.selector.every((s, i) => s === chain[i]));
}

/** The row of the element whose own selector is `#id`. */
export function rowById(report: AuditReport, id: string): AuditRow | undefined {
  return report.rows.find((r) => r.selector.at(-1) === `#${id}`);
}

/** The engine's answer has reached the row: a name written, hedged or withheld, or a reason it failed. */
export function answered(row: AuditRow | undefined): boolean {
  return row !== undefined && (row.labelState !== null || row.descriptionError !== null);
}
