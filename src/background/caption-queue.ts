/**
 * The one queue in front of the engine: every tab's caption requests,
 * smallest priority first (0 = in the viewport), first come first served among
 * equals. `concurrency` jobs (2) are handed to the engine at once: the engine
 * runs the model for one image at a time (it uses all the cores it is given),
 * but downloads the next meanwhile, so an image server that answers slowly
 * holds one place, not the whole queue. A job the engine has not answered
 * within `deadlineMs` fails 'timed-out' and the next one starts (the engine
 * has its own, shorter deadlines; this one covers an engine that never answers).
 *
 * The waiting jobs sit in an indexed heap with an index by image, so enqueue,
 * re-prioritise and cancel cost O(log n) each: 10,000 images of one page are
 * queued in milliseconds (`npx tsx scripts/bench/queue.ts`). A request for an
 * image that is already queued joins that job and may raise its priority;
 * cancelling answers the waiting content script with a 'cancelled' failure at
 * once and tells the engine to drop the job.
 *
 * Each tab may hold at most `maxPerTab` waiting jobs; past that, a new request
 * is answered 'queue-full' at once (the content script asks again later), so
 * one page of 10,000 images can't fill the background's memory or starve the
 * other tabs behind it.
 *
 * @example
 *   const queue = new CaptionQueue(runJob, cancelJobs);
 *   const outcome = await queue.enqueue({ tabId: 3, frameId: 0, imageId: 'g-1', src, priority: 0 });
 */
import type { CaptionFailure, CaptionOutcome } from '../shared/messages';
import type { ImageType } from '../shared/image-type';
import { regionKey, type ImageRegion } from '../shared/image-region';
import { IndexedHeap } from '../shared/indexed-heap';

export interface CaptionRequest {
  tabId: number;
  frameId: number;
  imageId: string;
  src: string;
  priority: number;
  /** What the image's place in the page suggests it is (a link in the header: a logo). */
  placeHint?: ImageType | null;
  /** The part of the image to describe (an image-map area), or the whole image. */
  region?: ImageRegion | null;
  /** The tab's top-level origin: captions are cached per site. */
  site?: string;
  /** The asking frame is on a private-network address itself. */
  allowPrivate?: boolean;
}

interface Job extends CaptionRequest {
  key: string;
  jobId: string;
  seq: number;
  waiters: ((outcome: CaptionOutcome) => void)[];
}

/** Waiting jobs one tab may hold: the content script keeps far fewer in flight per frame. */
export const MAX_QUEUED_PER_TAB = 200;
/** Longest wait for the engine's answer to one job: above the engine's own deadlines (fetch, decode, model load, caption) added up. */
export const JOB_DEADLINE_MS = 15 * 60_000;

const CANCELLED: CaptionFailure = { ok: false, code: 'cancelled', message: 'The request was cancelled.' };
const QUEUE_FULL: CaptionFailure = { ok: false, code: 'queue-full', message: 'Too many images of this tab are waiting for a description; this one is asked for again later.' };

/** The same picture: same source and same region of it. */
function samePicture(a: CaptionRequest, b: CaptionRequest): boolean {
  return a.src === b.src && regionKey(a.region) === regionKey(b.region);
}

function keyOf(r: { tabId: number; frameId: number; imageId: string }): string {
  return `${r.tabId}/${r.frameId}/${r.imageId}`;
}

export class CaptionQueue {
  private readonly waiting = new IndexedHeap<Job>((a, b) => a.priority - b.priority || a.seq - b.seq);
  private readonly byKey = new Map<string, Job>();
  private readonly perTab = new Map<number, number>();
  private readonly running = new Map<string, Job>();
  private seq = 0;
  private readonly maxPerTab: number;
  private readonly concurrency: number;
  private readonly deadlineMs: number;

  constructor(
    private readonly run: (jobId: string, request: CaptionRequest) => Promise<CaptionOutcome>,
    private readonly cancelRunning: (jobIds: string[]) => Promise<unknown>,
    options: { maxPerTab?: number; concurrency?: number; deadlineMs?: number } = {},
  ) {
    this.maxPerTab = options.maxPerTab ?? MAX_QUEUED_PER_TAB;
    this.concurrency = options.concurrency ?? 2;
    this.deadlineMs = options.deadlineMs ?? JOB_DEADLINE_MS;
  }

  /** Queues a request; resolves with the engine's outcome (never rejects). */
  enqueue(request: CaptionRequest): Promise<CaptionOutcome> {
    return new Promise((resolve) => {
      const key = keyOf(request);
      const running = this.running.get(key);
      if (running && samePicture(running, request)) {
        running.waiters.push(resolve);
        return;
      }
      const queued = this.byKey.get(key);
      if (queued && samePicture(queued, request)) {
        queued.waiters.push(resolve);
        if (request.priority < queued.priority) {
          queued.priority = request.priority;
          this.waiting.update(queued);
        }
        return;
      }
      // A different src (or region) for the same image: the old answer would describe the wrong picture.
      if (queued) this.drop(queued);
      if ((this.perTab.get(request.tabId) ?? 0) >= this.maxPerTab) {
        resolve(QUEUE_FULL);
        return;
      }
      const seq = this.seq++;
      const job: Job = { ...request, key, jobId: `${key}#${seq}`, seq, waiters: [resolve] };
      this.waiting.push(job);
      this.byKey.set(key, job);
      this.perTab.set(job.tabId, (this.perTab.get(job.tabId) ?? 0) + 1);
      this.pump();
    });
  }

  /** Cancels the given images of one frame; returns how many jobs were cancelled. */
  cancelImages(tabId: number, frameId: number, imageIds: string[]): number {
    let count = 0;
    for (const imageId of imageIds) {
      const key = keyOf({ tabId, frameId, imageId });
      const job = this.byKey.get(key);
      if (job) {
        this.drop(job);
        count++;
      }
      if (this.cancelRunningJob(this.running.get(key))) count++;
    }
    return count;
  }

  /** Cancels everything a tab asked for (the tab was closed). */
  cancelTab(tabId: number): number {
    const hit = this.waiting.values().filter((job) => job.tabId === tabId);
    for (const job of hit) this.drop(job);
    const running = [...this.running.values()].filter((job) => job.tabId === tabId && this.cancelRunningJob(job));
    return hit.length + running.length;
  }

  /** Jobs someone still waits for, the running ones first (a cancelled running job is not one), then by priority. */
  pending(): { jobId: string; priority: number }[] {
    const waiting = [...this.waiting.values()].sort((a, b) => a.priority - b.priority || a.seq - b.seq);
    return [...this.running.values(), ...waiting].filter((j) => j.waiters.length > 0).map(({ jobId, priority }) => ({ jobId, priority }));
  }

  /** How many jobs wait (not counting the running one). */
  get size(): number {
    return this.waiting.size;
  }

  /** Whether the engine is working or has work waiting. */
  busy(): boolean {
    return this.running.size > 0 || this.waiting.size > 0;
  }

  private cancelRunningJob(running: Job | undefined): boolean {
    if (!running || running.waiters.length === 0) return false;
    this.answer(running, CANCELLED);
    this.cancelRunning([running.jobId]).catch((error: unknown) => console.warn('[glimpse] engine cancel failed', error));
    return true;
  }

  /** Takes a waiting job out of the queue and its indexes, answering its waiters with `outcome`. */
  private drop(job: Job, outcome: CaptionOutcome = CANCELLED): void {
    this.take(job);
    this.answer(job, outcome);
  }

  private take(job: Job): void {
    this.waiting.remove(job);
    this.byKey.delete(job.key);
    const left = (this.perTab.get(job.tabId) ?? 1) - 1;
    if (left > 0) this.perTab.set(job.tabId, left);
    else this.perTab.delete(job.tabId);
  }

  private answer(job: Job, outcome: CaptionOutcome): void {
    const waiters = job.waiters.splice(0);
    for (const resolve of waiters) resolve(outcome);
  }

  private pump(): void {
    while (this.running.size < this.concurrency) {
      const job = this.waiting.peek();
      if (!job) return;
      this.take(job);
      this.running.set(job.key, job);
      void this.start(job);
    }
  }

  private async start(job: Job): Promise<void> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const deadline = new Promise<CaptionOutcome>((resolve) => {
      timer = setTimeout(() => {
        this.cancelRunning([job.jobId]).catch(() => undefined);
        resolve({ ok: false, code: 'timed-out', message: `The caption engine did not answer within ${Math.round(this.deadlineMs / 1000)} s; Glimpse moved on to the next image.` });
      }, this.deadlineMs);
    });
    let outcome: CaptionOutcome;
    try {
      const { tabId, frameId, imageId, src, priority, placeHint = null, site, allowPrivate, region = null } = job;
      outcome = await Promise.race([this.run(job.jobId, { tabId, frameId, imageId, src, priority, placeHint, site, allowPrivate, region }), deadline]);
    } catch (error) {
      outcome = { ok: false, code: 'engine-error', message: `The caption engine did not answer: ${error instanceof Error ? error.message : String(error)}` };
    } finally {
      clearTimeout(timer);
    }
    this.answer(job, outcome);
    if (this.running.get(job.key) === job) this.running.delete(job.key);
    this.pump();
  }
}
