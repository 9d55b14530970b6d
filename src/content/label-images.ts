/**
 * Feature: writes each description as its image's accessible name.
 *
 * - `alt` when an img / area / input type=image has none, otherwise `aria-label`
 *   (role=img, svg and object get their name from aria-label in the accessible
 *   name computation); text only, through `setAttribute`.
 * - Never over an author's name: an element with its own aria-label or
 *   aria-labelledby (which outranks aria-label) keeps it, and the reason shows.
 * - Marked as automatic, hedged when the engine is unsure, withheld below the
 *   floor (src/shared/label-text.ts); the record says which, for overlay and audit.
 * - Every write goes through the attribute journal, so Glimpse off (globally,
 *   for the site, for the tab) puts back the author's attributes exactly.
 * - A name the page's script removes (or rewrites into no name) is written
 *   again after a growing wait, a few times (rewrite-backoff.ts); then Glimpse
 *   stops, and the record (overlay, audit) says the page keeps removing it.
 *
 * @example
 *   labelImages(registry, state, controller.signal);
 */
import { decideLabel } from '../shared/label-text';
import type { Settings } from '../shared/settings';
import { createAttributeJournal } from './attribute-journal';
import { createRewriteBackoff } from './rewrite-backoff';
import type { GlimpseStateStore } from './glimpse-state';
import type { ImageRecord, ImageRegistry } from './registry-types';

const ALT_KINDS = new Set(['img', 'picture', 'area', 'input-image']);

/** The records the user asked Glimpse to name. */
export function wantsName(record: ImageRecord, settings: Settings): boolean {
  return record.status === 'missing' || (record.status === 'suspicious' && settings.includeSuspicious) || (record.status === 'decorative' && settings.includeDecorative);
}

/** The attribute Glimpse may write on `el`, or null when the author's name would have to change. */
function attributeFor(el: Element, kind: string): 'alt' | 'aria-label' | null {
  if (ALT_KINDS.has(kind) && !el.hasAttribute('alt')) return 'alt';
  if (el.hasAttribute('aria-labelledby') || (el.getAttribute('aria-label') ?? '').trim() !== '') return null;
  return 'aria-label';
}

const AUTHOR_KEPT = "Not named: the author's own aria-label or aria-labelledby is kept; Glimpse does not change author text.";
const PAGE_KEEPS_REMOVING = (times: number): string =>
  `Not named: the page keeps removing the name Glimpse writes (written again ${times} times); Glimpse stopped, so that it does not fight the page's script.`;

export function labelImages(registry: ImageRegistry, state: GlimpseStateStore, signal: AbortSignal): void {
  const journal = createAttributeJournal();
  const backoff = createRewriteBackoff();
  const byElement = new Map<Element, string>();
  const timers = new Map<Element, ReturnType<typeof setTimeout>>();
  /** True while the page's value differs from the name Glimpse wrote. */
  const changedByPage = (record: ImageRecord): boolean => {
    const label = record.glimpseLabel;
    return !!label && label.state !== 'withheld' && record.element.getAttribute(label.attribute) !== label.value;
  };
  // The content script's own MutationObserver (isolated world: a page overriding its MutationObserver does not reach it).
  const watcher = new MutationObserver((mutations) => {
    for (const { target } of mutations) {
      const record = registry.get(byElement.get(target as Element) ?? '');
      if (record && changedByPage(record)) pageChanged(record);
    }
  });

  /** The page took Glimpse's name away: write it again later, a bounded number of times. */
  const pageChanged = (record: ImageRecord): void => {
    const el = record.element;
    if (timers.has(el)) return;
    const wait = backoff.next(el);
    if (wait === null) {
      withhold(record, PAGE_KEEPS_REMOVING(backoff.count(el)));
      return;
    }
    timers.set(
      el,
      setTimeout(() => {
        timers.delete(el);
        const now = registry.get(record.id);
        if (!now || signal.aborted || !changedByPage(now)) return;
        rewrite(now);
      }, wait),
    );
  };

  /** Writes the recorded name again (the page removed it) when it is still wanted. */
  const rewrite = (record: ImageRecord): void => {
    const label = record.glimpseLabel;
    const { active, settings } = state.current();
    if (!label || label.state === 'withheld' || !active || !record.description || !wantsName(record, settings)) return;
    // The page gave the element a name of its own since: that is the author's now.
    if (label.attribute === 'alt' ? record.element.getAttribute('alt') !== null : (record.element.getAttribute('aria-label') ?? '').trim() !== '') return;
    journal.write(record.element, label.attribute, label.value);
  };

  const watch = (record: ImageRecord): void => {
    byElement.set(record.element, record.id);
    watcher.observe(record.element, { attributes: true, attributeFilter: ['alt', 'aria-label'] });
  };

  const forget = (record: ImageRecord): void => {
    if (record.glimpseLabel?.state !== 'withheld') journal.restore(record.element);
    registry.setGlimpseLabel(record.id, undefined);
  };

  const withhold = (record: ImageRecord, reason: string): void => {
    if (record.glimpseLabel?.state === 'withheld' && record.glimpseLabel.reason === reason) return;
    journal.restore(record.element);
    registry.setGlimpseLabel(record.id, { state: 'withheld', reason });
  };

  const apply = (record: ImageRecord): void => {
    const { active, settings } = state.current();
    const label = record.glimpseLabel;
    if (!active || !record.description || !wantsName(record, settings)) {
      if (label) forget(record);
      return;
    }
    const decision = decideLabel(record.description, settings);
    if (decision.state === 'withheld') return withhold(record, decision.reason);
    const el = record.element;
    const named = label && label.state !== 'withheld' ? label : undefined;
    if (named && named.value === decision.text && named.state === decision.state) {
      // Unchanged, or the page removed it: that is the back-off's to handle, never an immediate re-write.
      if (el.getAttribute(named.attribute) !== named.value) pageChanged(record);
      return;
    }
    if (label?.state === 'withheld' && label.reason.startsWith('Not named: the page keeps removing')) return;
    const attribute = named?.attribute ?? attributeFor(el, record.kind);
    if (attribute === null) return withhold(record, AUTHOR_KEPT);
    // Write first, then record: the registry notifies at once, and this feature hears it too.
    journal.write(el, attribute, decision.text);
    registry.setGlimpseLabel(record.id, {
      state: decision.state,
      attribute,
      value: decision.text,
      authorAlt: named ? named.authorAlt : el.getAttribute('alt'),
      authorName: named ? named.authorName : record.name,
    });
    watch(record);
  };

  registry.subscribe((event) => {
    if (event.type === 'removed') {
      // It may come back (a re-render): as the author wrote it, to be named afresh.
      journal.restore(event.record.element);
      byElement.delete(event.record.element);
      clearTimeout(timers.get(event.record.element));
      timers.delete(event.record.element);
      return;
    }
    apply(event.record);
  }, signal);
  state.subscribe(() => {
    for (const record of registry.all()) apply(record);
  }, signal);
  signal.addEventListener(
    'abort',
    () => {
      watcher.disconnect();
      for (const timer of timers.values()) clearTimeout(timer);
      journal.restoreAll();
    },
    { once: true },
  );
}
