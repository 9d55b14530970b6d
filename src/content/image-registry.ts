/**
 * The image registry of one frame: the scanner writes records into it, the
 * features (overlay, describing, labelling, speech) read and subscribe.
 * Implements the contract in ./registry-types.ts.
 */
import type { CaptionOutcome } from '../shared/messages';
import type { ImageRecord, ImageRegistry, RegistryEvent } from './registry-types';
import type { Classification } from './scan/classify';

/** The registry plus the writer side that only the scanner uses. */
export interface MutableImageRegistry extends ImageRegistry {
  /** Adds or refreshes `element`'s record; notifies only when something a reader sees changed. */
  upsert(element: Element, classification: Classification): ImageRecord;
  /** Drops `element`'s record (it left the page or stopped being a candidate). */
  remove(element: Element): void;
  /** The record for `element`, if it is a known candidate. */
  recordOf(element: Element): ImageRecord | undefined;
}

const COMPARED = ['kind', 'status', 'ruleId', 'reason', 'describe', 'describeReason', 'name', 'src', 'priority'] as const;

let nextId = 1;
// Ids are per element, not per record: an element removed and re-inserted keeps its id.
const ids = new WeakMap<Element, string>();
function idOf(element: Element): string {
  let id = ids.get(element);
  if (!id) {
    id = `g-${nextId++}`;
    ids.set(element, id);
  }
  return id;
}

/**
 * @example
 *   const registry = createImageRegistry();
 *   registry.subscribe((e) => console.log(e.type, e.record.status), signal);
 */
export function createImageRegistry(): MutableImageRegistry {
  const byId = new Map<string, ImageRecord>();
  const byElement = new Map<Element, ImageRecord>();
  const listeners = new Set<(event: RegistryEvent) => void>();

  const emit = (event: RegistryEvent): void => {
    for (const listener of [...listeners]) {
      try {
        listener(event);
      } catch (error) {
        // One failing feature must not stop the scanner or the other features.
        console.error('[glimpse] registry listener failed', error);
      }
    }
  };

  return {
    all: () => [...byId.values()],
    get: (id) => byId.get(id),
    recordOf: (element) => byElement.get(element),
    subscribe(listener, signal) {
      if (signal?.aborted) return () => {};
      listeners.add(listener);
      const unsubscribe = (): void => void listeners.delete(listener);
      signal?.addEventListener('abort', unsubscribe, { once: true });
      for (const record of byId.values()) listener({ type: 'added', record });
      return unsubscribe;
    },
    setDescription(id, outcome: CaptionOutcome) {
      const record = byId.get(id);
      if (!record) return;
      record.description = outcome;
      emit({ type: 'updated', record });
    },
    setGlimpseLabel(id, label) {
      const record = byId.get(id);
      if (!record || record.glimpseLabel === label) return;
      if (label) record.glimpseLabel = label;
      else delete record.glimpseLabel;
      emit({ type: 'updated', record });
    },
    upsert(element, classification) {
      const existing = byElement.get(element);
      if (existing) {
        if (COMPARED.every((key) => existing[key] === classification[key])) return existing;
        // A new image in the same element invalidates the old description.
        if (existing.src !== classification.src) delete existing.description;
        Object.assign(existing, classification);
        emit({ type: 'updated', record: existing });
        return existing;
      }
      const record: ImageRecord = { id: idOf(element), element, ...classification };
      byId.set(record.id, record);
      byElement.set(element, record);
      emit({ type: 'added', record });
      return record;
    },
    remove(element) {
      const record = byElement.get(element);
      if (!record) return;
      byElement.delete(element);
      byId.delete(record.id);
      emit({ type: 'removed', record });
    },
  };
}
