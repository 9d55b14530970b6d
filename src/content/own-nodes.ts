/**
 * Nodes that Glimpse itself puts into the page (the overlay host). The scanner
 * ignores them and their shadow trees, so the overlay never audits itself.
 */
const own = new WeakSet<Node>();

/** Marks `node` as Glimpse's own; returns it. */
export function claimNode<T extends Node>(node: T): T {
  own.add(node);
  return node;
}

/** Forgets `node` (after it left the page). */
export function releaseNode(node: Node): void {
  own.delete(node);
}

/** True when `node` is, or is inside, a node Glimpse put into the page (crossing shadow roots). */
export function isOwnNode(node: Node | null): boolean {
  for (let n: Node | null = node; n; ) {
    if (own.has(n)) return true;
    const root = n.parentNode === null && n instanceof ShadowRoot ? n.host : n.parentNode;
    n = root;
  }
  return false;
}
