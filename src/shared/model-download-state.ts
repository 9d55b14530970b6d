/**
 * The state of the last model download, as the options page (which runs it)
 * writes it to `storage.session` and the popup shows it. In memory only: it
 * is gone when the browser closes, and so is any download.
 *
 * @example
 *   downloadStateText({ name: 'distilvit', state: 'downloading', received: 12e6, total: 190e6, message: null })
 *   // → 'Downloading distilvit: 12.0 of 190.0 MB (continue in the options page).'
 */
export const DOWNLOAD_STATE_KEY = 'modelDownload';

export interface ModelDownloadState {
  id: string;
  name: string;
  state: 'downloading' | 'done' | 'failed' | 'stopped';
  received: number;
  total: number | null;
  /** The result or the failure, in words; null while downloading. */
  message: string | null;
}

const mb = (bytes: number): string => (bytes / 1e6).toFixed(1);

export function downloadStateText(s: Pick<ModelDownloadState, 'name' | 'state' | 'received' | 'total' | 'message'>): string {
  switch (s.state) {
    case 'downloading':
      return `Downloading ${s.name}: ${mb(s.received)} of ${s.total === null ? '?' : mb(s.total)} MB (continue in the options page).`;
    case 'stopped':
      return `The download of ${s.name} stopped at ${mb(s.received)} MB when the options page closed: Download there resumes it.`;
    case 'done':
      return `${s.name} is downloaded and checked.`;
    case 'failed':
      return `${s.name} is not downloaded: ${s.message ?? 'the download failed'}`;
  }
}
