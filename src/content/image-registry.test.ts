import { describe, expect, it } from 'vitest';
import { createImageRegistry } from './image-registry';
import type { RegistryEvent } from './registry-types';
import type { Classification } from './scan/classify';

// The registry keys records by element identity only, so plain objects stand in for elements in Node.
const element = (): Element => ({}) as Element;
const missing: Classification = {
  kind: 'img', status: 'missing', ruleId: 'missing-img', reason: 'r', describe: 'describe', describeReason: 'd', name: '', src: 'http://x/a.png', priority: 0,
};

describe('createImageRegistry', () => {
  it('adds once, notifies updates only on visible changes, and keeps ids per element', () => {
    const registry = createImageRegistry();
    const events: string[] = [];
    registry.subscribe((e) => events.push(`${e.type}:${e.record.status}`));
    const el = element();
    const first = registry.upsert(el, missing);
    registry.upsert(el, { ...missing });
    registry.upsert(el, { ...missing, status: 'labelled', ruleId: 'labelled', name: 'A dog' });
    expect(events).toEqual(['added:missing', 'updated:labelled']);
    registry.remove(el);
    expect(registry.get(first.id)).toBeUndefined();
    expect(registry.upsert(el, missing).id).toBe(first.id);
    expect(events.at(-2)).toBe('removed:labelled');
  });

  it('replays existing records to new subscribers and stops at abort', () => {
    const registry = createImageRegistry();
    registry.upsert(element(), missing);
    registry.upsert(element(), { ...missing, priority: 3 });
    const seen: RegistryEvent[] = [];
    const controller = new AbortController();
    registry.subscribe((e) => seen.push(e), controller.signal);
    expect(seen.map((e) => e.type)).toEqual(['added', 'added']);
    controller.abort();
    registry.upsert(element(), missing);
    expect(seen).toHaveLength(2);
  });

  it('attaches descriptions and drops them when the image source changes', () => {
    const registry = createImageRegistry();
    const el = element();
    const record = registry.upsert(el, missing);
    registry.setDescription(record.id, { ok: false, code: 'cancelled', message: 'Cancelled.' });
    expect(registry.get(record.id)?.description).toBeDefined();
    registry.upsert(el, { ...missing, src: 'http://x/b.png' });
    expect(registry.get(record.id)?.description).toBeUndefined();
  });

  it('keeps notifying other listeners when one throws', () => {
    const registry = createImageRegistry();
    const seen: string[] = [];
    const original = console.error;
    console.error = () => {};
    registry.subscribe(() => {
      throw new Error('broken feature');
    });
    registry.subscribe((e) => seen.push(e.type));
    registry.upsert(element(), missing);
    console.error = original;
    expect(seen).toEqual(['added']);
  });
});
