/**
 * Cuts an image-map area's region out of a decoded image: the region's
 * bounding box, with the pixels outside a circle or polygon painted neutral
 * grey, so the captioner sees only what the area covers. Works on the decoded
 * bitmap (at most MAX_MODEL_EDGE on its long side); the model reads 224 px.
 *
 * @example
 *   const part = await cropToRegion(bitmap, { points: [[0, 0], [0.5, 0], [0.5, 1], [0, 1]] });
 */
import { regionBounds, type ImageRegion } from '../shared/image-region';
import { CaptionError } from './caption-error';

/** Mid grey: carries no content, and is neither the white nor the black the image-type gate reads as flat page. */
const OUTSIDE = '#808080';

/** A new bitmap of `region` of `bitmap` (which it closes); throws a CaptionError for an unusable region. */
export async function cropToRegion(bitmap: ImageBitmap, region: ImageRegion): Promise<ImageBitmap> {
  const bounds = regionBounds(region);
  if (typeof bounds === 'string') {
    bitmap.close();
    throw new CaptionError('unreadable', bounds);
  }
  const { width, height } = bitmap;
  const sx = Math.floor(bounds.left * width);
  const sy = Math.floor(bounds.top * height);
  const sw = Math.max(1, Math.ceil(bounds.right * width) - sx);
  const sh = Math.max(1, Math.ceil(bounds.bottom * height) - sy);
  const canvas = new OffscreenCanvas(sw, sh);
  const context = canvas.getContext('2d');
  if (!context) throw new CaptionError('engine-error', 'The engine could not cut out the area: no 2D canvas.');
  context.fillStyle = OUTSIDE;
  context.fillRect(0, 0, sw, sh);
  const path = new Path2D();
  region.points.forEach(([x, y], i) => (i === 0 ? path.moveTo(x * width - sx, y * height - sy) : path.lineTo(x * width - sx, y * height - sy)));
  path.closePath();
  context.clip(path);
  context.drawImage(bitmap, sx, sy, sw, sh, 0, 0, sw, sh);
  bitmap.close();
  return canvas.transferToImageBitmap();
}
