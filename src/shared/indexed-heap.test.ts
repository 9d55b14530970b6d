import { describe, expect, it } from 'vitest';
import { IndexedHeap } from './indexed-heap';

interface Item {
  key: number;
  seq: number;
}
const order = (a: Item, b: Item): number => a.key - b.key || a.seq - b.seq;

/** A deterministic pseudo-random sequence (mulberry32), so a failure can be replayed. */
function random(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('IndexedHeap', () => {
  it('pops in order, ties by insertion', () => {
    const heap = new IndexedHeap<Item>(order);
    const items = [5, 3, 0, 3, 9, 1].map((key, seq) => ({ key, seq }));
    for (const item of items) heap.push(item);
    const popped: number[] = [];
    for (let item = heap.pop(); item; item = heap.pop()) popped.push(item.seq);
    expect(popped).toEqual([2, 5, 1, 3, 0, 4]);
    expect(heap.size).toBe(0);
  });

  it('matches a sorted list under random pushes, re-prioritisations, removals and pops', () => {
    const next = random(42);
    const heap = new IndexedHeap<Item>(order);
    let model: Item[] = [];
    let seq = 0;
    for (let step = 0; step < 5000; step++) {
      const r = next();
      if (r < 0.4 || model.length === 0) {
        const item = { key: Math.floor(next() * 50), seq: seq++ };
        heap.push(item);
        model.push(item);
      } else if (r < 0.65) {
        const item = model[Math.floor(next() * model.length)]!;
        item.key = Math.floor(next() * 50);
        heap.update(item);
      } else if (r < 0.8) {
        const item = model[Math.floor(next() * model.length)]!;
        expect(heap.remove(item)).toBe(true);
        expect(heap.remove(item)).toBe(false);
        model = model.filter((m) => m !== item);
      } else {
        model.sort(order);
        expect(heap.pop()).toBe(model.shift());
      }
      expect(heap.size).toBe(model.length);
    }
    model.sort(order);
    const rest: Item[] = [];
    for (let item = heap.pop(); item; item = heap.pop()) rest.push(item);
    expect(rest).toEqual(model);
  });

  it('refuses the same item twice and ignores updates of items it does not hold', () => {
    const heap = new IndexedHeap<Item>(order);
    const item = { key: 1, seq: 0 };
    heap.push(item);
    expect(() => heap.push(item)).toThrow(/already queued/);
    expect(() => heap.update({ key: 0, seq: 1 })).not.toThrow();
    expect(heap.has(item)).toBe(true);
    expect(heap.peek()).toBe(item);
  });
});
