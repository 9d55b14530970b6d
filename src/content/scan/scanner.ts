/**
 * The scanner of one frame: an initial pass (viewport first), then a
 * MutationObserver on the document and on every open shadow root, `load` /
 * `error` listeners (lazy images, late srcset choices, broken images), and a
 * throttled full pass when layout or label text may have changed.
 */
import { LAZY_SOURCE_ATTRIBUTES } from './lazy-source';
import type { MutableImageRegistry } from '../image-registry';
import { isOwnNode } from '../own-nodes';
import { CANDIDATE_SELECTOR, candidatesIn, forEachShadowRoot, kindOf, type ImageKind } from './candidates';
import { classify } from './classify';
import { boxOf, priorityOf } from './geometry';
import type { StatusRuleId } from '../../shared/image-rules';

/** Attributes that change a candidate's kind, name, source or status. */
export const WATCHED_ATTRIBUTES = [
  'src', 'srcset', 'sizes', 'alt', 'role', 'aria-label', 'aria-labelledby', 'aria-hidden', 'title',
  // Focus and global ARIA attributes decide whether role="presentation"/"none" holds.
  'tabindex', 'disabled', 'inert', 'aria-describedby', 'aria-live', 'aria-details', 'aria-controls', 'aria-owns',
  'aria-atomic', 'aria-busy', 'aria-current', 'aria-description', 'aria-flowto', 'aria-keyshortcuts', 'aria-relevant', 'aria-roledescription',
  'type', 'data', 'usemap', 'href', 'coords', 'shape', 'name', 'id', 'hidden', 'style', 'class', 'width', 'height',
  // A lazy-loading image is a placeholder while these name another picture than the one shown.
  ...LAZY_SOURCE_ATTRIBUTES,
];
/** Of those, the ones that can only matter to the element itself (so no full pass is needed). */
const SELF_ONLY = new Set(['src', 'srcset', 'sizes', 'alt', 'aria-label', 'type', 'data', 'width', 'height', 'tabindex', 'aria-describedby', 'aria-live', 'aria-details', 'aria-controls', 'aria-owns', 'aria-atomic', 'aria-busy', 'aria-current', 'aria-description', 'aria-flowto', 'aria-keyshortcuts', 'aria-relevant', 'aria-roledescription']);
/** Attributes that change only layout: they matter when the element holds candidates. */
const LAYOUT_ONLY = new Set(['style', 'class', 'hidden']);
const FULL_PASS_DELAY_MS = 250;

/** Cheap test that a style/class change on `el` can reach a candidate (pages animate style a lot). */
function affectsCandidates(el: Element): boolean {
  return el.shadowRoot !== null || kindOf(el) !== null || el.querySelector(CANDIDATE_SELECTOR) !== null;
}

export interface ScanStats {
  /** Milliseconds the initial pass took (collect + classify + register). */
  initialMs: number;
  /** Candidates found by the initial pass. */
  initialCount: number;
  fullPasses: number;
}

export interface Scanner {
  stats: ScanStats;
  /** Re-collects and re-classifies everything now; returns the milliseconds it took. */
  rescan(): number;
}

/**
 * Starts scanning `doc` into `registry` until `signal` aborts.
 *
 * @example
 *   const scanner = startScanner(document, createImageRegistry(), controller.signal);
 */
export function startScanner(doc: Document, registry: MutableImageRegistry, signal: AbortSignal): Scanner {
  const view = doc.defaultView ?? window;
  const observedRoots = new WeakSet<Node>();
  const stats: ScanStats = { initialMs: 0, initialCount: 0, fullPasses: 0 };
  let fullPassTimer: ReturnType<typeof setTimeout> | undefined;

  /** Ids that candidates' aria-labelledby point at (only grows: a stale id costs a spare pass, no more). */
  const labelIds = new Set<string>();
  /**
   * True when text at `node` can be part of a candidate's name: inside an
   * aria-labelledby target, an SVG <title> or a <label>. Other text changes
   * (clocks, tickers, chat) would otherwise cost a full pass every 250 ms.
   */
  const textMayName = (node: Node): boolean => {
    const el = node instanceof Element ? node : node.parentElement;
    if (!el || el.closest('title, label')) return el !== null;
    for (let n: Element | null = el; n; n = n.parentElement) if (n.id && labelIds.has(n.id)) return true;
    return false;
  };

  const classifyAll = (pairs: Array<[Element, ImageKind]>): void => {
    const height = view.innerHeight;
    for (const [el] of pairs) for (const id of (el.getAttribute('aria-labelledby') ?? '').split(/\s+/)) if (id) labelIds.add(id);
    const results = pairs.map(([el, kind]) => [el, classify(el, kind, height, registry.recordOf(el)?.glimpseLabel)] as const);
    // Viewport first: subscribers (the describing queue among them) hear near images first.
    results.sort((a, b) => a[1].priority - b[1].priority);
    for (const [el, result] of results) registry.upsert(el, result);
  };

  const onLoadOrError = (event: Event): void => {
    const target = event.target;
    if (!(target instanceof Element)) return;
    if (target.localName === 'img' && target.hasAttribute('usemap')) {
      // An image map's areas take their box from the image.
      fullPass();
      return;
    }
    const kind = kindOf(target);
    if (kind) classifyAll([[target, kind]]);
  };

  const observer = new MutationObserver((mutations) => onMutations(mutations));

  const observeRoot = (root: Document | ShadowRoot): void => {
    if (observedRoots.has(root)) return;
    observedRoots.add(root);
    observer.observe(root, { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: WATCHED_ATTRIBUTES });
    // `load` and `error` don't bubble, and inside a shadow tree they don't leave it: listen per root, capturing.
    root.addEventListener('load', onLoadOrError, { capture: true, signal });
    root.addEventListener('error', onLoadOrError, { capture: true, signal });
  };

  /** Every candidate at or below `scope`, shadow trees included; observes the shadow roots it meets. */
  const collect = (scope: ParentNode): Array<[Element, ImageKind]> => {
    const found = candidatesIn(scope);
    forEachShadowRoot(scope, (shadow) => {
      observeRoot(shadow);
      found.push(...candidatesIn(shadow));
    });
    return found;
  };

  const prune = (): void => {
    for (const record of registry.all()) {
      if (!record.element.isConnected || kindOf(record.element) === null) registry.remove(record.element);
    }
  };

  const fullPass = (): number => {
    const start = performance.now();
    stats.fullPasses += 1;
    prune();
    classifyAll(collect(doc));
    return performance.now() - start;
  };

  const refreshPriorities = (): void => {
    const height = view.innerHeight;
    for (const record of registry.all()) {
      const kind = record.kind as ImageKind;
      const priority = priorityOf(boxOf(record.element, kind), height);
      if (priority === record.priority) continue;
      const { status, ruleId, reason, describe, describeReason, name, src } = record;
      registry.upsert(record.element, { kind, status, ruleId: ruleId as StatusRuleId, reason, describe, describeReason, name, src, priority });
    }
  };

  const scheduleFullPass = (): void => {
    if (fullPassTimer !== undefined || signal.aborted) return;
    fullPassTimer = setTimeout(() => {
      fullPassTimer = undefined;
      if (!signal.aborted) fullPass();
    }, FULL_PASS_DELAY_MS);
  };

  const onMutations = (mutations: MutationRecord[]): void => {
    const dirty = new Map<Element, ImageKind>();
    const mark = (el: Element): void => {
      const kind = kindOf(el);
      if (kind && !isOwnNode(el)) dirty.set(el, kind);
    };
    let needsFullPass = false;
    let removed = false;
    for (const m of mutations) {
      if (isOwnNode(m.target)) continue;
      if (m.type === 'childList') {
        for (const node of m.addedNodes) {
          if (node instanceof Element && !isOwnNode(node)) for (const [el, kind] of collect(node)) dirty.set(el, kind);
        }
        if (m.removedNodes.length > 0) removed = true;
        const parent = m.target;
        // A <source> added to or removed from a <picture> changes the image it shows; text
        // changes anywhere may change a name that aria-labelledby points at.
        if (parent instanceof Element && parent.localName === 'picture') parent.querySelectorAll('img').forEach(mark);
        else needsFullPass ||= m.addedNodes.length + m.removedNodes.length > 0 && textMayName(parent);
      } else if (m.type === 'characterData') {
        needsFullPass ||= textMayName(m.target);
      } else if (m.target instanceof Element) {
        const el = m.target;
        const wasCandidate = registry.recordOf(el) !== undefined;
        mark(el);
        if (wasCandidate && !dirty.has(el)) registry.remove(el);
        if (el.localName === 'source' && el.parentElement?.localName === 'picture') el.parentElement.querySelectorAll('img').forEach(mark);
        // Visibility (class/style/hidden), ids (aria-labelledby targets), maps and roles on
        // ancestors change other candidates' status too.
        const attr = m.attributeName ?? '';
        if (LAYOUT_ONLY.has(attr)) needsFullPass ||= affectsCandidates(el);
        else if (!SELF_ONLY.has(attr)) needsFullPass = true;
      }
    }
    if (removed) prune();
    if (dirty.size > 0) classifyAll([...dirty]);
    if (needsFullPass) scheduleFullPass();
  };

  // Initial pass.
  const start = performance.now();
  observeRoot(doc);
  const initial = collect(doc);
  classifyAll(initial);
  stats.initialMs = performance.now() - start;
  stats.initialCount = initial.length;

  // Layout changes move images across the 50×50 line and in and out of the viewport.
  view.addEventListener('resize', scheduleFullPass, { signal, passive: true });
  // Scrolling changes only distances to the viewport: refresh priorities, not names.
  view.addEventListener('scrollend', refreshPriorities, { signal, passive: true });

  signal.addEventListener('abort', () => {
    observer.disconnect();
    clearTimeout(fullPassTimer);
  }, { once: true });

  return { stats, rescan: fullPass };
}
