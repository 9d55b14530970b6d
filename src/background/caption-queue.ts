/**
 * The one queue in front of the engine: every tab's caption requests, served
 * one at a time (the model uses all the cores it is given, so two captions at
 * once would only slow both), smallest priority first (0 = in the viewport),
 * first come first served among equals.
 *
 * A request for an image that is already queued joins that job (and may raise
 * its priority); cancelling answers the waiting content script with a
 * 'cancelled' failure at once and tells the engine to drop the job.
 *
 * @example
 *   const queue = new CaptionQueue(runJob, cancelJobs);
 *   const outcome = await queue.enqueue({ tabId: 3, frameId: 0, imageId: 'g-1', src, priority: 0 });
 */
import type { CaptionFailure, CaptionOutcome } from '../shared/messages';
import type { ImageType } from '../shared/image-type';
import { regionKey, type ImageRegion } from '../shared/image-region';

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
}

interface Job extends CaptionRequest {
  jobId: string;
  seq: number;
  waiters: ((outcome: CaptionOutcome) => void)[];
}

const CANCELLED: CaptionFailure = { ok: false, code: 'cancelled', message: 'The request was cancelled.' };

/** The same picture: same source and same region of it. */
function samePicture(a: CaptionRequest, b: CaptionRequest): boolean {
  return a.src === b.src && regionKey(a.region) === regionKey(b.region);
}

function keyOf(r: { tabId: number; frameId: number; imageId: string }): string {
  return `${r.tabId}/${r.frameId}/${r.imageId}`;
}

export class CaptionQueue {
  private readonly waiting: Job[] = [];
  private running: Job | null = null;
  private seq = 0;

  constructor(
    private readonly run: (jobId: string, src: string, placeHint: ImageType | null, region: ImageRegion | null) => Promise<CaptionOutcome>,
    private readonly cancelRunning: (jobIds: string[]) => Promise<unknown>,
  ) {}

  /** Queues a request; resolves with the engine's outcome (never rejects). */
  enqueue(request: CaptionRequest): Promise<CaptionOutcome> {
    return new Promise((resolve) => {
      const key = keyOf(request);
      if (this.running && keyOf(this.running) === key && samePicture(this.running, request)) {
        this.running.waiters.push(resolve);
        return;
      }
      const queued = this.waiting.find((job) => keyOf(job) === key);
      if (queued && samePicture(queued, request)) {
        queued.priority = Math.min(queued.priority, request.priority);
        queued.waiters.push(resolve);
      } else {
        // A different src (or region) for the same image: the old answer would describe the wrong picture.
        if (queued) this.drop([queued]);
        const seq = this.seq++;
        this.waiting.push({ ...request, jobId: `${key}#${seq}`, seq, waiters: [resolve] });
      }
      this.waiting.sort((a, b) => a.priority - b.priority || a.seq - b.seq);
      void this.pump();
    });
  }

  /** Cancels the given images of one frame; returns how many jobs were cancelled. */
  cancelImages(tabId: number, frameId: number, imageIds: string[]): number {
    const ids = new Set(imageIds);
    return this.cancelWhere((job) => job.tabId === tabId && job.frameId === frameId && ids.has(job.imageId));
  }

  /** Cancels everything a tab asked for (the tab was closed). */
  cancelTab(tabId: number): number {
    return this.cancelWhere((job) => job.tabId === tabId);
  }

  /** Jobs someone still waits for, the running one first (a cancelled running job is not one). */
  pending(): { jobId: string; priority: number }[] {
    return [this.running, ...this.waiting].filter((j): j is Job => j !== null && j.waiters.length > 0).map(({ jobId, priority }) => ({ jobId, priority }));
  }

  /** Whether the engine is working or has work waiting. */
  busy(): boolean {
    return this.running !== null || this.waiting.length > 0;
  }

  private cancelWhere(match: (job: Job) => boolean): number {
    const hit = this.waiting.filter(match);
    this.drop(hit);
    let count = hit.length;
    const running = this.running;
    if (running && running.waiters.length > 0 && match(running)) {
      this.answer(running, CANCELLED);
      this.cancelRunning([running.jobId]).catch((error: unknown) => console.warn('[glimpse] engine cancel failed', error));
      count++;
    }
    return count;
  }

  private drop(jobs: Job[]): void {
    for (const job of jobs) {
      this.waiting.splice(this.waiting.indexOf(job), 1);
      this.answer(job, CANCELLED);
    }
  }

  private answer(job: Job, outcome: CaptionOutcome): void {
    const waiters = job.waiters.splice(0);
    for (const resolve of waiters) resolve(outcome);
  }

  private async pump(): Promise<void> {
    if (this.running) return;
    const job = this.waiting.shift();
    if (!job) return;
    this.running = job;
    let outcome: CaptionOutcome;
    try {
      outcome = await this.run(job.jobId, job.src, job.placeHint ?? null, job.region ?? null);
    } catch (error) {
      outcome = { ok: false, code: 'engine-error', message: `The caption engine did not answer: ${error instanceof Error ? error.message : String(error)}` };
    }
    this.answer(job, outcome);
    this.running = null;
    void this.pump();
  }
}
