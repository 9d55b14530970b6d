/**
 * Where a candidate is drawn, in viewport CSS px, and how soon it should be
 * worked on (viewport first).
 */
import { regionFromArea, type ImageRegion } from '../../shared/image-region';
import type { ImageKind } from './candidates';

export interface Box {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The <img> that draws the image map an <area> belongs to, or null. */
export function mapImageOf(area: Element): HTMLImageElement | null {
  const map = area.closest('map');
  const name = map?.getAttribute('name') ?? map?.id;
  if (!name) return null;
  const root = area.getRootNode() as Document | ShadowRoot;
  return root.querySelector<HTMLImageElement>(`img[usemap="#${CSS.escape(name)}"]`);
}

function numbers(list: string): number[] {
  return list.split(/[\s,]+/).filter(Boolean).map(Number).filter((n) => Number.isFinite(n));
}

/**
 * An <area>'s box. Chrome reports a zero rect from area.getBoundingClientRect(),
 * so the box comes from the shape's coords on top of the map image's box
 * (coords are in the image's CSS px, unscaled, per HTML's image-map rules).
 */
function areaBox(area: HTMLAreaElement): Box | null {
  const img = mapImageOf(area);
  if (!img) return null;
  const r = img.getBoundingClientRect();
  const c = numbers(area.coords);
  const shape = (area.shape || 'rect').toLowerCase();
  if (shape === 'default' || c.length < 3) return { left: r.left, top: r.top, width: r.width, height: r.height };
  if (shape.startsWith('circ')) {
    const [x = 0, y = 0, radius = 0] = c;
    return { left: r.left + x - radius, top: r.top + y - radius, width: 2 * radius, height: 2 * radius };
  }
  if (shape.startsWith('poly')) {
    const xs = c.filter((_, i) => i % 2 === 0);
    const ys = c.filter((_, i) => i % 2 === 1);
    const x0 = Math.min(...xs);
    const y0 = Math.min(...ys);
    return { left: r.left + x0, top: r.top + y0, width: Math.max(...xs) - x0, height: Math.max(...ys) - y0 };
  }
  const [x1 = 0, y1 = 0, x2 = 0, y2 = 0] = c;
  return { left: r.left + Math.min(x1, x2), top: r.top + Math.min(y1, y2), width: Math.abs(x2 - x1), height: Math.abs(y2 - y1) };
}

/** The candidate's box in viewport CSS px (null for an <area> whose map has no image). */
export function boxOf(el: Element, kind: ImageKind): Box | null {
  if (kind === 'area') return areaBox(el as HTMLAreaElement);
  const r = el.getBoundingClientRect();
  return { left: r.left, top: r.top, width: r.width, height: r.height };
}

/**
 * The part of its map image an <area> covers, in fractions of the drawn image
 * (null for shape=default, or when the map image is not there).
 */
export function areaRegion(area: HTMLAreaElement): ImageRegion | null {
  const img = mapImageOf(area);
  if (!img) return null;
  const r = img.getBoundingClientRect();
  return regionFromArea(area.shape, numbers(area.coords), r.width, r.height);
}

/**
 * 0 for boxes in the viewport or within half a screen of it, then 1, 2, …
 * per further screen away.
 *
 * @example
 *   priorityOf({ left: 0, top: 3000, width: 100, height: 100 }, 1000) // → 3
 */
export function priorityOf(box: Box | null, viewportHeight: number): number {
  if (!box) return Number.MAX_SAFE_INTEGER;
  const vh = Math.max(1, viewportHeight);
  const near = vh / 2;
  if (box.top + box.height >= -near && box.top <= vh + near) return 0;
  const distance = box.top > vh ? box.top - vh : -(box.top + box.height);
  return 1 + Math.floor((distance - near) / vh);
}
