/**
 * Colour cues for the setting of a photo: sky, water, vegetation, snow, sand
 * and darkness. They are weak alone (a blue shirt is not the sea) and are
 * only ever used together with what the backbone and the detector see, in a
 * learned and calibrated setting model.
 *
 * The image is sampled on a grid of at most 64×64 points, so the cost does not
 * grow with the image.
 *
 * @example
 *   sceneColours(rgba).green // 0.41: share of sampled pixels that look like vegetation
 */
import type { RgbaImage } from '../types';

export interface SceneColours {
  /** Mean luminance, 0..1 (night scenes are dark). */
  luma: number;
  /** Share of sampled pixels that are dark (luminance < 0.15). */
  dark: number;
  /** Share of blue-sky pixels in the top third. */
  skyTop: number;
  /** Share of blue pixels in the bottom half (water, pools). */
  blueBottom: number;
  /** Share of green vegetation pixels. */
  green: number;
  /** Share of bright, unsaturated pixels (snow, overcast sky, white walls). */
  snowWhite: number;
  /** Share of sand and soil tones. */
  sand: number;
}

const GRID = 64;

function hsv(r: number, g: number, b: number): [number, number, number] {
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const d = max - min;
  let h = 0;
  if (d > 0) {
    if (max === r) h = ((g - b) / d + 6) % 6;
    else if (max === g) h = (b - r) / d + 2;
    else h = (r - g) / d + 4;
  }
  return [h * 60, max === 0 ? 0 : d / max, max];
}

export function sceneColours(image: RgbaImage): SceneColours {
  const { width, height, data } = image;
  const stepX = Math.max(1, width / GRID);
  const stepY = Math.max(1, height / GRID);
  const sums = { luma: 0, dark: 0, skyTop: 0, blueBottom: 0, green: 0, snowWhite: 0, sand: 0 };
  let n = 0;
  let top = 0;
  let bottom = 0;
  for (let y = stepY / 2; y < height; y += stepY) {
    const row = Math.floor(y);
    for (let x = stepX / 2; x < width; x += stepX) {
      const i = (row * width + Math.floor(x)) * 4;
      const r = data[i]! / 255;
      const g = data[i + 1]! / 255;
      const b = data[i + 2]! / 255;
      const luma = 0.299 * r + 0.587 * g + 0.114 * b;
      const [h, s, v] = hsv(r, g, b);
      n++;
      sums.luma += luma;
      if (luma < 0.15) sums.dark++;
      const blue = h >= 180 && h <= 250 && s > 0.2 && v > 0.3;
      if (row < height / 3) {
        top++;
        if (blue || (s < 0.15 && v > 0.75)) sums.skyTop++;
      }
      if (row >= height / 2) {
        bottom++;
        if (blue) sums.blueBottom++;
      }
      if (h >= 60 && h <= 160 && s > 0.25 && v > 0.15) sums.green++;
      if (s < 0.12 && v > 0.8) sums.snowWhite++;
      if (h >= 20 && h <= 50 && s > 0.15 && s < 0.6 && v > 0.45) sums.sand++;
    }
  }
  const share = (k: number, of: number): number => (of ? k / of : 0);
  return {
    luma: share(sums.luma, n),
    dark: share(sums.dark, n),
    skyTop: share(sums.skyTop, top),
    blueBottom: share(sums.blueBottom, bottom),
    green: share(sums.green, n),
    snowWhite: share(sums.snowWhite, n),
    sand: share(sums.sand, n),
  };
}
