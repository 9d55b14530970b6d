/**
 * Resident memory of Chromium's processes, read from Linux's /proc, for the
 * benchmarks: the whole tree under the browser process, or the processes
 * whose command line matches (e.g. the extension's renderer, which hosts the
 * offscreen engine document and its workers).
 *
 * @example
 *   const pid = browserPid(userDir);
 *   const kb = treeRssKb(pid);
 */
import { readdirSync, readFileSync } from 'node:fs';

function rssKb(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0);
  } catch {
    return 0; // exited meanwhile
  }
}

function commandLine(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
  } catch {
    return '';
  }
}

/** Every process below `root` (itself included). */
export function processTree(root: number): number[] {
  const children = new Map<number, number[]>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const parent = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      children.set(parent, [...(children.get(parent) ?? []), Number(entry)]);
    } catch {
      // exited meanwhile
    }
  }
  const tree: number[] = [];
  const queue = [root];
  while (queue.length) {
    const pid = queue.pop()!;
    tree.push(pid);
    queue.push(...(children.get(pid) ?? []));
  }
  return tree;
}

/** Resident memory of a process and all its descendants, in kilobytes. */
export function treeRssKb(root: number): number {
  return processTree(root).reduce((sum, pid) => sum + rssKb(pid), 0);
}

/** Resident memory of the processes below `root` whose command line matches `pattern`, in kilobytes. */
export function matchingRssKb(root: number, pattern: RegExp): number {
  return processTree(root)
    .filter((pid) => pattern.test(commandLine(pid)))
    .reduce((sum, pid) => sum + rssKb(pid), 0);
}

/** The browser process started with `--user-data-dir=userDir`. */
export function browserPid(userDir: string): number | null {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmd = commandLine(Number(entry));
    if (cmd.includes(`--user-data-dir=${userDir}`) && !cmd.includes('--type=')) return Number(entry);
  }
  return null;
}
