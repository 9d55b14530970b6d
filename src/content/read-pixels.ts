/**
 * Reads what an image element shows as a `data:` URL, for images the engine
 * document can't download itself: `blob:` URLs belong to the page's origin,
 * and some servers refuse requests without the page's cookies.
 *
 * Only possible when the page allows it: drawing a cross-origin image without
 * CORS taints the canvas, and toDataURL then throws a SecurityError; null
 * means "could not read image". Inline SVG is serialised instead of drawn.
 *
 * @example
 *   const dataUrl = readPixels(img); // 'data:image/png;base64,…' or null
 */

/** Longest edge kept: the model works at 224 px, and the message stays small. */
const MAX_EDGE = 1024;

function drawable(element: Element): HTMLImageElement | HTMLCanvasElement | HTMLVideoElement | null {
  if (element instanceof HTMLImageElement || element instanceof HTMLCanvasElement || element instanceof HTMLVideoElement) return element;
  // <picture> and wrappers: the rendered <img> inside.
  return element.querySelector('img');
}

function size(source: HTMLImageElement | HTMLCanvasElement | HTMLVideoElement): { width: number; height: number } {
  if (source instanceof HTMLImageElement) return { width: source.naturalWidth, height: source.naturalHeight };
  if (source instanceof HTMLVideoElement) return { width: source.videoWidth, height: source.videoHeight };
  return { width: source.width, height: source.height };
}

function svgDataUrl(svg: SVGSVGElement): string {
  const copy = svg.cloneNode(true) as SVGSVGElement;
  if (!copy.getAttribute('xmlns')) copy.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  const box = svg.getBoundingClientRect();
  if (!copy.getAttribute('width') && box.width) copy.setAttribute('width', String(Math.round(box.width)));
  if (!copy.getAttribute('height') && box.height) copy.setAttribute('height', String(Math.round(box.height)));
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(new XMLSerializer().serializeToString(copy))}`;
}

export function readPixels(element: Element): string | null {
  if (element instanceof SVGSVGElement) return svgDataUrl(element);
  const source = drawable(element);
  if (!source) return null;
  if (source instanceof HTMLImageElement && !source.complete) return null;
  const { width, height } = size(source);
  if (!width || !height) return null;
  const scale = Math.min(1, MAX_EDGE / Math.max(width, height));
  const canvas = document.createElement('canvas');
  canvas.width = Math.max(1, Math.round(width * scale));
  canvas.height = Math.max(1, Math.round(height * scale));
  const context = canvas.getContext('2d');
  if (!context) return null;
  try {
    context.drawImage(source, 0, 0, canvas.width, canvas.height);
    return canvas.toDataURL('image/png');
  } catch {
    // SecurityError: the canvas is tainted by a cross-origin image.
    return null;
  }
}
