/**
 * Downloads an image's bytes in the engine document, with the byte limit
 * enforced before anything is decoded: first from Content-Length, then by
 * counting the streamed bytes (servers may omit or misstate the header).
 *
 * The engine document is an extension page with host permissions, so page
 * CORS does not apply; `data:` URLs work the same way. Page-bound URLs
 * (`blob:`) can't be fetched here: the content script reads those pixels.
 *
 * @example
 *   const { bytes, type } = await fetchImageBytes('https://example.org/a.jpg', signal);
 */
import { CaptionError } from './caption-error';

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

export async function fetchImageBytes(src: string, signal: AbortSignal): Promise<ImageBytes> {
  if (src.startsWith('blob:')) throw new CaptionError('fetch-failed', 'The image exists only inside the page, so it could not be downloaded.');
  let response: Response;
  try {
    response = await fetch(src, { signal });
  } catch (error) {
    if (signal.aborted) throw new CaptionError('cancelled', 'The request was cancelled.');
    throw new CaptionError('fetch-failed', `Could not download the image from ${where(src)} (${error instanceof Error ? error.message : String(error)}).`);
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
    if (signal.aborted) throw new CaptionError('cancelled', 'The request was cancelled.');
    throw new CaptionError('fetch-failed', `The download from ${where(src)} broke off.`);
  }
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { bytes, type };
}
