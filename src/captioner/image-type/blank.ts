/**
 * Pictures with nothing in them: fully transparent, or one flat colour (a
 * lazy-loading placeholder, a spacer, a colour swatch standing in for an image
 * still on its way). They are not content, so the gate never gives them a
 * type and nothing is said about them beyond "placeholder, not described".
 *
 * Sampled on the same ≤128×128 grid as the pixel statistics, so the cost does
 * not grow with the image.
 *
 * @example blankPicture({ width: 1, height: 1, data: new Uint8Array([0, 0, 0, 0]) }) // → 'fully transparent'
 */
import type { RgbaImage } from '../types';

const GRID = 128;
/** Alpha at or below this is invisible. */
const INVISIBLE_ALPHA = 8;
/** A channel this far from the first colour (over white) is a different colour. */
const SAME_COLOUR = 12;
/** Share of sampled points allowed to differ (noise, a 1 px border) in a blank picture. */
const TOLERATED = 0.001;

export type BlankKind = 'fully transparent' | 'one flat colour';

export function blankPicture(image: RgbaImage): BlankKind | null {
  const { width, height, data } = image;
  if (width <= 0 || height <= 0) return null;
  const cols = Math.min(width, GRID);
  const rows = Math.min(height, GRID);
  const allowed = Math.floor(cols * rows * TOLERATED);
  let visible = 0;
  let different = 0;
  let first: [number, number, number] | null = null;
  for (let r = 0; r < rows; r++) {
    const y = Math.min(height - 1, Math.floor(((r + 0.5) * height) / rows));
    for (let c = 0; c < cols; c++) {
      const x = Math.min(width - 1, Math.floor(((c + 0.5) * width) / cols));
      const o = (y * width + x) * 4;
      const a = data[o + 3]!;
      if (a > INVISIBLE_ALPHA) visible++;
      // Seen over white, as on most pages.
      const k = a / 255;
      const rgb: [number, number, number] = [data[o]! * k + 255 * (1 - k), data[o + 1]! * k + 255 * (1 - k), data[o + 2]! * k + 255 * (1 - k)];
      first ??= rgb;
      if (Math.max(Math.abs(rgb[0] - first[0]), Math.abs(rgb[1] - first[1]), Math.abs(rgb[2] - first[2])) > SAME_COLOUR) different++;
      if (visible > allowed && different > allowed) return null;
    }
  }
  if (visible <= allowed) return 'fully transparent';
  return different <= allowed ? 'one flat colour' : null;
}
