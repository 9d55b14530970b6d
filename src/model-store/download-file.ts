/**
 * Downloads one model file into OPFS, resumably. Bytes go to `<path>.part`
 * through a sync access handle, which writes in place: when the page that
 * runs the download is closed, what arrived stays on disk, and the next
 * attempt asks for the rest with an HTTP Range request. A server that
 * answers 206 continues the file; one that answers 200 (it ignores ranges)
 * sends it whole again, and the part is overwritten. The part becomes the
 * file only once every byte the server announced has arrived.
 *
 * Worker only: createSyncAccessHandle exists in dedicated workers.
 *
 * @example
 *   await downloadFile('Xenova/vit-gpt2-image-captioning', 'config.json', url, (n) => bar.value += n);
 */
import { DownloadError, mb, storageError } from './download-error';
import { deleteModelFile, modelFileHandle } from './opfs-store';
import { PART_SUFFIX } from './stored-model';

/** How often what arrived is flushed to disk (so a closed page loses at most this much). */
const FLUSH_EVERY = 4 * 1024 * 1024;

/** The total length a 206 announces in `Content-Range: bytes a-b/total`; null when it doesn't say. */
function rangeOf(response: Response): { start: number; total: number | null } | null {
  const match = /^bytes (\d+)-\d+\/(\d+|\*)$/.exec(response.headers.get('content-range') ?? '');
  if (!match) return null;
  return { start: Number(match[1]), total: match[2] === '*' ? null : Number(match[2]) };
}

function lengthOf(response: Response): number | null {
  const value = response.headers.get('content-length');
  // A compressed reply's length is not the file's.
  if (value === null || response.headers.get('content-encoding')) return null;
  const n = Number(value);
  return Number.isInteger(n) && n >= 0 ? n : null;
}

/** Bytes of `path` already on disk, finished or not: what a resumed download starts from. */
export async function partLength(id: string, path: string): Promise<number> {
  const part = await modelFileHandle(id, path + PART_SUFFIX);
  return part ? (await part.getFile()).size : 0;
}

async function fetchFrom(url: string, path: string, from: number, signal?: AbortSignal): Promise<Response> {
  let response: Response;
  try {
    // No cookies or credentials: a model host never needs them, and none leak to it.
    response = await fetch(url, { headers: from > 0 ? { Range: `bytes=${from}-` } : {}, credentials: 'omit', cache: 'no-store', signal });
  } catch (error) {
    if (signal?.aborted) throw new DownloadError('interrupted', path, `The download of ${path} was stopped.`);
    throw new DownloadError('network', path, `${path} could not be fetched from ${new URL(url).host}: ${error instanceof Error ? error.message : String(error)}. Check the connection and download again.`);
  }
  if (response.status === 404) throw new DownloadError('not-found', path, `${path} was not found on the server (HTTP 404 at ${url}). The model may not have this file, or the address is wrong.`);
  // The part is longer than the file (it changed on the server): start again.
  if (response.status === 416 && from > 0) return fetchFrom(url, path, 0, signal);
  if (!response.ok) throw new DownloadError('http', path, `The server answered HTTP ${response.status} for ${path} (${url}).`);
  return response;
}

/**
 * Fetches `url` into `<path>.part`, continuing what is there, then renames it
 * to `path`. `progress(n)` is told of every n new bytes (and of a negative n
 * when a server that ignores ranges makes a part start again). Returns the
 * file's length.
 */
export async function downloadFile(id: string, path: string, url: string, progress: (bytes: number) => void, signal?: AbortSignal): Promise<number> {
  const have = await partLength(id, path);
  const response = await fetchFrom(url, path, have, signal);
  const range = response.status === 206 ? rangeOf(response) : null;
  const resumed = range !== null && range.start === have;
  let at = resumed ? have : 0;
  // The server sent the whole file (200), or a range that doesn't continue ours.
  if (!resumed && have > 0) progress(-have);
  const total = resumed ? (range.total ?? (lengthOf(response) === null ? null : have + lengthOf(response)!)) : lengthOf(response);
  let handle: FileSystemFileHandle;
  let access: FileSystemSyncAccessHandle;
  try {
    handle = (await modelFileHandle(id, path + PART_SUFFIX, true))!;
    access = await handle.createSyncAccessHandle();
  } catch (error) {
    throw storageError(path, error);
  }
  try {
    if (!resumed) access.truncate(0);
    const reader = response.body!.getReader();
    let unflushed = 0;
    for (;;) {
      let chunk: ReadableStreamReadResult<Uint8Array>;
      try {
        chunk = await reader.read();
      } catch {
        throw new DownloadError('interrupted', path, `The download of ${path} was interrupted after ${mb(at)}${total ? ` of ${mb(total)}` : ''}. Download again to resume it where it stopped.`);
      }
      if (chunk.done) break;
      try {
        access.write(chunk.value, { at });
      } catch (error) {
        throw storageError(path, error);
      }
      at += chunk.value.byteLength;
      unflushed += chunk.value.byteLength;
      progress(chunk.value.byteLength);
      if (unflushed >= FLUSH_EVERY) {
        access.flush();
        unflushed = 0;
      }
    }
    access.flush();
    if (total !== null && at !== total) {
      throw new DownloadError('interrupted', path, `The download of ${path} ended after ${mb(at)} of ${mb(total)}. Download again to resume it where it stopped.`);
    }
  } finally {
    access.close();
  }
  // Every byte is there: the part becomes the file.
  try {
    await deleteModelFile(id, path);
    await (handle as FileSystemFileHandle & { move(name: string): Promise<void> }).move(path.split('/').at(-1)!);
  } catch (error) {
    throw storageError(path, error);
  }
  return at;
}
