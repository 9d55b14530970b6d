/**
 * Turns downloaded bytes into an ImageBitmap for the worker, refusing images
 * over the pixel limit before their pixels are decoded.
 *
 * The size check loads the bytes into an <img> that is never attached or
 * painted: Chrome parses only the header to learn naturalWidth/Height and
 * decodes pixels lazily at paint time, so a small file that would expand to
 * gigabytes (a "decompression bomb") is measured without being expanded.
 * `ImageDecoder` exposes no dimensions before a full frame decode, and
 * `createImageBitmap` with resize options still decodes at full size first.
 * Before that, the size the file's header declares is read (image-size):
 * Chrome refuses to load some bombs at all (a 30,000×30,000 PNG fails like a
 * damaged file), and the reason should say what is wrong.
 *
 * Decoding uses createImageBitmap (first frame of an animated GIF/WebP/APNG).
 * SVG is the exception: createImageBitmap rejects SVG blobs in Chrome ("The
 * source image could not be decoded"), so SVG is rasterised from the <img>
 * through a canvas. Before an SVG goes near an <img>, its parsed tree is
 * counted (svg-budget.ts): one whose `<use>` references multiply into more
 * than MAX_SVG_DRAWN elements is refused, as is one that is not well-formed
 * XML, and one whose filters ask for more than about a second of drawing
 * (svg-filter-budget.ts). Its raster is never larger than MAX_MODEL_EDGE on its long side,
 * whatever size it declares: a vector image has no pixels to refuse.
 *
 * @example
 *   const bitmap = await decodeImage(bytes, 'image/jpeg');
 */
import { imageSize } from 'image-size';
import { CaptionError } from './caption-error';
import { MAX_SVG_DEPTH, MAX_SVG_DRAWN, svgCost } from './svg-budget';
import { MAX_SVG_FILTER_WORK, svgFilterWork } from './svg-filter-budget';

/** Largest image, in pixels, the engine decodes. */
export const MAX_PIXELS = 50_000_000;

/**
 * Longest edge handed to the model. The captioner shrinks everything to its
 * input size (224 px for ViT-style encoders) anyway; a browser-side downscale of
 * larger images keeps the worker's RGBA copy and its resampling small.
 */
export const MAX_MODEL_EDGE = 1024;

/** SVGs without intrinsic size render at the CSS default replaced-element size. */
const SVG_DEFAULT = { width: 300, height: 150 };

const UNREADABLE = 'The image could not be decoded: the file is damaged or not an image format the browser can read.';

function looksLikeSvg(bytes: Uint8Array, type: string): boolean {
  if (type.includes('svg')) return true;
  const head = new TextDecoder().decode(bytes.subarray(0, 512)).trimStart().toLowerCase();
  return head.startsWith('<svg') || (head.startsWith('<?xml') && head.includes('<svg'));
}

/** Loads the bytes into a detached <img>; resolves once the header is known. */
function measure(blob: Blob): Promise<HTMLImageElement> {
  const url = URL.createObjectURL(blob);
  const img = new Image();
  return new Promise<HTMLImageElement>((resolve, reject) => {
    img.onload = () => resolve(img);
    img.onerror = () => reject(new CaptionError('unreadable', UNREADABLE));
    img.src = url;
  }).finally(() => URL.revokeObjectURL(url));
}

/** Refuses an SVG that is not well-formed or that would make too many elements to draw; returns its parsed tree. */
function refuseCostlySvg(bytes: Uint8Array): Document {
  const parsed = new DOMParser().parseFromString(new TextDecoder().decode(bytes), 'image/svg+xml');
  const error = parsed.querySelector('parsererror');
  if (error || parsed.documentElement.localName !== 'svg') {
    const detail = error?.textContent?.match(/error on line \d+ at column \d+: [^\n]*/)?.[0];
    throw new CaptionError('unreadable', `The SVG could not be read: it is not well-formed SVG${detail ? ` (${detail.trim()})` : ''}.`);
  }
  const cost = svgCost(parsed.documentElement);
  if (cost.tooDeep) {
    throw new CaptionError('too-large', `The SVG nests its elements and <use> references more than ${MAX_SVG_DEPTH} levels deep; Glimpse does not draw it.`);
  }
  if (cost.drawn > MAX_SVG_DRAWN) {
    throw new CaptionError('too-large', `The SVG would draw more than ${MAX_SVG_DRAWN.toLocaleString('en')} elements (its ${cost.elements.toLocaleString('en')} elements are copied by <use> references); Glimpse draws SVGs up to ${MAX_SVG_DRAWN.toLocaleString('en')}.`);
  }
  const filterWork = svgFilterWork(parsed.documentElement);
  if (filterWork > MAX_SVG_FILTER_WORK) {
    throw new CaptionError('too-large', `The SVG's filters ask for too much drawing (${filterWork.toLocaleString('en')} units of work, over the ${MAX_SVG_FILTER_WORK.toLocaleString('en')} Glimpse draws: about a second); Glimpse does not draw it.`);
  }
  return parsed;
}

/**
 * The SVG with a declared pixel size over MAX_MODEL_EDGE rewritten to fit it,
 * keeping its picture: without a viewBox the declared size becomes one, so the
 * whole drawing scales down. (Chromium draws a huge declared size as its first
 * screenful: a billion-pixel SVG would come out as one corner, one flat colour.)
 */
function svgAtBoundedSize(doc: Document, bytes: Uint8Array): Uint8Array {
  const root = doc.documentElement;
  const px = (name: string): number | null => {
    const m = /^\s*([0-9]*\.?[0-9]+(?:e[+-]?\d+)?)\s*(px)?\s*$/i.exec(root.getAttribute(name) ?? '');
    return m ? Number(m[1]) : null;
  };
  const width = px('width');
  const height = px('height');
  if (width === null || height === null || width <= 0 || height <= 0 || Math.max(width, height) <= MAX_MODEL_EDGE) return bytes;
  const target = fit(width, height);
  if (!root.hasAttribute('viewBox')) root.setAttribute('viewBox', `0 0 ${width} ${height}`);
  root.setAttribute('width', String(target.width));
  root.setAttribute('height', String(target.height));
  return new TextEncoder().encode(new XMLSerializer().serializeToString(doc));
}

function tooManyPixels(width: number, height: number): CaptionError {
  return new CaptionError('too-large', `The image is ${width}×${height} pixels (${((width * height) / 1e6).toFixed(0)} megapixels); Glimpse describes images up to ${MAX_PIXELS / 1e6} megapixels.`);
}

/** Refuses a file whose header declares more than MAX_PIXELS (in any of its images); unknown formats pass on to the browser. */
function refuseDeclaredSize(bytes: Uint8Array): void {
  let declared: ReturnType<typeof imageSize>;
  try {
    declared = imageSize(bytes);
  } catch {
    return; // not a format image-size knows, or a header it can't read: the browser decides
  }
  for (const { width, height } of [declared, ...(declared.images ?? [])]) {
    if (width && height && width * height > MAX_PIXELS) throw tooManyPixels(width, height);
  }
}

function fit(width: number, height: number): { width: number; height: number } {
  const scale = Math.min(1, MAX_MODEL_EDGE / Math.max(width, height));
  return { width: Math.max(1, Math.round(width * scale)), height: Math.max(1, Math.round(height * scale)) };
}

export async function decodeImage(bytes: Uint8Array, type: string): Promise<ImageBitmap> {
  if (bytes.byteLength === 0) throw new CaptionError('unreadable', 'The image file is empty.');
  const svg = looksLikeSvg(bytes, type);
  if (svg) bytes = svgAtBoundedSize(refuseCostlySvg(bytes), bytes);
  else refuseDeclaredSize(bytes);
  const blob = new Blob([bytes as Uint8Array<ArrayBuffer>], { type: svg ? 'image/svg+xml' : type });
  const img = await measure(blob);
  const width = img.naturalWidth || (svg ? SVG_DEFAULT.width : 0);
  const height = img.naturalHeight || (svg ? SVG_DEFAULT.height : 0);
  if (width === 0 || height === 0) throw new CaptionError('unreadable', UNREADABLE);
  if (!svg && width * height > MAX_PIXELS) throw tooManyPixels(width, height);
  const target = fit(width, height);
  try {
    if (svg) {
      const canvas = new OffscreenCanvas(target.width, target.height);
      const context = canvas.getContext('2d');
      if (!context) throw new Error('no 2d context');
      context.drawImage(img, 0, 0, target.width, target.height);
      return await createImageBitmap(canvas);
    }
    const resize = target.width === width && target.height === height ? {} : { resizeWidth: target.width, resizeHeight: target.height, resizeQuality: 'high' as const };
    return await createImageBitmap(blob, resize);
  } catch {
    throw new CaptionError('unreadable', UNREADABLE);
  }
}
