/** Running `npm run audit:site` as a child process, as a user does, and reading what it wrote. */
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SiteReport } from '../../../scripts/lib/site/site-report';

export function runSiteAudit(args: string[]): Promise<{ code: number | null; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/audit-site.ts', ...args], { cwd: process.cwd() });
    let stderr = '';
    child.stdout.resume();
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => done({ code, stderr }));
  });
}

export async function readReport(out: string): Promise<SiteReport> {
  return JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as SiteReport;
}

/** A report without what differs from run to run: when it was made and how long each page took. */
export function withoutTimings(report: SiteReport): unknown {
  return { ...report, generatedAt: null, pages: report.pages.map((p) => ({ ...p, audit: p.audit && { ...p.audit, elapsedMs: null } })) };
}
