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
