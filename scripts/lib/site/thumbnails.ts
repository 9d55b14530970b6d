/**
 * Small data: URL thumbnails of the images needing work, made with sharp from
 * the image bytes the site serves, so index.html stays one self-contained file.
 */
import sharp from 'sharp';

const SIDE = 96;

/** A small WebP data: URL of the image, or undefined when sharp can't read it. */
export async function thumbnailOf(bytes: Buffer): Promise<string | undefined> {
  try {
    const small = await sharp(bytes, { animated: false }).resize(SIDE, SIDE, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 60 }).toBuffer();
    return `data:image/webp;base64,${small.toString('base64')}`;
  } catch {
    return undefined; // not an image sharp knows: the report goes without
  }
}
