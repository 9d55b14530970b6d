/**
 * A region of an image to describe instead of the whole picture: an
 * image-map <area>'s shape, as a polygon in fractions of the image's width
 * and height (0..1), so it applies to the decoded image whatever its natural
 * size. Pure: built in the content script, checked and cut out in the engine.
 *
 * @example
 *   regionFromArea('rect', [0, 0, 100, 150], 200, 150)
 *   // → { points: [[0, 0], [0.5, 0], [0.5, 1], [0, 1]] }
 */
export interface ImageRegion {
  points: Array<[number, number]>;
}

/** Corners a circle is drawn with. */
const CIRCLE_STEPS = 32;

function numbers(list: readonly number[]): number[] {
  return list.filter((n) => Number.isFinite(n));
}

/**
 * The region of an <area> with `shape` and `coords` (CSS px of the map image,
 * per HTML's image-map rules) on an image drawn `width`×`height` CSS px; null
 * for the whole image (shape=default) or coords HTML would ignore.
 */
export function regionFromArea(shape: string, coords: readonly number[], width: number, height: number): ImageRegion | null {
  const c = numbers(coords);
  const s = shape.trim().toLowerCase() || 'rect';
  if (width <= 0 || height <= 0 || s === 'default') return null;
  const at = (x: number, y: number): [number, number] => [Math.min(1, Math.max(0, x / width)), Math.min(1, Math.max(0, y / height))];
  if (s === 'circle' || s === 'circ') {
    const [x = 0, y = 0, r = 0] = c;
    if (c.length < 3 || r <= 0) return null;
    return { points: Array.from({ length: CIRCLE_STEPS }, (_, i) => at(x + r * Math.cos((2 * Math.PI * i) / CIRCLE_STEPS), y + r * Math.sin((2 * Math.PI * i) / CIRCLE_STEPS))) };
  }
  if (s === 'poly' || s === 'polygon') {
    if (c.length < 6) return null;
    const points: Array<[number, number]> = [];
    for (let i = 0; i + 1 < c.length; i += 2) points.push(at(c[i]!, c[i + 1]!));
    return { points };
  }
  if (c.length < 4) return null;
  const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = c;
  const [l, r] = [Math.min(x1, x2), Math.max(x1, x2)];
  const [t, b] = [Math.min(y1, y2), Math.max(y1, y2)];
  return { points: [at(l, t), at(r, t), at(r, b), at(l, b)] };
}

/** The region's bounding box in fractions, or an error sentence when it is not a usable region. */
export function regionBounds(region: unknown): { left: number; top: number; right: number; bottom: number } | string {
  const points = (region as ImageRegion | null)?.points;
  if (!Array.isArray(points) || points.length < 3 || points.length > 1000) return 'The region to describe needs 3 to 1000 points.';
  if (!points.every((p) => Array.isArray(p) && p.length === 2 && p.every((n) => typeof n === 'number' && Number.isFinite(n) && n >= 0 && n <= 1))) {
    return 'The region to describe has points outside the image.';
  }
  const xs = points.map((p) => p[0]);
  const ys = points.map((p) => p[1]);
  const box = { left: Math.min(...xs), top: Math.min(...ys), right: Math.max(...xs), bottom: Math.max(...ys) };
  if (box.right - box.left <= 0 || box.bottom - box.top <= 0) return 'The region to describe is empty.';
  return box;
}

/** A short stable text for the region (cache keys, queue identity). */
export function regionKey(region: ImageRegion | null | undefined): string {
  return region ? region.points.map(([x, y]) => `${x.toFixed(4)},${y.toFixed(4)}`).join(' ') : '';
}
