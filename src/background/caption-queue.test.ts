import { describe, expect, it, vi } from 'vitest';
import type { CaptionOutcome } from '../shared/messages';
import { CaptionQueue, type CaptionRequest } from './caption-queue';

/** An engine whose jobs finish only when the test says so, recording the order they ran in. */
function fakeEngine(concurrency = 1) {
  const started: string[] = [];
  const cancelled: string[] = [];
  const finishers = new Map<string, (o: CaptionOutcome) => void>();
  const queue = new CaptionQueue(
    (jobId, { src }) =>
      new Promise((resolve) => {
        started.push(src);
        finishers.set(src, resolve);
      }),
    async (jobIds) => {
      cancelled.push(...jobIds);
    },
    { concurrency },
  );
  const finish = async (src: string) => {
    finishers.get(src)!({ ok: true, text: `caption of ${src}`, captioned: true, imageType: null, ocrText: '', confidence: 1, concepts: [], captionCheck: null, conceptsMissing: null, tokens: [], timings: { preprocess: 0, encoder: 0, decoder: 0, total: 0 }, backend: 'wasm', cached: false });
    await new Promise((ok) => setTimeout(ok, 0));
  };
  return { queue, started, cancelled, finish };
}

const req = (imageId: string, priority: number, extra: Partial<CaptionRequest> = {}): CaptionRequest => ({ tabId: 1, frameId: 0, imageId, src: `https://x/${imageId}.jpg`, priority, ...extra });

describe('CaptionQueue', () => {
  it('runs one job at a time, smallest priority first, first come first served among equals', async () => {
    const { queue, started, finish } = fakeEngine();
    void queue.enqueue(req('a', 5));
    void queue.enqueue(req('b', 3));
    void queue.enqueue(req('c', 0));
    void queue.enqueue(req('d', 3));
    expect(started).toEqual(['https://x/a.jpg']); // 'a' started before the others arrived
    await finish('https://x/a.jpg');
    await finish('https://x/c.jpg');
    await finish('https://x/b.jpg');
    expect(started).toEqual(['https://x/a.jpg', 'https://x/c.jpg', 'https://x/b.jpg', 'https://x/d.jpg']);
  });

  it('treats another region of the same image as another picture, the same region as the same job', async () => {
    const { queue, started, finish } = fakeEngine();
    void queue.enqueue(req('a', 0));
    const left = { points: [[0, 0], [0.5, 0], [0.5, 1], [0, 1]] as Array<[number, number]> };
    const right = { points: [[0.5, 0], [1, 0], [1, 1], [0.5, 1]] as Array<[number, number]> };
    const first = queue.enqueue(req('area', 1, { src: 'https://x/map.jpg', region: left }));
    const again = queue.enqueue(req('area', 1, { src: 'https://x/map.jpg', region: { points: left.points.map(([x, y]) => [x, y]) } }));
    await finish('https://x/a.jpg');
    await finish('https://x/map.jpg');
    await expect(first).resolves.toMatchObject({ ok: true });
    await expect(again).resolves.toMatchObject({ ok: true });
    // The area's coords changed before its turn: the old region's answer would describe the wrong part.
    void queue.enqueue(req('a', 0, { src: 'https://x/b.jpg' }));
    const before = queue.enqueue(req('area', 1, { src: 'https://x/map.jpg', region: left }));
    const moved = queue.enqueue(req('area', 1, { src: 'https://x/map.jpg', region: right }));
    await expect(before).resolves.toMatchObject({ code: 'cancelled' });
    await finish('https://x/b.jpg');
    await finish('https://x/map.jpg');
    await expect(moved).resolves.toMatchObject({ ok: true });
    expect(started).toEqual(['https://x/a.jpg', 'https://x/map.jpg', 'https://x/b.jpg', 'https://x/map.jpg']);
  });

  it('answers a cancelled waiting job at once and never runs it', async () => {
    const { queue, started, finish } = fakeEngine();
    void queue.enqueue(req('a', 0));
    const b = queue.enqueue(req('b', 1));
    expect(queue.cancelImages(1, 0, ['b'])).toBe(1);
    await expect(b).resolves.toMatchObject({ ok: false, code: 'cancelled' });
    await finish('https://x/a.jpg');
    expect(started).toEqual(['https://x/a.jpg']);
  });

  it('cancels the running job in the engine and moves on', async () => {
    const { queue, started, cancelled, finish } = fakeEngine();
    const a = queue.enqueue(req('a', 0));
    void queue.enqueue(req('b', 1));
    queue.cancelImages(1, 0, ['a']);
    await expect(a).resolves.toMatchObject({ code: 'cancelled' });
    expect(cancelled).toEqual([expect.stringContaining('1/0/a#')]);
    await finish('https://x/a.jpg'); // the engine answers the cancelled job
    expect(started).toEqual(['https://x/a.jpg', 'https://x/b.jpg']);
  });

  it('cancels everything of a closed tab, and only that tab', async () => {
    const { queue } = fakeEngine();
    void queue.enqueue(req('a', 0, { tabId: 1 }));
    void queue.enqueue(req('b', 0, { tabId: 2 }));
    const c = queue.enqueue(req('c', 0, { tabId: 1 }));
    expect(queue.cancelTab(1)).toBe(2);
    await expect(c).resolves.toMatchObject({ code: 'cancelled' });
    expect(queue.pending().map((p) => p.jobId)).toEqual([expect.stringContaining('2/0/b#')]);
  });

  it('joins a repeated request for the same image and raises its priority', async () => {
    const { queue, started, finish } = fakeEngine();
    void queue.enqueue(req('a', 0));
    const b1 = queue.enqueue(req('b', 9));
    void queue.enqueue(req('c', 5));
    const b2 = queue.enqueue(req('b', 1));
    await finish('https://x/a.jpg');
    expect(started[1]).toBe('https://x/b.jpg');
    await finish('https://x/b.jpg');
    await expect(b1).resolves.toMatchObject({ ok: true, text: 'caption of https://x/b.jpg' });
    await expect(b2).resolves.toMatchObject({ ok: true, text: 'caption of https://x/b.jpg' });
  });

  it('replaces a queued job whose image changed src', async () => {
    const { queue, started, finish } = fakeEngine();
    void queue.enqueue(req('a', 0));
    const old = queue.enqueue(req('b', 1, { src: 'https://x/old.jpg' }));
    void queue.enqueue(req('b', 1, { src: 'https://x/new.jpg' }));
    await expect(old).resolves.toMatchObject({ code: 'cancelled' });
    await finish('https://x/a.jpg');
    expect(started).toEqual(['https://x/a.jpg', 'https://x/new.jpg']);
  });

  it('caps the waiting jobs of one tab and answers the rest queue-full at once, other tabs unaffected', async () => {
    const queue = new CaptionQueue(() => new Promise(() => undefined), async () => undefined, { maxPerTab: 3, concurrency: 1 });
    void queue.enqueue(req('running', 0));
    for (const id of ['a', 'b', 'c']) void queue.enqueue(req(id, 1));
    await expect(queue.enqueue(req('d', 0))).resolves.toMatchObject({ ok: false, code: 'queue-full' });
    void queue.enqueue(req('x', 0, { tabId: 2 }));
    expect(queue.size).toBe(4);
    // A repeat of a queued image still joins it, and a cancel frees a place.
    void queue.enqueue(req('a', 0));
    queue.cancelImages(1, 0, ['b']);
    void queue.enqueue(req('d', 0));
    expect(queue.pending().map((p) => p.jobId.split('#')[0])).toEqual(['1/0/running', '1/0/a', '2/0/x', '1/0/d', '1/0/c']);
  });

  it('serves 10,000 jobs in priority order after they were re-prioritised', async () => {
    const order: string[] = [];
    const queue = new CaptionQueue(async (jobId, { src }) => {
      order.push(src);
      return { ok: false, code: 'fetch-failed', message: jobId };
    }, async () => undefined, { maxPerTab: 20_000, concurrency: 1 });
    const all: Promise<CaptionOutcome>[] = [];
    for (let i = 0; i < 10_000; i++) all.push(queue.enqueue(req(`i${i}`, 100 + (i % 7))));
    // The user scrolls: every third image moves into the viewport.
    for (let i = 0; i < 10_000; i += 3) void queue.enqueue(req(`i${i}`, i % 2));
    await Promise.all(all);
    expect(order).toHaveLength(10_000);
    const priority = (src: string): number => {
      const i = Number(/i(\d+)/.exec(src)![1]);
      return i % 3 === 0 ? Math.min(i % 2, 100 + (i % 7)) : 100 + (i % 7);
    };
    // The first job ran before the rest arrived; after it, never a lower priority after a higher one.
    const rest = order.slice(1).map(priority);
    expect(rest.every((p, k) => k === 0 || rest[k - 1]! <= p)).toBe(true);
  });

  it('hands the engine `concurrency` jobs at once, so one slow image does not hold up the rest', async () => {
    const { queue, started, finish } = fakeEngine(2);
    const slow = queue.enqueue(req('slow', 0));
    void queue.enqueue(req('a', 1));
    void queue.enqueue(req('b', 2));
    expect(started).toEqual(['https://x/slow.jpg', 'https://x/a.jpg']);
    await finish('https://x/a.jpg');
    expect(started).toEqual(['https://x/slow.jpg', 'https://x/a.jpg', 'https://x/b.jpg']);
    await finish('https://x/slow.jpg');
    await expect(slow).resolves.toMatchObject({ ok: true });
  });

  it('fails a job the engine never answers with timed-out, tells the engine, and starts the next', async () => {
    vi.useFakeTimers();
    try {
      const started: string[] = [];
      const cancelled: string[] = [];
      const queue = new CaptionQueue(
        async (jobId, { src }) => {
          started.push(src);
          if (src.includes('stuck')) return new Promise<never>(() => undefined);
          return { ok: false, code: 'fetch-failed', message: 'x' };
        },
        async (ids) => void cancelled.push(...ids),
        { concurrency: 1, deadlineMs: 1000 },
      );
      const stuck = queue.enqueue(req('stuck', 0));
      const next = queue.enqueue(req('next', 1));
      await vi.advanceTimersByTimeAsync(999);
      expect(started).toEqual(['https://x/stuck.jpg']);
      await vi.advanceTimersByTimeAsync(1);
      await expect(stuck).resolves.toMatchObject({ ok: false, code: 'timed-out', message: expect.stringMatching(/within 1 s/) });
      await expect(next).resolves.toMatchObject({ code: 'fetch-failed' });
      expect(started).toEqual(['https://x/stuck.jpg', 'https://x/next.jpg']);
      expect(cancelled).toEqual([expect.stringContaining('1/0/stuck#')]);
      expect(queue.busy()).toBe(false);
    } finally {
      vi.useRealTimers();
    }
  });

  it('turns an engine that throws into an engine-error answer', async () => {
    const queue = new CaptionQueue(
      () => Promise.reject(new Error('Could not establish connection')),
      async () => undefined,
    );
    await expect(queue.enqueue(req('a', 0))).resolves.toMatchObject({ ok: false, code: 'engine-error', message: expect.stringContaining('Could not establish connection') });
  });
});
