/**
 * Decodes YOLOX's raw head output. The exported graph (yolox_nano.onnx,
 * `decode_in_inference` off) emits, for every anchor point of the stride 8,
 * 16 and 32 grids in that order (row-major within each grid), 85 numbers:
 * tx, ty, tw, th (raw offsets), objectness and 80 class probabilities (both
 * already through a sigmoid inside the graph). As YOLOX's `demo_postprocess`:
 * cx = (tx + gx)·s, cy = (ty + gy)·s, w = exp(tw)·s, h = exp(th)·s.
 * Each anchor keeps its best class, score = objectness × class probability,
 * as YOLOX's own COCO evaluation (`postprocess`) does.
 *
 * @example
 *   const boxes = decodeYolox(output.data, { width: 416, height: 416 }, 80, 0.05);
 *   boxes[0] // { x1, y1, x2, y2, score, classId } in network pixels
 */

export const YOLOX_STRIDES = [8, 16, 32] as const;

/** A box in network-input pixels, corners inclusive of the edge. */
export interface ScoredBox {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  score: number;
  classId: number;
}

/** Anchor points the graph emits for an input size: Σ (W/s)·(H/s) over the strides. */
export function anchorCount(size: { width: number; height: number }, strides: readonly number[] = YOLOX_STRIDES): number {
  return strides.reduce((n, s) => n + Math.ceil(size.width / s) * Math.ceil(size.height / s), 0);
}

/**
 * Boxes whose score reaches `scoreFloor`, unsorted and before NMS.
 * `output` is the [1, anchors, 5 + classes] tensor data.
 */
export function decodeYolox(
  output: Float32Array,
  size: { width: number; height: number },
  classes: number,
  scoreFloor: number,
  strides: readonly number[] = YOLOX_STRIDES,
): ScoredBox[] {
  const columns = 5 + classes;
  const boxes: ScoredBox[] = [];
  let row = 0;
  for (const s of strides) {
    const gw = Math.ceil(size.width / s);
    const gh = Math.ceil(size.height / s);
    for (let gy = 0; gy < gh; gy++) {
      for (let gx = 0; gx < gw; gx++, row++) {
        const o = row * columns;
        const objectness = output[o + 4]!;
        // Cheap reject: the score can't beat objectness (class probabilities are ≤ 1).
        if (objectness < scoreFloor) continue;
        let best = 0;
        let classId = 0;
        for (let c = 0; c < classes; c++) {
          const p = output[o + 5 + c]!;
          if (p > best) {
            best = p;
            classId = c;
          }
        }
        const score = objectness * best;
        if (score < scoreFloor) continue;
        const cx = (output[o]! + gx) * s;
        const cy = (output[o + 1]! + gy) * s;
        const w = Math.exp(output[o + 2]!) * s;
        const h = Math.exp(output[o + 3]!) * s;
        boxes.push({ x1: cx - w / 2, y1: cy - h / 2, x2: cx + w / 2, y2: cy + h / 2, score, classId });
      }
    }
  }
  return boxes;
}
