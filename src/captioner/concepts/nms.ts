/**
 * Class-wise non-maximum suppression: within each class, boxes are taken by
 * falling score and a box is dropped when it overlaps an already kept box of
 * the same class by more than `iouThreshold` (YOLOX uses 0.45). Boxes of
 * different classes never suppress each other.
 *
 * @example
 *   nms(boxes, 0.45, 100) // kept boxes, highest score first
 */
import type { ScoredBox } from './yolox-decode';

type Corners = Pick<ScoredBox, 'x1' | 'y1' | 'x2' | 'y2'>;

/** Intersection over union of two corner boxes; 0 when either is empty. */
export function iou(a: Corners, b: Corners): number {
  const w = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
  const h = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
  if (w <= 0 || h <= 0) return 0;
  const inter = w * h;
  const union = (a.x2 - a.x1) * (a.y2 - a.y1) + (b.x2 - b.x1) * (b.y2 - b.y1) - inter;
  return union > 0 ? inter / union : 0;
}

/** Kept boxes sorted by falling score (ties keep input order), at most `maxBoxes`. */
export function nms<T extends ScoredBox>(boxes: readonly T[], iouThreshold: number, maxBoxes = Infinity): T[] {
  const order = boxes.map((b, i) => ({ b, i })).sort((p, q) => q.b.score - p.b.score || p.i - q.i);
  const keptByClass = new Map<number, T[]>();
  const kept: T[] = [];
  for (const { b } of order) {
    if (kept.length >= maxBoxes) break;
    const same = keptByClass.get(b.classId) ?? [];
    if (same.some((k) => iou(k, b) > iouThreshold)) continue;
    same.push(b);
    keptByClass.set(b.classId, same);
    kept.push(b);
  }
  return kept;
}
