import { describe, expect, it } from 'vitest';
import { FAMILIES, SPLIT_SEEDS, buildScene, planJobs, type RenderedType } from './devset';
import { choosePhotos, photoWithText } from './photos';
import { Rng } from './rng';
import { wordsOfHtml } from './scene';

/** Kinds whose scenes never carry words. */
const WORDLESS = new Set(['app-icon', 'icon-grid', 'small-icon', 'illustration']);

const everyKind = (Object.entries(FAMILIES) as [RenderedType, Record<string, unknown>][]).flatMap(([type, family]) => Object.keys(family).map((kind) => [type, kind] as const));

describe('type dev set', () => {
  it('plans 60 scenes per type and split by default, with unique names and per-split seeds', () => {
    for (const split of ['train', 'test'] as const) {
      const jobs = planJobs(split, {});
      for (const type of Object.keys(FAMILIES)) expect(jobs.filter((j) => j.type === type)).toHaveLength(60);
      expect(new Set(jobs.map((j) => j.name)).size).toBe(jobs.length);
      expect(jobs.every((j) => j.seed.startsWith(SPLIT_SEEDS[split]) && j.name.startsWith(`${split}-`))).toBe(true);
      expect(jobs.some((j) => j.format === 'jpeg') && jobs.some((j) => j.format === 'png')).toBe(true);
    }
    expect(planJobs('train', { perKind: 1 })).toHaveLength(everyKind.length);
  });

  it('builds the same scene from the same seed and another from the other split', () => {
    for (const [type, kind] of everyKind) {
      const train = planJobs('train', { perKind: 1 }).find((j) => j.kind === kind && j.type === type);
      const test = planJobs('test', { perKind: 1 }).find((j) => j.kind === kind && j.type === type);
      if (!train || !test) throw new Error(`${type}/${kind} not planned`);
      const a = buildScene(type, kind, train.seed);
      expect(buildScene(type, kind, train.seed).html, `${type}/${kind}`).toBe(a.html);
      expect(buildScene(type, kind, test.seed).html, `${type}/${kind}`).not.toBe(a.html);
      expect(buildScene(type, kind, train.seed, 1).html, `${type}/${kind}`).not.toBe(a.html);
    }
  });

  it('puts words in every scene meant to have them and none in icons and illustrations', () => {
    for (const [type, kind] of everyKind) {
      for (let i = 0; i < 5; i++) {
        const scene = buildScene(type, kind, `unit/${type}/${kind}/${i}`);
        expect(scene.html.startsWith('<div id="scene" style="'), `${type}/${kind}`).toBe(true);
        const words = wordsOfHtml(scene.html);
        if (WORDLESS.has(kind) || WORDLESS.has(type)) expect(words, `${type}/${kind}`).toEqual([]);
        else if (kind !== 'favicon') expect(words.length, `${type}/${kind}`).toBeGreaterThan(0);
        expect(words.join(' '), `${type}/${kind}`).not.toMatch(/undefined|NaN|\[object/);
      }
    }
  });

  it('records the words of a sale banner in reading order', () => {
    const words = Array.from({ length: 20 }, (_, i) => wordsOfHtml(buildScene('text', 'sale', `unit/sale/${i}`).html));
    const first = words.find((w) => w[0] === 'SALE');
    expect(first?.[1]).toMatch(/^\d+%$/);
    expect(first?.[2]).toBe('OFF');
  });

  it('reads words out of markup: tags separate words, entities decode, styles are not text', () => {
    expect(wordsOfHtml('<style>.a{b:c}</style><div>Fish &amp; Chips</div><span>£4</span><b>50%</b> OFF&nbsp;now')).toEqual(['Fish', '&', 'Chips', '£4', '50%', 'OFF', 'now']);
  });

  it('keeps the overlay photos apart from the plain ones and is seeded', () => {
    const names = Array.from({ length: 50 }, (_, i) => `${i}.jpg`);
    const a = choosePhotos(names, 'x', 10, 5);
    expect(a).toEqual(choosePhotos(names, 'x', 10, 5));
    expect(a.plain).toHaveLength(10);
    expect(a.overlay.filter((n) => a.plain.includes(n))).toEqual([]);
    expect(choosePhotos(names, 'x', undefined, 5).plain).toHaveLength(50);
    const words = wordsOfHtml(photoWithText(new Rng('p'), 'data:image/jpeg;base64,', 224, 224).html);
    expect(words.length).toBeGreaterThan(0);
  });

  it('is a deterministic random source', () => {
    const a = new Rng('seed');
    const b = new Rng('seed');
    const xs = Array.from({ length: 5 }, () => a.next());
    expect(xs).toEqual(Array.from({ length: 5 }, () => b.next()));
    expect(xs.every((x) => x >= 0 && x < 1)).toBe(true);
    expect(new Rng('other').next()).not.toBe(xs[0]);
  });
});
