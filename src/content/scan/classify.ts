/**
 * Classifies one candidate: builds its ScanContext (layout, role and
 * accessible name read once) and walks the rules table twice, once per
 * question (status, then describe decision); first matching row wins.
 */
import { lazySourcePending } from './lazy-source';
import { computeAccessibleName } from 'dom-accessibility-api';
import { DESCRIBE_RULES, PLACEHOLDER_NATURAL_PX, STATUS_RULES, type StatusRuleId } from '../../shared/image-rules';
import type { DescribeDecision, ImageStatus } from '../../shared/image-status';
import type { GlimpseLabel } from '../registry-types';
import { explicitRole, type ImageKind } from './candidates';
import { CHECKS, type ScanContext } from './checks';
import { boxOf, mapImageOf, priorityOf } from './geometry';
import { presentationOf } from './presentation';

export interface Classification {
  kind: ImageKind;
  /** The accessibility status, and the rule (with its reason) that decided it. */
  status: ImageStatus;
  ruleId: StatusRuleId;
  reason: string;
  /** Glimpse's describe decision, and its reason sentence. */
  describe: DescribeDecision;
  describeReason: string;
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
  // A visible element with no area (an empty <div role="img">) is drawn, just too small to describe.
  return box !== null && visible(el);
}

function broken(el: Element, kind: ImageKind): boolean {
  if (kind === 'img' || kind === 'picture') {
    const img = el as HTMLImageElement;
    const hasSource = img.hasAttribute('src') || img.hasAttribute('srcset') || img.currentSrc !== '';
    return hasSource && img.complete && img.naturalWidth === 0;
  }
  return false;
}

/** An <object> shows its children only when its data failed to load (axe-core's objectHasLoaded). */
function fallbackShown(el: Element, kind: ImageKind): boolean {
  if (kind !== 'object' || el.childNodes.length === 0) return false;
  const range = el.ownerDocument.createRange();
  range.selectNodeContents(el);
  return range.getClientRects().length > 0;
}

function placeholder(el: Element, kind: ImageKind): boolean {
  if (kind !== 'img' && kind !== 'picture') return false;
  const img = el instanceof HTMLImageElement ? el : el.querySelector('img');
  if (!img) return false;
  // A lazy-loading image still showing its stand-in: wait for the real source (the scanner sees it arrive).
  if (lazySourcePending(img)) return true;
  return img.complete && img.naturalWidth > 0 && (img.naturalWidth <= PLACEHOLDER_NATURAL_PX || img.naturalHeight <= PLACEHOLDER_NATURAL_PX);
}

/** An image candidate's own name sources after aria-labelledby, in accname order: aria-label, alt / label / SVG <title>, title. */
function ownNameSources(el: Element, kind: ImageKind): string {
  const sources = [el.getAttribute('aria-label')];
  if (kind === 'img' || kind === 'picture' || kind === 'input-image' || kind === 'area') sources.push(el.getAttribute('alt'));
  if (kind === 'input-image') sources.push(Array.from((el as HTMLInputElement).labels ?? [], (l) => l.textContent ?? '').join(' '));
  if (kind === 'svg') sources.push(Array.from(el.children).find((c) => c.localName === 'title' && c.namespaceURI === SVG_NS)?.textContent ?? null);
  sources.push(el.getAttribute('title'));
  return sources.map((t) => (t ?? '').trim()).find((t) => t !== '') ?? '';
}

/**
 * The accessible name, per dom-accessibility-api (accname 1.2), with the
 * corrections where it and the browser's accessibility tree (and axe-core) differ.
 */
function nameOf(el: Element, kind: ImageKind, hidden: boolean, presentationIgnored: boolean): string {
  let name = computeAccessibleName(el, { hidden }).trim();
  // dom-accessibility-api falls back to "Submit Query" for <input type=image>; HTML-AAM's
  // default is a button label, not a text alternative for the image (input-image-alt fails).
  if (kind === 'input-image' && name === 'Submit Query' && !['alt', 'title', 'aria-label'].some((a) => el.getAttribute(a)?.trim() === name)) name = '';
  if (name !== '') return name;
  // It returns aria-labelledby's text even when empty (references to missing or empty
  // elements); accname 1.2 step 2B takes it only when not empty, and goes on to the next steps.
  // It also treats role="presentation"/"none" as holding on focusable elements, where ARIA's
  // conflict resolution ignores it, and so skips alt and title; image buttons and areas are
  // named by alt, label and title whatever their role (input-image-alt, area-alt). And it reads <title> only on
  // the <svg> root; svg-img-alt accepts a <title> child of any SVG element with role=img.
  if (el.hasAttribute('aria-labelledby') || presentationIgnored || kind === 'svg' || kind === 'input-image' || kind === 'area') return ownNameSources(el, kind);
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

/** The first row of `rules` whose check holds. */
function firstRule<R extends { id: keyof typeof CHECKS }>(rules: readonly R[], ctx: ScanContext): R {
  for (const rule of rules) if (CHECKS[rule.id](ctx)) return rule;
  // Unreachable: every kind has a "missing-<kind>" row, and "describe" always holds.
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
  // An <area> is display: none in the UA style sheet; whether it is drawn is its map image's business.
  const hiddenForEveryone = kind === 'area' ? !isRendered : !visible(el);
  const ours = own && own.state !== 'withheld' && el.getAttribute(own.attribute) === own.value ? own : undefined;
  const presentation = presentationOf(el);
  const src = srcOf(el, kind);
  const ctx: ScanContext = {
    element: el,
    kind,
    role: explicitRole(el),
    alt: ours?.attribute === 'alt' ? ours.authorAlt : el.getAttribute('alt'),
    box,
    hiddenForEveryone,
    rendered: isRendered,
    broken: isRendered && broken(el, kind),
    ariaHidden: isAriaHidden,
    presentational: presentation === 'held',
    presentationIgnored: presentation === 'ignored',
    fallbackShown: fallbackShown(el, kind),
    placeholder: isRendered && placeholder(el, kind),
    hasPicture: src !== null || el instanceof SVGSVGElement,
    // Hidden elements have no name per accname step 2A; compute the one they would have.
    // <area> is display:none in the UA style sheet, so dom-accessibility-api would call it hidden.
    name: ours ? ours.authorName : nameOf(el, kind, hiddenForEveryone || isAriaHidden || kind === 'area', presentation === 'ignored'),
  };
  const rule = firstRule(STATUS_RULES, ctx);
  const decision = firstRule(DESCRIBE_RULES, ctx);
  return {
    kind,
    status: rule.status,
    ruleId: rule.id,
    reason: rule.reason,
    describe: decision.id,
    describeReason: decision.reason,
    name: ctx.name,
    src,
    priority: priorityOf(box, viewportHeight),
  };
}
