/**
 * `npx tsx scripts/bench/queue.ts [--runs N]`
 *
 * The caption queue's own overhead: N images of one tab enqueued, then every
 * one re-prioritised (the user scrolled), with the engine busy on the first
 * job so everything stays queued. Compared in the same run with the queue it
 * replaced (a linear search and a full re-sort on every enqueue), at sizes the
 * old one can finish. Prints medians and p90 over the runs, and the ratio.
 */
import { parseArgs } from 'node:util';
import { performance } from 'node:perf_hooks';
import { CaptionQueue, type CaptionRequest } from '../../src/background/caption-queue';
import { percentile, round } from '../eval/percentile';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '7' } } });
const runs = Number(values.runs);

interface Queue {
  enqueue(request: CaptionRequest): unknown;
}

/** The queue before the heap: find by scan, push, sort everything (kept here only as the peer to measure against). */
class SortedArrayQueue implements Queue {
  private readonly waiting: (CaptionRequest & { seq: number })[] = [];
  private seq = 0;
  enqueue(request: CaptionRequest): void {
    const key = `${request.tabId}/${request.frameId}/${request.imageId}`;
    const queued = this.waiting.find((job) => `${job.tabId}/${job.frameId}/${job.imageId}` === key);
    if (queued) queued.priority = Math.min(queued.priority, request.priority);
    else this.waiting.push({ ...request, seq: this.seq++ });
    this.waiting.sort((a, b) => a.priority - b.priority || a.seq - b.seq);
  }
}

const never = (): Promise<never> => new Promise(() => undefined);
const request = (i: number, priority: number): CaptionRequest => ({ tabId: 1, frameId: 0, imageId: `g-${i}`, src: `https://x.example/${i}.jpg`, priority });

function time(make: () => Queue, n: number): { enqueue: number; reprioritise: number } {
  const queue = make();
  const t0 = performance.now();
  for (let i = 0; i < n; i++) queue.enqueue(request(i, 10 + (i % 20)));
  const t1 = performance.now();
  for (let i = n - 1; i >= 0; i--) queue.enqueue(request(i, i % 10));
  const t2 = performance.now();
  return { enqueue: t1 - t0, reprioritise: t2 - t1 };
}

function measure(name: string, make: () => Queue, n: number): { enqueue: number; reprioritise: number } {
  const samples = Array.from({ length: runs }, () => time(make, n));
  const stat = (key: 'enqueue' | 'reprioritise') => samples.map((s) => s[key]);
  const result = { enqueue: percentile(stat('enqueue'), 0.5), reprioritise: percentile(stat('reprioritise'), 0.5) };
  console.log(
    `${name.padEnd(12)} n=${String(n).padStart(6)}  enqueue median ${round(result.enqueue, 1)} ms (p90 ${round(percentile(stat('enqueue'), 0.9), 1)})` +
      `  re-prioritise median ${round(result.reprioritise, 1)} ms (p90 ${round(percentile(stat('reprioritise'), 0.9), 1)})`,
  );
  return result;
}

const heap = () => new CaptionQueue(never, async () => undefined, { maxPerTab: Number.MAX_SAFE_INTEGER, concurrency: 1 });
console.log(`caption queue, ${runs} runs each`);
for (const n of [500, 1000]) {
  const a = measure('heap', heap, n);
  const b = measure('sorted array', () => new SortedArrayQueue(), n);
  console.log(`  ratio sorted-array / heap at n=${n}: enqueue ${round(b.enqueue / a.enqueue, 0)}×, re-prioritise ${round(b.reprioritise / a.reprioritise, 0)}×`);
}
for (const n of [10_000]) measure('heap', heap, n);
