/**
 * Lazy-loading placeholders: an <img> whose lazy-loading attribute
 * (`data-src`, `data-srcset`, `data-lazy-src`, …) names a picture other than
 * the one it shows is still waiting for its real source. It is not described
 * until a script swaps the real source in (the scanner watches `src`,
 * `srcset` and these attributes, and the image's `load` event).
 *
 * @example
 *   // <img src="data:image/gif;base64,R0lGOD…" data-src="/photos/harbour.jpg">
 *   lazySourcePending(img) // → true
 */

/** Attributes lazy-loading libraries (lazysizes, lozad, WordPress, jQuery lazyload…) keep the real address in. */
export const LAZY_SOURCE_ATTRIBUTES = ['data-src', 'data-lazy-src', 'data-original', 'data-srcset', 'data-lazy-srcset'] as const;

interface ImageLike {
  getAttribute(name: string): string | null;
  readonly currentSrc: string;
  readonly src: string;
  readonly baseURI: string;
}

function resolve(url: string, base: string): string | null {
  try {
    return new URL(url.trim(), base).href;
  } catch {
    return null;
  }
}

/** The addresses a `srcset` value names (each candidate's URL, descriptors dropped). */
function srcsetUrls(srcset: string): string[] {
  return srcset
    .split(/,\s+/)
    .map((candidate) => candidate.trim().split(/\s+/)[0] ?? '')
    .filter(Boolean);
}

/** The last path segment of an http(s) address ('' for data: and other addresses without one). */
function fileName(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? (parsed.pathname.split('/').pop() ?? '') : '';
  } catch {
    return '';
  }
}

/**
 * Shown and wanted are the same picture when the addresses are equal, or end in the same file name: pages
 * and CDNs often resolve the lazy value against another base (`data-src="a.jpg"`, `src="https://cdn…/a.jpg"`).
 */
function samePicture(shown: string, wanted: string): boolean {
  if (shown === wanted) return true;
  const name = fileName(shown);
  return name !== '' && name === fileName(wanted);
}

export function lazySourcePending(img: ImageLike): boolean {
  const shown = img.currentSrc || img.src;
  const shownUrl = shown ? resolve(shown, img.baseURI) : null;
  for (const name of LAZY_SOURCE_ATTRIBUTES) {
    const value = img.getAttribute(name)?.trim();
    if (!value) continue;
    const urls = name.endsWith('srcset') ? srcsetUrls(value) : [value];
    const wanted = urls.map((u) => resolve(u, img.baseURI)).filter((u): u is string => u !== null);
    if (wanted.length && !wanted.some((w) => shownUrl !== null && samePicture(shownUrl, w))) return true;
  }
  return false;
}
