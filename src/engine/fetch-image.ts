/**
 * Downloads an image's bytes in the engine document, with the byte limit
 * enforced before anything is decoded: first from Content-Length, then by
 * counting the streamed bytes (servers may omit or misstate the header).
 *
 * The engine document is an extension page with host permissions, so page
 * CORS does not apply; `data:` URLs work the same way. Page-bound URLs
 * (`blob:`) can't be fetched here: the content script reads those pixels.
 *
 * Because CORS does not apply, the engine must not act as the page's deputy:
 * it sends no cookies or credentials, keeps nothing in the HTTP cache (which
 * the extension shares across sites), and refuses private-network addresses
 * (also where a redirect ends) unless the page asking is on one itself.
 *
 * Deadlines: the server must answer within `connectMs` and send the whole file
 * within `totalMs`; an image server that trickles bytes fails 'timed-out'.
 *
 * @example
 *   const { bytes, type } = await fetchImageBytes('https://example.org/a.jpg', signal);
 */
import { privateAddressKind, privateAddressWords } from '../shared/private-address';
import { CaptionError } from './caption-error';

/** How long the server may take to send its response headers. */
export const FETCH_CONNECT_MS = 10_000;
/** How long the whole download may take. */
export const FETCH_TOTAL_MS = 20_000;

export interface FetchOptions {
  /** The page asking is itself on a private address: its own network's images may be fetched. */
  allowPrivate?: boolean;
  connectMs?: number;
  totalMs?: number;
}

/** Largest image file the engine downloads. */
export const MAX_IMAGE_BYTES = 20 * 1024 * 1024;

const MB = 1024 * 1024;

export interface ImageBytes {
  bytes: Uint8Array;
  /** Media type from the response (may be empty or wrong; the decoder sniffs). */
  type: string;
}

function where(src: string): string {
  try {
    const url = new URL(src);
    return url.protocol === 'data:' ? 'the page' : url.host;
  } catch {
    return 'its address';
  }
}

function tooLarge(bytes: number): CaptionError {
  return new CaptionError('too-large', `The image file is ${(bytes / MB).toFixed(1)} MB or more; Glimpse describes images up to ${MAX_IMAGE_BYTES / MB} MB.`);
}

function refusePrivate(url: string, allowPrivate: boolean): void {
  const kind = allowPrivate ? null : privateAddressKind(url);
  if (kind) {
    throw new CaptionError('private-address', `Not described: private address. The image is on ${privateAddressWords(kind)} (${where(url)}) and this page is not, so Glimpse does not fetch it for the page.`);
  }
}

export async function fetchImageBytes(src: string, signal: AbortSignal, options: FetchOptions = {}): Promise<ImageBytes> {
  if (src.startsWith('blob:')) throw new CaptionError('fetch-failed', 'The image exists only inside the page, so it could not be downloaded.');
  const { allowPrivate = false, connectMs = FETCH_CONNECT_MS, totalMs = FETCH_TOTAL_MS } = options;
  refusePrivate(src, allowPrivate);
  const deadline = new AbortController();
  let phase: 'connect' | 'total' = 'connect';
  const connectTimer = setTimeout(() => deadline.abort(), connectMs);
  const totalTimer = setTimeout(() => {
    phase = 'total';
    deadline.abort();
  }, totalMs);
  const both = AbortSignal.any([signal, deadline.signal]);
  const failure = (fallback: CaptionError): CaptionError => {
    if (signal.aborted) return new CaptionError('cancelled', 'The request was cancelled.');
    if (deadline.signal.aborted) {
      return phase === 'connect'
        ? new CaptionError('timed-out', `The image timed out: ${where(src)} did not answer within ${connectMs / 1000} s.`)
        : new CaptionError('timed-out', `The image timed out: the download from ${where(src)} took longer than ${totalMs / 1000} s.`);
    }
    return fallback;
  };
  try {
    return await download(src, both, allowPrivate, () => clearTimeout(connectTimer), failure);
  } finally {
    clearTimeout(connectTimer);
    clearTimeout(totalTimer);
  }
}

async function download(src: string, signal: AbortSignal, allowPrivate: boolean, answered: () => void, failure: (fallback: CaptionError) => CaptionError): Promise<ImageBytes> {
  let response: Response;
  try {
    // No cookies or HTTP auth, no shared HTTP cache (its timing would tell one site what another showed).
    response = await fetch(src, { signal, credentials: 'omit', cache: 'no-store', referrerPolicy: 'no-referrer' });
  } catch (error) {
    throw failure(new CaptionError('fetch-failed', `Could not download the image from ${where(src)} (${error instanceof Error ? error.message : String(error)}).`));
  }
  answered();
  // A public address that redirects into the private network is refused just the same.
  if (response.url) {
    try {
      refusePrivate(response.url, allowPrivate);
    } catch (error) {
      await response.body?.cancel().catch(() => undefined);
      throw error;
    }
  }
  if (!response.ok) throw new CaptionError('fetch-failed', `Could not download the image: ${where(src)} answered ${response.status}.`);
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > MAX_IMAGE_BYTES) {
    await response.body?.cancel();
    throw tooLarge(declared);
  }
  const type = response.headers.get('content-type') ?? '';
  if (!response.body) return { bytes: new Uint8Array(0), type };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > MAX_IMAGE_BYTES) {
        await reader.cancel();
        throw tooLarge(total);
      }
      chunks.push(value);
    }
  } catch (error) {
    if (error instanceof CaptionError) throw error;
    throw failure(new CaptionError('fetch-failed', `The download from ${where(src)} broke off.`));
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { bytes, type };
}
