import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const script = fileURLToPath(new URL('./fixtures/print-big.ts', import.meta.url));

describe('writeFully + exitWhenFlushed', () => {
  it('delivers a 1 MB line whole through a slow pipe before the process exits', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', script], { stdio: ['ignore', 'pipe', 'inherit'] });
    const chunks: Buffer[] = [];
    // Read slowly, so the pipe fills and the child has to wait for it to drain.
    child.stdout.on('data', (chunk: Buffer) => {
      chunks.push(chunk);
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), 2);
    });
    const code = await new Promise<number | null>((ok) => child.on('close', ok));
    const text = Buffer.concat(chunks).toString('utf8');
    expect(code).toBe(0);
    expect(text.endsWith('}\n')).toBe(true);
    const parsed = JSON.parse(text) as { images: unknown[] };
    expect(parsed.images).toHaveLength(5000);
  });
});
