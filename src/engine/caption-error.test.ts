import { describe, expect, it, vi } from 'vitest';
import { CaptionError, raceDeadline } from './caption-error';

describe('raceDeadline', () => {
  it('passes a result that arrives in time through, and runs no clean-up', async () => {
    const onTimeout = vi.fn(() => new CaptionError('timed-out', 'late'));
    await expect(raceDeadline(Promise.resolve(7), 1000, onTimeout)).resolves.toBe(7);
    await expect(raceDeadline(Promise.reject(new Error('boom')), 1000, onTimeout)).rejects.toThrow('boom');
    expect(onTimeout).not.toHaveBeenCalled();
  });
  it('rejects with the timeout error and runs the clean-up once when the work never settles', async () => {
    vi.useFakeTimers();
    try {
      const onTimeout = vi.fn(() => new CaptionError('timed-out', 'The caption timed out.'));
      const raced = raceDeadline(new Promise<never>(() => undefined), 500, onTimeout);
      const settled = expect(raced).rejects.toMatchObject({ code: 'timed-out', message: 'The caption timed out.' });
      await vi.advanceTimersByTimeAsync(500);
      await settled;
      expect(onTimeout).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
