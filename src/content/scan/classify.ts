/**
 * Classifies one candidate: builds its ScanContext (layout and accessible
 * name read once) and walks the rules table, first matching row wins.
 */
import { computeAccessibleName } from 'dom-accessibility-api';
import { IMAGE_RULES, type ImageRuleId, type NameStatus } from '../../shared/image-rules';
import type { ImageStatus } from '../../shared/image-status';
import type { GlimpseLabel } from '../registry-types';
import { explicitRole, type ImageKind } from './candidates';
import { CHECKS, type ScanContext } from './checks';
import { boxOf, mapImageOf, priorityOf } from './geometry';

export interface Classification {
  kind: ImageKind;
  status: ImageStatus;
  ruleId: ImageRuleId;
  reason: string;
  nameStatus: NameStatus;
  name: string;
  src: string | null;
  priority: number;
}

const SVG_NS = 'http://www.w3.org/2000/svg';

function parentAcrossShadow(el: Element): Element | null {
  if (el.parentElement) return el.parentElement;
  const root = el.getRootNode();
  return root instanceof ShadowRoot ? root.host : null;
}

function ariaHidden(el: Element): boolean {
  for (let n: Element | null = el; n; n = parentAcrossShadow(n)) {
    if ((n.getAttribute('aria-hidden') ?? '').trim().toLowerCase() === 'true') return true;
  }
  return false;
}

function visible(el: Element): boolean {
  // `visibilityProperty` is Chrome 121's name for `checkVisibilityCSS` (Chrome 105); pass both.
  return el.checkVisibility({ visibilityProperty: true, checkVisibilityCSS: true } as CheckVisibilityOptions);
}

function rendered(el: Element, kind: ImageKind, box: ScanContext['box']): boolean {
  if (kind === 'area') {
    const img = mapImageOf(el);
    return img !== null && visible(img) && box !== null;
  }
  return box !== null && box.width > 0 && box.height > 0 && visible(el);
}

function broken(el: Element, kind: ImageKind): boolean {
  if (kind === 'img' || kind === 'picture') {
    const img = el as HTMLImageElement;
    const hasSource = img.hasAttribute('src') || img.hasAttribute('srcset') || img.currentSrc !== '';
    return hasSource && img.complete && img.naturalWidth === 0;
  }
  if (kind === 'object' && el.childNodes.length > 0) {
    // An <object> shows its children only when its data failed to load (axe-core's objectHasLoaded).
    const range = el.ownerDocument.createRange();
    range.selectNodeContents(el);
    return range.getClientRects().length > 0;
  }
  return false;
}

/**
 * The accessible name, per dom-accessibility-api (accname 1.2), with two
 * corrections where it and the browser's accessibility tree (and axe-core) differ.
 */
function nameOf(el: Element, kind: ImageKind, hidden: boolean): string {
  let name = computeAccessibleName(el, { hidden }).trim();
  // dom-accessibility-api falls back to "Submit Query" for <input type=image>; HTML-AAM's
  // default is a button label, not a text alternative for the image (input-image-alt fails).
  if (kind === 'input-image' && name === 'Submit Query' && !['alt', 'title', 'aria-label'].some((a) => el.getAttribute(a)?.trim() === name)) name = '';
  // It reads <title> only on the <svg> root; svg-img-alt accepts a <title> child of any SVG element with role=img.
  if (name === '' && kind === 'svg') {
    const title = Array.from(el.children).find((c) => c.localName === 'title' && c.namespaceURI === SVG_NS);
    name = title?.textContent?.trim() ?? '';
  }
  return name;
}

function srcOf(el: Element, kind: ImageKind): string | null {
  switch (kind) {
    case 'img':
    case 'picture': {
      const img = el as HTMLImageElement;
      return img.currentSrc || img.src || null;
    }
    case 'input-image':
      return (el as HTMLInputElement).src || null;
    case 'object':
      return (el as HTMLObjectElement).data || null;
    case 'area': {
      const img = mapImageOf(el);
      return img ? img.currentSrc || img.src || null : null;
    }
    case 'role-img': {
      const match = /url\(["']?(.*?)["']?\)/.exec(getComputedStyle(el).backgroundImage);
      return match?.[1] ? new URL(match[1], el.baseURI).href : null;
    }
    case 'svg':
      return null;
  }
}

/** Runs the table over `ctx`; `nameOnly` skips the skip rows (for nameStatus). */
function firstRule(ctx: ScanContext, nameOnly: boolean): (typeof IMAGE_RULES)[number] {
  for (const rule of IMAGE_RULES) {
    if (nameOnly && rule.status === 'skipped') continue;
    if (CHECKS[rule.id](ctx)) return rule;
  }
  // Unreachable: every kind has a "missing-<kind>" row that holds when nothing else did.
  throw new Error(`no image rule matched a ${ctx.kind}`);
}

/**
 * Classifies `el` (a candidate of `kind`). `own` is the name Glimpse wrote into
 * it, if any: while the attribute still holds exactly that value, the element
 * is judged by its author's alt and name, so Glimpse never counts as the author.
 *
 * @example
 *   classify(img, 'img') // → { status: 'missing', ruleId: 'missing-img', reason: 'Image has no text alternative: …', … }
 */
export function classify(el: Element, kind: ImageKind, viewportHeight = innerHeight, own?: GlimpseLabel): Classification {
  const box = boxOf(el, kind);
  const isRendered = rendered(el, kind, box);
  const isAriaHidden = ariaHidden(el);
  const ours = own && own.state !== 'withheld' && el.getAttribute(own.attribute) === own.value ? own : undefined;
  const ctx: ScanContext = {
    element: el,
    kind,
    role: explicitRole(el),
    alt: ours?.attribute === 'alt' ? ours.authorAlt : el.getAttribute('alt'),
    box,
    rendered: isRendered,
    broken: isRendered && broken(el, kind),
    ariaHidden: isAriaHidden,
    // Hidden elements have no name per accname step 2A; compute the one they would have.
    // <area> is display:none in the UA style sheet, so dom-accessibility-api would call it hidden.
    name: ours ? ours.authorName : nameOf(el, kind, !isRendered || isAriaHidden || kind === 'area'),
  };
  const rule = firstRule(ctx, false);
  const nameRule = rule.status === 'skipped' ? firstRule(ctx, true) : rule;
  return {
    kind,
    status: rule.status,
    ruleId: rule.id,
    reason: rule.reason,
    nameStatus: nameRule.status as NameStatus,
    name: ctx.name,
    src: srcOf(el, kind),
    priority: priorityOf(box, viewportHeight),
  };
}
