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
 *
 * @example
 *   labelImages(registry, state, controller.signal);
 */
import { decideLabel } from '../shared/label-text';
import type { Settings } from '../shared/settings';
import { createAttributeJournal } from './attribute-journal';
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

export function labelImages(registry: ImageRegistry, state: GlimpseStateStore, signal: AbortSignal): void {
  const journal = createAttributeJournal();

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
    if (named && named.value === decision.text && named.state === decision.state && el.getAttribute(named.attribute) === named.value) return;
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
  };

  registry.subscribe((event) => {
    if (event.type === 'removed') {
      // It may come back (a re-render): as the author wrote it, to be named afresh.
      journal.restore(event.record.element);
      return;
    }
    apply(event.record);
  }, signal);
  state.subscribe(() => {
    for (const record of registry.all()) apply(record);
  }, signal);
  signal.addEventListener('abort', () => journal.restoreAll(), { once: true });
}
