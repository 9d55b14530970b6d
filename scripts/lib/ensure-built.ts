/**
 * Builds the extension when dist/ (or dist-firefox/) is missing or older than its sources, so
 * the audit CLI always runs the code in the tree.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const SOURCES = ['src', 'public', 'models', 'manifest.json', 'vite.config.ts', 'package.json'];

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** `dist`: dist/ (npm run build) or dist-firefox/ (npm run build:firefox). */
export function ensureBuilt(dist: 'dist' | 'dist-firefox' = 'dist'): void {
  const built = join(dist, 'manifest.json');
  const stale = !existsSync(built) || SOURCES.some((s) => newestMtime(s) > statSync(built).mtimeMs);
  if (!stale) return;
  const script = dist === 'dist-firefox' ? 'build:firefox' : 'build';
  console.error(`audit: building the extension (npm run ${script})…`);
  const result = spawnSync('npm', ['run', script, '--silent'], { stdio: ['ignore', process.stderr, 'inherit'] });
  if (result.status !== 0) throw new Error('the extension build failed');
}
