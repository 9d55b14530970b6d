/** The crawl's progress line on stderr: pages done of queued, images found, and an ETA from the pace so far. Pure. */

export interface Progress {
  done: number;
  queued: number;
  images: number;
  elapsedMs: number;
}

/** m:ss, or h:mm:ss past an hour. @example clock(83_000) // → '1:23' */
export function clock(ms: number): string {
  const s = Math.round(ms / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** Time left at the mean pace per page so far, or null before the first page. */
export function etaMs(p: Progress): number | null {
  if (p.done === 0) return null;
  return (p.elapsedMs / p.done) * Math.max(0, p.queued - p.done);
}

/** @example progressLine({ done: 2, queued: 6, images: 5, elapsedMs: 20_000 }) // → '2 pages done of 6 queued, 5 images, ETA 0:40' */
export function progressLine(p: Progress): string {
  const eta = etaMs(p);
  return `${p.done} pages done of ${p.queued} queued, ${p.images} images, ETA ${eta === null ? '?' : clock(eta)}`;
}
