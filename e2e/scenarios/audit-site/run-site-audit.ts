/** Running `npm run audit:site` as a child process, as a user does, and reading what it wrote. */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SiteReport } from '../../../scripts/lib/site/site-report';
import { runScript } from '../../support/run-script';

export async function runSiteAudit(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const { code, stderr } = await runScript('scripts/audit-site.ts', args);
  return { code, stderr };
}

export async function readReport(out: string): Promise<SiteReport> {
  return JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as SiteReport;
}

/** A report without what differs from run to run: when it was made and how long each page took. */
export function withoutTimings(report: SiteReport): unknown {
  return { ...report, generatedAt: null, pages: report.pages.map((p) => ({ ...p, audit: p.audit && { ...p.audit, elapsedMs: null } })) };
}
