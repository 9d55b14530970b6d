/**
 * What the engine does when the caption worker ends in the middle of an
 * image (it crashed, ran out of memory, or was closed): the image is
 * described once more on a fresh worker, since the image is rarely the cause.
 * Only once: an image that ends the worker again fails with the worker's own
 * reason. A worker past its deadline is not retried (the image would stall the
 * next worker too): that failure is a 'timed-out' CaptionError, not a
 * WorkerStopped.
 *
 * @example
 *   const result = await onceMoreIfStopped(() => describeOnWorker(), (e) => console.warn(e.message));
 */
import { CaptionError } from './caption-error';

/** The caption worker ended while it had an image in hand. */
export class WorkerStopped extends CaptionError {
  constructor(why: string) {
    super('engine-error', `The caption worker stopped: ${why}.`);
  }
}

/** Runs `attempt`; if the worker stopped under it, says so through `retrying` and runs it once more. */
export async function onceMoreIfStopped<T>(attempt: () => Promise<T>, retrying: (stopped: WorkerStopped) => void): Promise<T> {
  try {
    return await attempt();
  } catch (error) {
    if (!(error instanceof WorkerStopped)) throw error;
    retrying(error);
    return attempt();
  }
}
