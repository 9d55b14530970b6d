/**
 * Every attribute Glimpse writes into the page, with what was there before,
 * so that switching Glimpse off puts back exactly what the author wrote.
 *
 * Only the first write to an (element, attribute) pair records the author's
 * value; later writes (a new description) keep it. When the page itself changed
 * the attribute since Glimpse wrote it, the page's value is left alone.
 *
 * @example
 *   const journal = createAttributeJournal();
 *   journal.write(img, 'alt', 'Automatic description: a dog');
 *   journal.restoreAll(); // img has no alt again
 */
interface Entry {
  had: boolean;
  previous: string | null;
  written: string;
}

export interface AttributeJournal {
  /** Sets `attribute` to `value` (text only: `setAttribute` never parses markup), remembering the author's value. */
  write(element: Element, attribute: string, value: string): void;
  /** Puts back the author's value of every attribute Glimpse wrote on `element`. */
  restore(element: Element): void;
  restoreAll(): void;
  /** How many elements carry a Glimpse-written attribute. */
  size(): number;
}

export function createAttributeJournal(): AttributeJournal {
  // Strong keys: an element that left the page may come back, and must come back as the author wrote it.
  const entries = new Map<Element, Map<string, Entry>>();

  const restore = (element: Element): void => {
    const changes = entries.get(element);
    if (!changes) return;
    entries.delete(element);
    for (const [attribute, entry] of changes) {
      // The page replaced Glimpse's value: that is the author's now.
      if (element.getAttribute(attribute) !== entry.written) continue;
      if (entry.had) element.setAttribute(attribute, entry.previous ?? '');
      else element.removeAttribute(attribute);
    }
  };

  return {
    write(element, attribute, value) {
      let changes = entries.get(element);
      if (!changes) entries.set(element, (changes = new Map()));
      const entry = changes.get(attribute);
      if (entry && element.getAttribute(attribute) === entry.written) entry.written = value;
      else changes.set(attribute, { had: element.hasAttribute(attribute), previous: element.getAttribute(attribute), written: value });
      element.setAttribute(attribute, value);
    },
    restore,
    restoreAll() {
      for (const element of [...entries.keys()]) restore(element);
    },
    size: () => entries.size,
  };
}
