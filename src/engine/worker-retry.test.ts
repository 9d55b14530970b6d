import { describe, expect, it } from 'vitest';
import { CaptionError } from './caption-error';
import { onceMoreIfStopped, WorkerStopped } from './worker-retry';

describe('onceMoreIfStopped', () => {
  it('describes the image again once when the worker stopped under it', async () => {
    const said: string[] = [];
    let calls = 0;
    const result = await onceMoreIfStopped(
      async () => {
        calls++;
        if (calls === 1) throw new WorkerStopped('it ended unexpectedly');
        return 'a dog on grass';
      },
      (stopped) => said.push(stopped.message),
    );
    expect(result).toBe('a dog on grass');
    expect(calls).toBe(2);
    expect(said).toEqual(['The caption worker stopped: it ended unexpectedly.']);
  });

  it('gives up after the second stop, with the worker’s reason', async () => {
    let calls = 0;
    const run = onceMoreIfStopped(async () => {
      calls++;
      throw new WorkerStopped(`stop ${calls}`);
    }, () => undefined);
    await expect(run).rejects.toMatchObject({ code: 'engine-error', message: 'The caption worker stopped: stop 2.' });
    expect(calls).toBe(2);
  });

  it('never retries a timed-out or any other failure', async () => {
    for (const failure of [new CaptionError('timed-out', 'The image timed out.'), new CaptionError('unreadable', 'damaged'), new Error('boom')]) {
      let calls = 0;
      await expect(
        onceMoreIfStopped(async () => {
          calls++;
          throw failure;
        }, () => undefined),
      ).rejects.toBe(failure);
      expect(calls).toBe(1);
    }
  });
});
