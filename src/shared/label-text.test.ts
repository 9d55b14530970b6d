import { describe, expect, it } from 'vitest';
import type { CaptionModel, CaptionOutcome, TypeVerdict } from './engine-types';
import { IMAGE_TYPE_LABELS, IMAGE_TYPE_TABLE, IMAGE_TYPES, isImageType, type ImageType } from './image-type';
import { decideLabel, fullText, participle, quote } from './label-text';
import { DEFAULT_SETTINGS } from './settings';

const caption = (text: string, confidence: number, ocrText = ''): CaptionOutcome => ({
  ok: true, text, captioned: true, imageType: { type: 'photo', confidence: 0.95, reasons: [] }, ocrText, confidence, concepts: [], captionCheck: null, conceptsMissing: null, tokens: [],
  timings: { preprocess: 0, encoder: 0, decoder: 0, total: 0 }, backend: 'wasm', cached: false,
});
const typed = (type: ImageType, ocrText: string, typeConfidence = 0.9): CaptionOutcome => ({
  ok: true, text: '', captioned: false, imageType: { type, confidence: typeConfidence, reasons: ['text covers 40% of it'] } satisfies TypeVerdict,
  ocrText, confidence: 0, concepts: [], captionCheck: null, conceptsMissing: null, tokens: [], timings: { preprocess: 0, encoder: 0, decoder: 0, total: 0 }, backend: 'wasm', cached: false,
});
const settings = { ...DEFAULT_SETTINGS, confidentAt: 0.6, withholdBelow: 0.2 };
const PEOPLE_AND_ANIMALS = /\b(man|woman|boy|girl|child|people|person|dog|dogs|cat)\b/i;

describe('decideLabel on photos', () => {
  it('writes a sure caption plainly, behind the marker', () => {
    expect(decideLabel(caption('a dog runs on the beach', 0.8), settings)).toEqual({ state: 'confident', text: 'Automatic description: a dog runs on the beach' });
  });
  it('hedges between the floor and the threshold, grammatically, and the threshold itself is confident', () => {
    expect(decideLabel(caption('a dog', 0.3), settings)).toEqual({ state: 'hedged', text: 'Automatic description, uncertain: may show a dog' });
    expect(decideLabel(caption('a brown dog is running through the water', 0.3), settings)).toEqual({
      state: 'hedged', text: 'Automatic description, uncertain: may show a brown dog running through the water',
    });
    expect(decideLabel(caption('a dog', 0.6), settings).state).toBe('confident');
  });
  it('withholds below the floor and says why, with both numbers', () => {
    const decision = decideLabel(caption('a dog', 0.19), settings);
    expect(decision.state).toBe('withheld');
    expect(decision.state === 'withheld' && decision.reason).toMatch(/19%.*20%/);
    const close = decideLabel(caption('a dog', 0.3481), { ...settings, withholdBelow: 0.35 });
    expect(close.state === 'withheld' && close.reason).toMatch(/34\.8%.*35\.0%/);
  });
  it('keeps the hedge when the marker is off, and never writes an empty caption', () => {
    expect(decideLabel(caption('two dogs are playing', 0.3), { ...settings, markerEnabled: false })).toEqual({ state: 'hedged', text: 'may show two dogs playing' });
    expect(decideLabel(caption('a dog', 0.9), { ...settings, markerEnabled: false })).toEqual({ state: 'confident', text: 'a dog' });
    expect(decideLabel(caption('  ', 0.9), settings).state).toBe('withheld');
  });
  it('adds legible text after the caption, and keeps it when the caption is withheld', () => {
    expect(decideLabel(caption('a man is standing on a street', 0.8, 'NO PARKING'), settings)).toEqual({
      state: 'confident', text: 'Automatic description: a man is standing on a street. Text: NO PARKING',
    });
    expect(decideLabel(caption('a dog', 0.1, 'OPEN'), settings)).toEqual({ state: 'confident', text: 'Automatic description: Photo with text: OPEN' });
  });
  it('withholds with the engine message when there is no caption', () => {
    expect(decideLabel({ ok: false, code: 'too-large', message: 'Too large.' }, settings)).toEqual({ state: 'withheld', reason: 'Too large.' });
  });
});

describe('decideLabel on images that are not photos', () => {
  it('reads a banner as its text, and a chart, screenshot and logo by type with their text', () => {
    expect(decideLabel(typed('text', 'SALE\n50% OFF'), settings)).toEqual({ state: 'confident', text: 'Automatic description: SALE 50% OFF' });
    expect(decideLabel(typed('chart', 'Quarterly sales\n2021 2022 2023\n10 20 30'), settings)).toEqual({
      state: 'confident', text: 'Automatic description: Chart: Quarterly sales 2021 2022 2023 10 20 30',
    });
    expect(decideLabel(typed('chart', 'Sign up\nVerify e-mail\nDone'), settings)).toEqual({ state: 'confident', text: 'Automatic description: Diagram: Sign up Verify e-mail Done' });
    expect(decideLabel(typed('screenshot', 'Log in\nPassword'), settings)).toEqual({ state: 'confident', text: 'Automatic description: Screenshot: Log in Password' });
    expect(decideLabel(typed('logo', 'Acme'), settings)).toEqual({ state: 'confident', text: 'Automatic description: Logo: Acme' });
  });
  it('says only what it knows when nothing is legible, and withholds an unreadable text image', () => {
    expect(decideLabel(typed('logo', ''), settings)).toEqual({ state: 'confident', text: 'Automatic description: Logo' });
    expect(decideLabel(typed('chart', ''), settings)).toEqual({ state: 'confident', text: 'Automatic description: Diagram, no legible text' });
    expect(decideLabel(typed('illustration', ''), settings)).toEqual({ state: 'confident', text: 'Automatic description: Illustration' });
    expect(decideLabel(typed('text', ''), settings).state).toBe('withheld');
  });
  it('hedges an unsure type', () => {
    expect(decideLabel(typed('screenshot', 'Inbox', 0.4), settings)).toEqual({ state: 'hedged', text: 'Automatic description, uncertain: may show a screenshot: Inbox' });
    expect(decideLabel(typed('logo', 'Acme', 0.4), { ...settings, markerEnabled: false })).toEqual({ state: 'hedged', text: 'may show a logo: Acme' });
  });
  it('never names people or animals for a non-photo, whatever the caption says', () => {
    for (const type of ['chart', 'screenshot', 'text', 'logo', 'illustration'] as const) {
      const outcome = { ...typed(type, 'Total 42'), text: 'a man is walking a dog' };
      const decision = decideLabel(outcome, settings);
      expect(decision.state === 'withheld' || !PEOPLE_AND_ANIMALS.test(decision.text)).toBe(true);
    }
  });
});

describe('quote and participle', () => {
  it('joins lines once each and cuts long text at a word', () => {
    expect(quote('SALE\nSALE\n 50%  OFF ')).toBe('SALE 50% OFF');
    const long = quote(Array.from({ length: 80 }, (_, i) => `word${i}`).join(' '));
    expect(long.length).toBeLessThanOrEqual(201);
    expect(long.endsWith('…')).toBe(true);
    expect(long).not.toMatch(/\s…$/);
  });
  it('rewrites "is/are V-ing" once and leaves other captions alone', () => {
    expect(participle('a dog is running and a man is watching')).toBe('a dog running and a man is watching');
    expect(participle('a dog on the beach')).toBe('a dog on the beach');
    expect(participle('the sign is red')).toBe('the sign is red');
  });
});

describe('photo names from concepts', () => {
  const finding = (word: string, phrase: string, kind: 'person' | 'animal' | 'place' | 'setting' = 'place') => ({
    word, kind, phrase, probability: 0.95, sayAt: 0.8, precision: 0.92, count: null, salience: 0, reasons: [],
  });
  const withConcepts = (outcome: CaptionOutcome, concepts: ReturnType<typeof finding>[], contradicted: string | null = null): CaptionOutcome =>
    ({ ...outcome, concepts, captionCheck: contradicted ? { contradicted: true, reason: contradicted } : { contradicted: false, reason: null } }) as CaptionOutcome;
  const seen = [finding('person', '3 people', 'person'), finding('water', 'water'), finding('outdoors', 'outdoors', 'setting')];

  it('names a photo by its sure concepts when the caption is below the floor', () => {
    expect(decideLabel(withConcepts(caption('a man rides a horse', 0.1), seen), settings)).toEqual({ state: 'confident', text: `${DEFAULT_SETTINGS.marker}Photo: 3 people, water, outdoors` });
  });

  it('withholds a contradicted caption, and says the concepts with the text read', () => {
    const d = decideLabel(withConcepts(caption('a man rides a horse', 0.9, 'OPEN 24 HOURS'), seen, 'the caption names a horse'), settings);
    expect(d).toEqual({ state: 'confident', text: `${DEFAULT_SETTINGS.marker}Photo: 3 people, water, outdoors. Text: OPEN 24 HOURS` });
  });

  it('keeps an agreeing caption, and drops a setting a place already says', () => {
    expect(decideLabel(withConcepts(caption('a dog is running', 0.9), seen), settings)).toEqual({ state: 'confident', text: `${DEFAULT_SETTINGS.marker}a dog is running` });
    const beach = [finding('beach', 'beach'), finding('outdoors', 'outdoors', 'setting')];
    expect(decideLabel(withConcepts(caption('x', 0.05), beach), settings)).toEqual({ state: 'confident', text: `${DEFAULT_SETTINGS.marker}Photo: beach` });
  });

  it('withholds with the floor reason when nothing is sure', () => {
    expect(decideLabel(withConcepts(caption('a man rides a horse', 0.1), []), settings).state).toBe('withheld');
  });

  it('never gives concepts to non-photos', () => {
    expect(decideLabel(withConcepts(typed('chart', 'Sales 2024'), seen), settings)).toEqual({ state: 'confident', text: `${DEFAULT_SETTINGS.marker}Chart: Sales 2024` });
  });
});

describe('decideLabel on documents', () => {
  it('says a document and quotes where its text begins, cut near 200 characters', () => {
    const lines = Array.from({ length: 40 }, (_, i) => `ITEM ${i + 1} SOURING PAD 2.80`).join('\n');
    const decision = decideLabel(typed('document', `MR. D.I.Y. (M) SDN BHD\nTAX INVOICE\n${lines}`), settings);
    expect(decision.state).toBe('confident');
    const text = decision.state === 'withheld' ? '' : decision.text;
    expect(text.startsWith('Automatic description: Document, text begins: MR. D.I.Y. (M) SDN BHD TAX INVOICE ITEM 1')).toBe(true);
    expect(text.endsWith('…')).toBe(true);
    expect(text.length).toBeLessThan('Automatic description: Document, text begins: '.length + 202);
  });
  it('hedges an unsure document, and says when none of its text could be read', () => {
    expect(decideLabel(typed('document', 'TOTAL 37.10', 0.4), settings)).toEqual({ state: 'hedged', text: 'Automatic description, uncertain: may show a document, text begins: TOTAL 37.10' });
    expect(decideLabel(typed('document', ''), settings)).toEqual({ state: 'confident', text: 'Automatic description: Document, no legible text' });
  });
});

describe('decideLabel on maps', () => {
  it('says a map and quotes its place names, without a diagram/chart guess from the digits', () => {
    expect(decideLabel(typed('map', 'Unemployment rate by county 2009'), settings)).toEqual({ state: 'confident', text: 'Automatic description: Map: Unemployment rate by county 2009' });
    expect(decideLabel(typed('map', 'Texas Ohio Maine'), settings)).toEqual({ state: 'confident', text: 'Automatic description: Map: Texas Ohio Maine' });
  });
  it('hedges an unsure map, and says when none of its text could be read', () => {
    expect(decideLabel(typed('map', 'Texas', 0.5), settings)).toEqual({ state: 'hedged', text: 'Automatic description, uncertain: may show a map: Texas' });
    expect(decideLabel(typed('map', ''), settings)).toEqual({ state: 'confident', text: 'Automatic description: Map, no legible text' });
    expect(decideLabel(typed('map', '', 0.5), settings)).toEqual({ state: 'hedged', text: 'Automatic description, uncertain: may show a map, no legible text' });
  });
  it('never captions a map or names people in it', () => {
    const d = decideLabel({ ...typed('map', 'Population'), text: 'a man standing in a field', confidence: 0.9 } as CaptionOutcome, settings);
    expect(d.state === 'withheld' ? '' : d.text).not.toMatch(PEOPLE_AND_ANIMALS);
  });
});

describe('the type table', () => {
  it('has a label, a noun and a guess for every type, and the audit label for a map', () => {
    for (const type of IMAGE_TYPES) {
      const row = IMAGE_TYPE_TABLE[type];
      expect(row.label.length).toBeGreaterThan(0);
      expect(row.noun.length).toBeGreaterThan(0);
      expect(row.guess.length).toBeGreaterThan(0);
    }
    expect(IMAGE_TYPE_LABELS.map).toBe('Map');
    expect(isImageType('map')).toBe(true);
    expect(isImageType('meme')).toBe(false);
  });
});

describe('fullText', () => {
  it('keeps every line once and never cuts, where quote() stops near 200 characters', () => {
    const long = Array.from({ length: 60 }, (_, i) => `LINE ${i} 2.80`).join('\n');
    expect(fullText('TOTAL\nTOTAL\nRM  37.10')).toBe('TOTAL RM 37.10');
    expect(fullText(long).split(' LINE ').length).toBe(60);
    expect(quote(long).length).toBeLessThanOrEqual(201);
    expect(fullText(long).startsWith(quote(long).replace('…', ''))).toBe(true);
  });
});

describe('decideLabel and the model that spoke', () => {
  const downloaded = { id: 'Xenova/vit-gpt2-image-captioning', name: 'vit-gpt2', calibrated: false };
  const from = (model: CaptionModel, confidence: number): CaptionOutcome => ({ ...(caption('a dog runs', confidence) as Extract<CaptionOutcome, { ok: true }>), model });
  it('holds a model without calibration to the stricter thresholds, and says which floor withheld it', () => {
    // 0.65 is plain for a calibrated model, hedged for an uncalibrated one; 0.5 is withheld (default floor 0.6).
    expect(decideLabel(from({ ...downloaded, calibrated: true }, 0.65), settings).state).toBe('confident');
    const withheld = decideLabel(from(downloaded, 0.5), settings);
    expect(withheld.state).toBe('withheld');
    expect(withheld.state === 'withheld' && withheld.reason).toMatch(/50%.*60% floor for models without calibration \(vit-gpt2\)/);
    expect(decideLabel(from(downloaded, 0.65), settings).state).toBe('hedged');
    expect(decideLabel(from(downloaded, 0.85), settings).state).toBe('confident');
    expect(decideLabel(from(downloaded, 0.3), { ...settings, uncalibratedWithholdBelow: 0.2, uncalibratedConfidentAt: 0.25 }).state).toBe('confident');
  });
  it('a downloaded model with its own measured thresholds is held to those, and the reason names them', () => {
    const measured = { ...downloaded, calibrated: true, thresholds: { withholdBelow: 0.3, confidentAt: 0.45, measuredOn: 'Flickr8k dev' } };
    expect(decideLabel(from(measured, 0.5), settings).state).toBe('confident');
    expect(decideLabel(from(measured, 0.35), settings).state).toBe('hedged');
    const withheld = decideLabel(from(measured, 0.25), settings);
    expect(withheld.state === 'withheld' && withheld.reason).toMatch(/25%.*30% floor measured for vit-gpt2/);
    // 0.5 is hedged under the options' pair (0.2 / 0.6 here) and the uncalibrated one (0.6 / 0.8): only its own makes it plain.
    expect(decideLabel(from({ ...downloaded, calibrated: true }, 0.5), settings).state).toBe('hedged');
    expect(decideLabel(from(downloaded, 0.5), settings).state).toBe('withheld');
  });
  it('names the model in the written name only when asked', () => {
    expect(decideLabel(from(downloaded, 0.9), settings)).toEqual({ state: 'confident', text: 'Automatic description: a dog runs' });
    expect(decideLabel(from(downloaded, 0.9), { ...settings, nameSaysModel: true })).toEqual({ state: 'confident', text: 'Automatic description: a dog runs (described by vit-gpt2)' });
  });
});
