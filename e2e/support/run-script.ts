/**
 * Runs one of the project's command-line scripts as a child process, as a
 * user's `npm run …` does, and collects what it printed.
 *
 * @example const { code, stdout } = await runScript('scripts/audit.ts', ['--json', url]);
 */
import { spawn } from 'node:child_process';

export function runScript(script: string, args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], { cwd: process.cwd() });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('close', (code) => done({ code, stdout, stderr }));
  });
}
