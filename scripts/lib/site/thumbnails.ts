/**
 * Small data: URL thumbnails of the images needing work, made with sharp from
 * the image bytes the site serves, so index.html stays one self-contained file.
 */
import sharp from 'sharp';
import type { SiteImage } from './site-report';

const SIDE = 96;

async function thumbnail(src: string): Promise<string | undefined> {
  try {
    const response = await fetch(src, { signal: AbortSignal.timeout(15_000) });
    if (!response.ok) return undefined;
    const bytes = Buffer.from(await response.arrayBuffer());
    const small = await sharp(bytes, { animated: false }).resize(SIDE, SIDE, { fit: 'inside', withoutEnlargement: true }).webp({ quality: 60 }).toBuffer();
    return `data:image/webp;base64,${small.toString('base64')}`;
  } catch {
    return undefined; // unreadable or not an image sharp knows: the report goes without
  }
}

export async function addThumbnails(images: SiteImage[]): Promise<void> {
  for (const image of images) {
    if (image.src && /^(https?|data):/i.test(image.src)) {
      const made = await thumbnail(image.src);
      if (made) image.thumbnail = made;
    }
  }
}
