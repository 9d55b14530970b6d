/**
 * Why a model download stopped, in words for the options page, with the file
 * it concerns. Crosses Comlink as plain data (DownloadFailure), since Comlink
 * keeps only an Error's message.
 */
export type DownloadProblem = 'not-found' | 'http' | 'network' | 'interrupted' | 'quota' | 'refused' | 'storage';

export interface DownloadFailure {
  ok: false;
  problem: DownloadProblem;
  /** The file concerned; null when the whole model is. */
  file: string | null;
  message: string;
}

export class DownloadError extends Error {
  constructor(
    readonly problem: DownloadProblem,
    readonly file: string | null,
    message: string,
  ) {
    super(message);
    this.name = 'DownloadError';
  }

  toFailure(): DownloadFailure {
    return { ok: false, problem: this.problem, file: this.file, message: this.message };
  }
}

/** A storage error as the user should read it: the quota one says what to do. */
export function storageError(file: string, error: unknown): DownloadError {
  if (error instanceof DOMException && error.name === 'QuotaExceededError') {
    return new DownloadError('quota', file, `There is not enough storage for ${file}: the browser refused to store more (quota exceeded). Free some disk space, or delete another model, then download again.`);
  }
  return new DownloadError('storage', file, `${file} could not be stored: ${error instanceof Error ? error.message : String(error)}`);
}

export const mb = (bytes: number): string => `${(bytes / 1e6).toFixed(1)} MB`;
