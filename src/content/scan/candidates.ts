/**
 * Which elements are image candidates, and of what kind: the element sets of
 * axe-core's image rules (image-alt, input-image-alt, role-img-alt,
 * svg-img-alt, area-alt, object-alt), plus inline <svg> without a role.
 */
import { isOwnNode } from '../own-nodes';

export type ImageKind = 'img' | 'picture' | 'input-image' | 'role-img' | 'svg' | 'area' | 'object';

const SVG_NS = 'http://www.w3.org/2000/svg';

/** One selector for every candidate; kindOf() then sorts out the look-alikes. */
export const CANDIDATE_SELECTOR = 'img, input[type="image" i], [role], svg, map area[href], object[data]';

function roleTokens(el: Element): string[] {
  return (el.getAttribute('role') ?? '').trim().toLowerCase().split(/\s+/);
}

/** The first role token, lower-cased ('' when none): ARIA takes the first token the browser knows. */
export function explicitRole(el: Element): string {
  return roleTokens(el)[0] ?? '';
}

/**
 * The candidate kind of `el`, or null when it is not an image candidate.
 *
 * @example
 *   kindOf(document.querySelector('picture > img')!) // → 'picture'
 */
export function kindOf(el: Element): ImageKind | null {
  const tag = el.localName;
  if (el.namespaceURI === SVG_NS) {
    const role = explicitRole(el);
    // svg-img-alt applies to any SVG element with an image role; a bare inline <svg> is a
    // candidate too (outermost only: nested <svg> draw inside their parent's picture).
    if (role === 'img' || role === 'image' || role === 'graphics-symbol') return 'svg';
    if (tag === 'svg' && !(el.parentElement && el.parentElement.namespaceURI === SVG_NS)) return 'svg';
    return null;
  }
  if (tag === 'img') return el.parentElement?.localName === 'picture' ? 'picture' : 'img';
  if (tag === 'input') return (el.getAttribute('type') ?? '').toLowerCase() === 'image' ? 'input-image' : null;
  if (tag === 'area') return el.hasAttribute('href') && el.closest('map') ? 'area' : null;
  if (tag === 'object') return el.hasAttribute('data') ? 'object' : null;
  const role = explicitRole(el);
  return role === 'img' || role === 'image' ? 'role-img' : null;
}

/** Calls `fn` for every open shadow root at or below `root` (depth first, nested ones too). */
export function forEachShadowRoot(root: ParentNode, fn: (shadow: ShadowRoot) => void): void {
  const visit = (scope: ParentNode): void => {
    for (const el of scope.querySelectorAll('*')) {
      const shadow = el.shadowRoot;
      if (shadow && !isOwnNode(el)) {
        fn(shadow);
        visit(shadow);
      }
    }
  };
  if (root instanceof Element && root.shadowRoot && !isOwnNode(root)) {
    fn(root.shadowRoot);
    visit(root.shadowRoot);
  }
  visit(root);
}

/** Candidates at or below `root`, this tree only (shadow roots are walked by the caller). */
export function candidatesIn(root: ParentNode): Array<[Element, ImageKind]> {
  const found: Array<[Element, ImageKind]> = [];
  const consider = (el: Element): void => {
    const kind = kindOf(el);
    if (kind && !isOwnNode(el)) found.push([el, kind]);
  };
  if (root instanceof Element) consider(root);
  for (const el of root.querySelectorAll(CANDIDATE_SELECTOR)) consider(el);
  return found;
}
