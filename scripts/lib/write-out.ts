/**
 * Writing a CLI's result before it exits. `console.log` then `process.exit`
 * loses the tail of a large write when stdout is a pipe: Node writes to pipes
 * asynchronously, and `process.exit` drops what is still queued, so
 * `npm run audit -- PAGE --json | jq` got a JSON line cut short.
 */
import type { Writable } from 'node:stream';

/** Writes `text` and resolves once the stream has handed all of it to the OS. */
export function writeFully(text: string, stream: Writable = process.stdout): Promise<void> {
  return new Promise((resolve, reject) => {
    stream.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

/** Exits with `code` after stdout and stderr have drained. */
export async function exitWhenFlushed(code: number): Promise<never> {
  await Promise.all([writeFully('', process.stdout), writeFully('', process.stderr)]);
  process.exit(code);
}
