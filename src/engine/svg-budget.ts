/**
 * How much drawing an SVG asks for, counted on its parsed tree before the
 * browser renders it, so an SVG that would hang or flood the engine document
 * is refused instead of rasterised.
 *
 * Loading an SVG into an <img> builds and lays out its whole render tree, and
 * `<use>` copies the element it points at: ten levels of ten `<use>` each
 * ("billion laughs" in SVG) make 10^10 copies from 100 elements. Chrome's
 * loader then works for as long as memory lasts, on the engine document's main
 * thread, where no deadline can interrupt it. Parsing the same bytes with
 * DOMParser builds no render tree (milliseconds), and the tree says how many
 * elements rendering would make: each element counts 1 plus its children, a
 * `<use>` 1 plus what it points at (a cycle counts nothing more: the browser
 * draws no cyclic `<use>`). XML entity bombs stop the XML parser itself
 * ("Entity too big").
 *
 * What an SVG image cannot do at all: run scripts or fetch anything (external
 * `<image>`, `<use>`, CSS or fonts). Chrome renders SVG images in secure mode.
 *
 * @example
 *   const cost = svgCost(new DOMParser().parseFromString(text, 'image/svg+xml').documentElement);
 *   if (cost.drawn > MAX_SVG_DRAWN) throw …;
 */

/** Most elements an SVG image may make once its `<use>` references are expanded. */
export const MAX_SVG_DRAWN = 50_000;
/** Deepest chain of nested elements and `<use>` references counted (deeper files are refused as too complex). */
export const MAX_SVG_DEPTH = 500;

const XLINK = 'http://www.w3.org/1999/xlink';

/** The part of a DOM Element the count needs (a parsed SVG's elements, or plain objects in tests). */
export interface SvgNode {
  readonly localName: string;
  readonly children: ArrayLike<SvgNode>;
  getAttribute(name: string): string | null;
  getAttributeNS(namespace: string, name: string): string | null;
}

export interface SvgCost {
  /** Elements in the file. */
  elements: number;
  /** Elements rendering would make, `<use>` copies included; saturates just above `cap`. */
  drawn: number;
  /** Nesting and references went deeper than {@link MAX_SVG_DEPTH}: `drawn` is not known. */
  tooDeep: boolean;
}

function href(node: SvgNode): string | null {
  return node.getAttribute('href') ?? node.getAttributeNS(XLINK, 'href');
}

/**
 * Counts the elements of `root` and what rendering would make of them. The
 * count stops growing past `cap` (a bomb's true figure does not fit a number).
 */
export function svgCost(root: SvgNode, cap = MAX_SVG_DRAWN): SvgCost {
  const byId = new Map<string, SvgNode>();
  let elements = 0;
  const stack: SvgNode[] = [root];
  while (stack.length > 0) {
    const node = stack.pop()!;
    elements++;
    const id = node.getAttribute('id');
    if (id && !byId.has(id)) byId.set(id, node);
    for (let i = 0; i < node.children.length; i++) stack.push(node.children[i]!);
  }

  const done = new Map<SvgNode, number>();
  const open = new Set<SvgNode>();
  const limit = cap + 1;
  let tooDeep = false;
  const cost = (node: SvgNode, depth: number): number => {
    const known = done.get(node);
    if (known !== undefined) return known;
    if (open.has(node)) return 0; // a cycle: the browser does not draw it
    if (depth > MAX_SVG_DEPTH || tooDeep) {
      tooDeep = true;
      return limit;
    }
    open.add(node);
    let total = 1;
    for (let i = 0; i < node.children.length && total < limit; i++) total += cost(node.children[i]!, depth + 1);
    if (node.localName === 'use') {
      const target = href(node);
      const referenced = target?.startsWith('#') ? byId.get(target.slice(1)) : undefined;
      if (referenced && total < limit) total += cost(referenced, depth + 1);
    }
    open.delete(node);
    const saturated = Math.min(total, limit);
    done.set(node, saturated);
    return saturated;
  };
  const drawn = cost(root, 0);
  return { elements, drawn, tooDeep };
}
