/**
 * Image identity by content: each distinct image URL of the crawl is fetched
 * once, with the audit's user agent and the per-host rate limit, and known
 * by the sha256 of its bytes, so the same picture under several URLs (or on
 * many pages) is one image of the report. The bytes of images needing work
 * also give their thumbnails.
 */
import { createHash } from 'node:crypto';
import type { HostPacer } from './host-pacer';
import { thumbnailOf } from './thumbnails';

export interface ImageContent {
  /** `sha256:` and the hex digest of the bytes served. */
  hash: string;
  thumbnail?: string;
}

/** The key of an image's bytes. @example contentKey(Buffer.from('')) // → 'sha256:e3b0c442…b855' */
export function contentKey(bytes: Uint8Array): string {
  return `sha256:${createHash('sha256').update(bytes).digest('hex')}`;
}

/** URLs whose bytes can be fetched from here: http(s) and data: (a blob: URL lives only in its page). */
export function fetchable(src: string | null): src is string {
  return src !== null && /^(https?|data):/i.test(src);
}

export interface FetchOptions {
  userAgent: string;
  /** The per-host rate limit, shared with the crawl's pages. */
  pacer: HostPacer;
  /** URLs to make a thumbnail of (the images needing work). */
  thumbnails: ReadonlySet<string>;
  timeoutMs?: number;
}

/**
 * Fetches each URL once, in turn, at the pacer's rate per host. A URL that can't be fetched is left out (its image is then known
 * by its URL).
 */
export async function fetchContents(srcs: Iterable<string>, options: FetchOptions): Promise<Map<string, ImageContent>> {
  const contents = new Map<string, ImageContent>();
  for (const src of new Set(srcs)) {
    if (!fetchable(src)) continue;
    await options.pacer.turn(src);
    try {
      const response = await fetch(src, { headers: { 'user-agent': options.userAgent }, signal: AbortSignal.timeout(options.timeoutMs ?? 15_000) });
      if (!response.ok) continue;
      const bytes = Buffer.from(await response.arrayBuffer());
      const content: ImageContent = { hash: contentKey(bytes) };
      if (options.thumbnails.has(src)) {
        const thumbnail = await thumbnailOf(bytes);
        if (thumbnail) content.thumbnail = thumbnail;
      }
      contents.set(src, content);
    } catch {
      // unreachable or timed out: the image is known by its URL
    } finally {
      options.pacer.answered(src);
    }
  }
  return contents;
}
