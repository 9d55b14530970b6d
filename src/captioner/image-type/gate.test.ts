import { describe, expect, it } from 'vitest';
import { checkGateModel, classify, nameHint, type GateModel } from './gate';
import type { Evidence } from './evidence';
import { pixelStats } from './pixel-stats';

const flatWhite = { width: 64, height: 64, data: new Uint8Array(64 * 64 * 4).fill(255) };
/** A two-feature gate: flat colour means chart, text coverage means text, else photo. */
const model: GateModel = checkGateModel({
  classes: ['photo', 'chart', 'text'],
  features: ['flat', 'ocr.coverage'],
  mean: [0.5, 0.1],
  scale: [0.25, 0.1],
  weights: [[-2, -2], [3, 0], [0, 4]],
  bias: [0, -1, -1],
  photoFloor: 0.5,
  imagenetNames: {},
});
/** The same gate with a logo class that text coverage also points to, a little less than to text. */
const withLogo: GateModel = checkGateModel({
  ...model,
  classes: ['photo', 'chart', 'text', 'logo'],
  weights: [...model.weights, [0, 3.8]],
  bias: [...model.bias, -1],
});
const evidence = (flat: number, coverage: number): Evidence => ({
  stats: { ...pixelStats(flatWhite), flat },
  imagenet: null,
  pooled: null,
  text: coverage ? { text: 'SALE 50% OFF', coverage, lines: [{ text: 'SALE 50% OFF', confidence: 0.9 }] } : null,
});

describe('image-type gate', () => {
  it('keeps photos with the captioner and routes flat or text-covered images away, with reasons', () => {
    expect(classify(model, evidence(0.1, 0)).type).toBe('photo');
    const chart = classify(model, evidence(0.95, 0));
    expect(chart.type).toBe('chart');
    expect(chart.reasons.join(' ')).toMatch(/flat colour/);
    const banner = classify(model, evidence(0.5, 0.6));
    expect(banner.type).toBe('text');
    expect(banner.reasons.join(' ')).toMatch(/text covers 60%/);
    const sum = Object.values(banner.probabilities).reduce((s, p) => s + p, 0);
    expect(sum).toBeCloseTo(1);
  });
  it('stays with photo unless the photo probability is under the floor', () => {
    const lenient = { ...model, photoFloor: 0.001 };
    expect(classify(lenient, evidence(0.95, 0)).type).toBe('photo');
  });
  it('lets a file-name hint tip a close call but not overrule the pixels', () => {
    const close = evidence(0.55, 0.05);
    expect(classify(model, close).type).toBe('photo');
    expect(classify(model, close, 'https://cdn.example/img/chart-q3.png').type).toBe('chart');
    expect(classify(model, evidence(0.0, 0), 'https://cdn.example/img/chart-q3.png').type).toBe('photo');
  });
  it('lets the place in the page tip a close call between non-photo types, and says so', () => {
    // Text coverage alone: text and logo are close; in a header link it is the logo.
    const wordmark = { ...evidence(0.5, 0.3), text: { text: 'MAPLESTACK', coverage: 0.3, lines: [{ text: 'MAPLESTACK', confidence: 0.9 }] } };
    expect(classify(withLogo, wordmark).type).toBe('text');
    const decision = classify(withLogo, wordmark, undefined, 'logo');
    expect(decision.type).toBe('logo');
    expect(decision.reasons.join(' ')).toMatch(/place in the page/);
    // Far from a logo, the place changes nothing.
    expect(classify(withLogo, evidence(0.95, 0), undefined, 'logo').type).toBe('chart');
  });
  it('never routes an image its own evidence calls a photo away because of its place in the page', () => {
    const close = evidence(0.55, 0.05);
    expect(classify(model, close).type).toBe('photo');
    expect(classify(model, close, undefined, 'chart').type).toBe('photo');
    expect(classify(withLogo, evidence(0.3, 0), undefined, 'logo').type).toBe('photo');
    expect(classify(withLogo, evidence(0.0, 0), undefined, 'logo').reasons.join(' ')).not.toMatch(/place in the page/);
  });
  it('reads hints from the file name only', () => {
    expect(nameHint('https://example.com/assets/site-logo.svg')).toBe('logo');
    expect(nameHint('https://logo.example.com/photo.jpg')).toBeNull();
    expect(nameHint('https://example.com/catalogue.jpg')).toBeNull();
    expect(nameHint('/img/Screenshot%202024.png')).toBe('screenshot');
    expect(nameHint(undefined)).toBeNull();
  });
  it('matches whole words only, so names that merely start like a hint are no hint', () => {
    expect(nameHint('https://example.com/wildlife/badger.jpg')).toBeNull();
    expect(nameHint('https://example.com/team/brandon-smith.jpg')).toBeNull();
    expect(nameHint('https://example.com/travel/chartres-cathedral.jpg')).toBeNull();
    expect(nameHint('https://example.com/img/capture_the_flag.jpg')).toBe('screenshot');
    expect(nameHint('https://example.com/img/charts-2024.png')).toBe('chart');
    expect(nameHint('https://example.com/img/brand_logo.svg')).toBe('logo');
    expect(nameHint('https://example.com/img/footer-badges.png')).toBe('logo');
  });
  it('reads a file name holding a lone % instead of throwing', () => {
    expect(() => nameHint('https://shop.example/img/100%_off.jpg')).not.toThrow();
    expect(nameHint('https://shop.example/img/100%_off.jpg')).toBeNull();
    expect(nameHint('https://shop.example/img/50%_off_banner.jpg')).toBe('text');
    expect(nameHint('100%_off-promo.png')).toBe('text');
  });
  it('classifies an image whose file name holds a lone %', () => {
    expect(() => classify(model, evidence(0.1, 0), 'https://shop.example/img/100%_off.jpg')).not.toThrow();
  });
  it('rejects a damaged gate file and an unknown feature', () => {
    expect(() => checkGateModel({ classes: ['photo'], features: ['flat'], mean: [], scale: [1], weights: [[1]], bias: [0], photoFloor: 0.5 })).toThrow(/not a gate model/);
    expect(() => checkGateModel({ ...model, classes: ['photo', 'meme', 'text'] })).toThrow(/not a gate model/);
    expect(() => classify({ ...model, features: ['flat', 'sparkle'] }, evidence(0.5, 0))).toThrow(/unknown feature "sparkle"/);
  });
});

describe('refine heads (documents)', () => {
  /** Lines of text make a routed-away image a document. */
  const withDocument = checkGateModel({
    ...model,
    refine: [{ type: 'document', from: ['chart', 'text'], features: ['ocr.lines'], mean: [0.5], scale: [0.2], weights: [4], bias: 0, threshold: 0.5 }],
  });
  const receipt = (lines: number): Evidence => {
    const text = Array.from({ length: lines }, (_, i) => `ITEM ${i} 2.80`);
    return { ...evidence(0.95, 0.3), text: { text: text.join('\n'), coverage: 0.3, lines: text.map((t) => ({ text: t, confidence: 0.9 })) } };
  };
  it('turns a routed-away image with many lines of text into a document, with its probability and reasons', () => {
    const d = classify(withDocument, receipt(40));
    expect(d.type).toBe('document');
    expect(d.confidence).toBeGreaterThan(0.5);
    expect(d.reasons[0]).toMatch(/reads as a document/);
    expect(d.reasons.join(' ')).toMatch(/40 lines of text/);
    expect(Object.values(d.probabilities).reduce((s, p) => s + p, 0)).toBeCloseTo(1);
  });
  it('leaves a chart with a few lines a chart, and never overrules a photo', () => {
    expect(classify(withDocument, { ...receipt(2), stats: { ...receipt(2).stats, flat: 0.95 }, text: { ...receipt(2).text!, coverage: 0 } }).type).toBe('chart');
    expect(classify(withDocument, { ...receipt(40), stats: { ...receipt(40).stats, flat: 0.0 }, text: { ...receipt(40).text!, coverage: 0 } }).type).toBe('photo');
  });
  it('rejects a head that could claim photos or is damaged', () => {
    const head = withDocument.refine![0]!;
    expect(() => checkGateModel({ ...model, refine: [{ ...head, from: ['photo'] }] })).toThrow(/refine head/);
    expect(() => checkGateModel({ ...model, refine: [{ ...head, type: 'photo' }] })).toThrow(/refine head/);
    expect(() => checkGateModel({ ...model, refine: [{ ...head, weights: [] }] })).toThrow(/refine head/);
  });
});

describe('photos with overlaid text (memes, posters, caption bars)', () => {
  const rule = { from: ['chart', 'text', 'logo'], maxLines: 4, photoAt: 0.5 };
  const withRule = checkGateModel({ ...withLogo, overlaidText: rule });
  const captioned = (flat: number, lines: string[], coverage = 0.3): Evidence => ({
    ...evidence(flat, coverage),
    text: { text: lines.join('\n'), coverage, lines: lines.map((t) => ({ text: t, confidence: 0.9 })) },
  });
  const meme = captioned(0.3, ['WHEN YOU FINALLY', 'BEST DAY EVER']);
  it('keeps a photo whose text alone routed it away with the captioner, and says why', () => {
    expect(classify(withLogo, meme).type).toBe('text');
    const d = classify(withRule, meme);
    expect(d.type).toBe('photo');
    expect(d.confidence).toBeGreaterThanOrEqual(0.5);
    expect(d.reasons[0]).toMatch(/without its text its pixels read as a photo .*not text/);
  });
  it('is never a logo because of its place in the page', () => {
    expect(classify(withLogo, meme, undefined, 'logo').type).toBe('logo');
    expect(classify(withRule, meme, undefined, 'logo').type).toBe('photo');
  });
  it('leaves flat pictures with text, pages of text and verdicts outside `from` alone', () => {
    expect(classify(withRule, captioned(0.95, ['Sales 2024'], 0.05)).type).toBe('chart');
    const page = captioned(0.3, Array.from({ length: 12 }, (_, i) => `line ${i} of a page`));
    expect(classify(withRule, page).type).toBe('text');
    expect(classify(checkGateModel({ ...withRule, overlaidText: { ...rule, from: ['chart'] } }), meme).type).toBe('text');
  });
  it('rejects a damaged rule', () => {
    expect(() => checkGateModel({ ...model, overlaidText: { ...rule, from: ['photo'] } })).toThrow(/overlaidText/);
    expect(() => checkGateModel({ ...model, overlaidText: { ...rule, maxLines: 2.5 } })).toThrow(/overlaidText/);
  });
});
