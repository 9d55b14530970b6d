/**
 * The overlay's host: one element appended to <html>, outside <body>, holding
 * an open shadow root (open so axe-core and the auditor's tools can inspect
 * it; page styles can't reach inside either way). Fixed to the viewport with
 * overflow clipped, so it adds no scrollbars and shifts no layout, and
 * pointer-events none except on the panel. Removing it removes every trace.
 */
import { claimNode, releaseNode } from '../own-nodes';
import { OVERLAY_CSS } from './styles';

export interface OverlayHost {
  host: HTMLElement;
  root: ShadowRoot;
  remove(): void;
}

// `all: initial` first, then the box; inline !important beats the page's !important rules.
const HOST_STYLE = [
  'all: initial', 'position: fixed', 'inset: 0', 'overflow: hidden', 'pointer-events: none',
  'z-index: 2147483647', 'display: block', 'contain: strict',
].map((d) => `${d} !important`).join('; ');

let sheet: CSSStyleSheet | null = null;

export function createOverlayHost(doc: Document): OverlayHost {
  // In the XHTML namespace even when the document is SVG or XML (an .svg opened directly):
  // attachShadow only works on HTML elements.
  const host = claimNode(doc.createElementNS('http://www.w3.org/1999/xhtml', 'glimpse-overlay') as HTMLElement);
  // CSSOM (not a style attribute string through setAttribute), which page CSPs don't block.
  host.style.cssText = HOST_STYLE;
  const root = host.attachShadow({ mode: 'open' });
  sheet ??= new CSSStyleSheet();
  sheet.replaceSync(OVERLAY_CSS);
  root.adoptedStyleSheets = [sheet];
  doc.documentElement.appendChild(host);
  return {
    host,
    root,
    remove() {
      host.remove();
      releaseNode(host);
    },
  };
}
