/**
 * A failure with a stable code and a plain-words message, thrown anywhere in
 * the engine and turned into a {@link CaptionFailure} at the edge.
 *
 * @example
 *   throw new CaptionError('too-large', 'The image is larger than 20 MB.');
 */
import type { CaptionFailure } from '../shared/messages';

export type FailureCode = CaptionFailure['code'];

export class CaptionError extends Error {
  override readonly name = 'CaptionError';
  constructor(
    readonly code: FailureCode,
    message: string,
  ) {
    super(message);
  }
}

/** Any thrown value as a CaptionFailure; unknown errors become 'engine-error'. */
export function toFailure(error: unknown): CaptionFailure {
  if (error instanceof CaptionError) return { ok: false, code: error.code, message: error.message };
  const detail = error instanceof Error ? error.message : String(error);
  return { ok: false, code: 'engine-error', message: `The caption engine failed: ${detail}` };
}

/** Rejects with a 'cancelled' CaptionError as soon as `signal` aborts. */
export function raceAbort<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
  if (signal.aborted) return Promise.reject(new CaptionError('cancelled', 'The request was cancelled.'));
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new CaptionError('cancelled', 'The request was cancelled.'));
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });
}

/**
 * Settles like `work`, or rejects with `onTimeout()`'s error once `ms` have
 * passed (`onTimeout` also runs the clean-up, e.g. ending a stuck worker).
 *
 * @example
 *   await raceDeadline(decodeImage(bytes, type), 10_000, () => new CaptionError('timed-out', 'Decoding took too long.'));
 */
export function raceDeadline<T>(work: Promise<T>, ms: number, onTimeout: () => CaptionError): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(onTimeout()), ms);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
