/**
 * A CSS selector path for an element, in axe-core's `target` format: one
 * selector per tree, outermost first, so shadow-DOM images can be found again.
 * Used by the audit export so auditors (and tests) can locate each image.
 */

function inTree(el: Element): string {
  const root = el.getRootNode() as Document | ShadowRoot;
  if (el.id && root.querySelectorAll(`#${CSS.escape(el.id)}`).length === 1) return `#${CSS.escape(el.id)}`;
  const steps: string[] = [];
  for (let n: Element | null = el; n; n = n.parentElement) {
    if (n.id && root.querySelectorAll(`#${CSS.escape(n.id)}`).length === 1) {
      steps.unshift(`#${CSS.escape(n.id)}`);
      break;
    }
    const tag = CSS.escape(n.localName);
    const parent = n.parentElement;
    if (!parent) {
      steps.unshift(tag);
      break;
    }
    const name = n.localName;
    const same = Array.from(parent.children).filter((c) => c.localName === name);
    steps.unshift(same.length === 1 ? tag : `${tag}:nth-of-type(${same.indexOf(n) + 1})`);
  }
  return steps.join(' > ');
}

/**
 * @example
 *   selectorPath(imgInShadow) // → ['#card', 'div > img:nth-of-type(2)']
 */
export function selectorPath(el: Element): string[] {
  const path: string[] = [];
  for (let n: Element | null = el; n; ) {
    path.unshift(inTree(n));
    const root = n.getRootNode();
    n = root instanceof ShadowRoot ? root.host : null;
  }
  return path;
}
