/**
 * Decodes an image file (JPEG, PNG, WebP, GIF first frame, SVG…) to RGBA
 * pixels with sharp, for Node scripts and tests. The extension decodes with
 * createImageBitmap instead.
 *
 * @example
 *   const rgba = await loadImage('../shared/data/flickr8k/images/1000268201_693b08cb0e.jpg');
 *   await captioner.caption(rgba);
 */
import sharp from 'sharp';
import type { RgbaImage } from '../../src/captioner/types';

export async function loadImage(input: string | Uint8Array): Promise<RgbaImage> {
  const { data, info } = await sharp(input).rotate().ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) };
}
