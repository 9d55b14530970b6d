import { describe, expect, it } from 'vitest';
import { checkCaption, namedConcepts, termIndex } from './caption-check';
import { conceptFeatures, type ConceptTables } from './concept-features';
import { checkConceptModel, conceptProbability, findConcepts, type ConceptEntry, type ConceptModel } from './concept-model';
import type { PixelStats } from '../image-type/pixel-stats';
import type { SceneColours } from './scene-colours';

const tables: ConceptTables = {
  imagenet: [{ label: 'golden retriever', words: ['dog'] }, { label: 'sorrel', words: ['horse'] }, { label: 'lakeside', words: ['lake'] }],
  coco: { person: 'person', dog: 'dog', horse: 'horse', tie: null },
};
const stats = { flat: 0.1 } as unknown as PixelStats;
const colours = { blueBottom: 0.5 } as unknown as SceneColours;

function entry(word: string, kind: ConceptEntry['kind'], features: string[], weights: number[], sayAt: number | null, bias = -4): ConceptEntry {
  return { word, kind, features, mean: features.map(() => 0), scale: features.map(() => 1), weights, bias, sayAt, ruleOutBelow: 0.05, heldOut: { precision: 0.93, said: 120, positives: 200 } };
}

const model: ConceptModel = checkConceptModel({
  about: 'test',
  concepts: [
    entry('person', 'person', ['det:person', 'det:person:n'], [8, 2], 0.5),
    entry('dog', 'animal', ['det:dog', 'in:dog'], [6, 4], 0.7),
    entry('horse', 'animal', ['det:horse', 'in:horse'], [6, 4], 0.7),
    entry('water', 'place', ['in:lake', 'px:blueBottom'], [3, 4], 0.6),
    entry('cat', 'animal', ['in:cat'], [9], null),
  ],
  counts: [{ word: 'person', minScore: 0.5, numeralsUpTo: 2, groupsOk: true }],
});

const imagenet = (dog: number, horse: number, lake: number): Float32Array => Float32Array.from([dog, horse, lake]);
const box = (label: string, score: number, area = 0.1) => ({ label, score, area });

describe('concept models', () => {
  it('says a concept only at or above its threshold, the largest detections first', () => {
    const f = conceptFeatures({ imagenet: imagenet(0.9, 0, 0.5), detections: [box('person', 0.9, 0.05), box('person', 0.8, 0.04), box('dog', 0.95, 0.3)], stats, colours }, tables);
    const found = findConcepts(model, f);
    expect(found.map((c) => c.phrase)).toEqual(['dog', '2 people', 'water']);
    expect(found[0]!.reasons[0]).toBe('object detector (YOLOX-Nano, COCO): dog 0.95');
    expect(found[0]!.reasons[1]).toBe('ImageNet classes → dog: golden retriever 0.90');
  });

  it('never says a concept without a threshold, however sure', () => {
    const f = conceptFeatures({ imagenet: imagenet(0, 0, 0), detections: [], stats, colours }, tables);
    f.values.set('in:cat', 1);
    const cat = model.concepts.find((c) => c.word === 'cat')!;
    expect(conceptProbability(cat, f)).toBeGreaterThan(0.99);
    expect(findConcepts(model, f).map((c) => c.word)).not.toContain('cat');
  });

  it('says a group above the counts it keeps precise, and the bare word without a detector', () => {
    const many = conceptFeatures({ imagenet: null, detections: [0.9, 0.9, 0.8, 0.7].map((s) => box('person', s)), stats, colours }, tables);
    expect(findConcepts(model, many)[0]!.phrase).toBe('a group of people');
    const cautious = { ...model, counts: [{ word: 'person', minScore: 0.5, numeralsUpTo: 1, groupsOk: false }] };
    expect(findConcepts(cautious, many)[0]!.phrase).toBe('one or more people');
    const noDetector = conceptFeatures({ imagenet: imagenet(0.99, 0, 0), detections: null, stats, colours }, tables);
    expect(noDetector.detectorRan).toBe(false);
  });

  it('never says "a person" beside a second likely box: an unsure number is said as several', () => {
    const rule = { word: 'person', minScore: 0.4, doubtFrom: 0.25, numeralsUpTo: 1, groupsOk: false };
    const doubtful = { ...model, counts: [rule] };
    const phrase = (scores: number[]) => findConcepts(doubtful, conceptFeatures({ imagenet: null, detections: scores.map((s) => box('person', s)), stats, colours }, tables))[0]!.phrase;
    expect(phrase([0.81])).toBe('a person');
    expect(phrase([0.81, 0.2])).toBe('a person');
    expect(phrase([0.81, 0.3])).toBe('one or more people');
    expect(phrase([0.81, 0.5])).toBe('one or more people');
    expect(findConcepts({ ...doubtful, counts: [{ ...rule, groupsOk: true }] }, conceptFeatures({ imagenet: null, detections: [box('person', 0.81), box('person', 0.3)], stats, colours }, tables))[0]!.phrase).toBe('a group of people');
    // Without the rule the same boxes are one person.
    expect(findConcepts({ ...model, counts: [{ ...rule, doubtFrom: null }] }, conceptFeatures({ imagenet: null, detections: [box('person', 0.81), box('person', 0.3)], stats, colours }, tables))[0]!.phrase).toBe('a person');
  });

  it('says a thing only on its own evidence, not on a likely prior', () => {
    const prior = checkConceptModel({ ...model, concepts: [{ ...entry('person', 'person', ['det:person'], [1], 0.2, 2), evidence: [{ feature: 'det:person', atLeast: 0.3 }] }] });
    const none = conceptFeatures({ imagenet: null, detections: [box('dog', 0.9)], stats, colours }, tables);
    expect(conceptProbability(prior.concepts[0]!, none)).toBeGreaterThan(0.2);
    expect(findConcepts(prior, none)).toEqual([]);
    const seen = conceptFeatures({ imagenet: null, detections: [box('person', 0.35)], stats, colours }, tables);
    expect(findConcepts(prior, seen).map((c) => c.word)).toEqual(['person']);
  });

  it('refuses a file that is not a concept model', () => {
    expect(() => checkConceptModel({ concepts: [{ word: 'dog', features: ['a'], mean: [] }], counts: [] })).toThrow(/not a concept model/);
  });
});

describe('caption cross-check', () => {
  const terms = termIndex({ dog: ['dogs', 'puppy'], horse: ['horses', 'pony'], person: ['man', 'men', 'people', 'boy'], 'hot dog': [] });

  it('finds the concepts a caption names, two-word terms first', () => {
    expect(namedConcepts('A man eats a hot dog near two dogs', terms)).toEqual(['person', 'hot dog', 'dog']);
  });

  it('withholds a caption naming what the evidence rules out, and says why', () => {
    const f = conceptFeatures({ imagenet: imagenet(0, 0.0001, 0), detections: [box('person', 0.9), box('person', 0.85), box('person', 0.8)], stats, colours }, tables);
    const check = checkCaption('a man is riding a horse', model, f, terms, findConcepts(model, f));
    expect(check.contradicted).toBe(true);
    expect(check.reason).toMatch(/^the caption names a horse; the evidence gives it \d+% \(it is ruled out below 5%\); it finds a group of people$/);
  });

  it('lets an agreeing caption through, and rules nothing out when the detector did not run', () => {
    const f = conceptFeatures({ imagenet: imagenet(0.8, 0, 0), detections: [box('dog', 0.9)], stats, colours }, tables);
    expect(checkCaption('a dog runs', model, f, terms, findConcepts(model, f)).contradicted).toBe(false);
    const blind = conceptFeatures({ imagenet: imagenet(0, 0, 0), detections: null, stats, colours }, tables);
    expect(checkCaption('a man is riding a horse', model, blind, terms, []).contradicted).toBe(false);
  });
});
