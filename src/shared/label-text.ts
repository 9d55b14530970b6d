/**
 * What Glimpse writes as an image's name for one engine answer.
 *
 * Photos get the caption: plainly when the engine is sure, hedged when it is
 * unsure, nothing (with the reason) below the floor or when the caption
 * contradicts the concept evidence, because a wrong confident caption is worse
 * than none for someone who can't see the image. Without a caption, a photo is
 * named by the concepts calibrated models are sure of ("Photo: 2 people,
 * water"). Legible text in a photo is added after the caption or concepts.
 *
 * Everything else (charts, screenshots, banners, logos, illustrations,
 * documents: "Document, text begins: …", maps) is
 * never captioned, since the captioner would invent people and dogs in it: the
 * label names the type and quotes the text OCR read, and says nothing it
 * doesn't know. An unsure type is hedged like an unsure caption.
 */
import { conceptName } from './concept-name-rules';
import type { CaptionOutcome, CaptionSuccess } from './engine-types';
import { readable, UNREADABLE_SCRIPT_TEXT } from './garbled-text';
import { DIAGRAM_PHRASE, IMAGE_TYPE_TABLE } from './image-type';
import { DEFAULT_SETTINGS, type Settings } from './settings';

export type LabelDecision =
  | { state: 'confident' | 'hedged'; text: string }
  | { state: 'withheld'; reason: string };

type LabelSettings = Pick<Settings, 'markerEnabled' | 'marker' | 'uncertainMarker' | 'confidentAt' | 'withholdBelow'> &
  Partial<Pick<Settings, 'uncalibratedConfidentAt' | 'uncalibratedWithholdBelow' | 'nameSaysModel'>>;

/**
 * The thresholds for the model that wrote this caption: the embedded model's
 * are the options' pair; a downloaded model with a calibration in Glimpse's
 * list has its own; one without is held to the stricter pair.
 */
function thresholdsFor(outcome: CaptionSuccess, settings: LabelSettings): { confidentAt: number; withholdBelow: number; floorName: string } {
  const measured = outcome.model?.calibrated ? outcome.model.thresholds : undefined;
  if (measured) return { confidentAt: measured.confidentAt, withholdBelow: measured.withholdBelow, floorName: `floor measured for ${outcome.model!.name}` };
  if (outcome.model?.calibrated !== false) return { confidentAt: settings.confidentAt, withholdBelow: settings.withholdBelow, floorName: 'floor set in Glimpse\'s options' };
  return {
    confidentAt: settings.uncalibratedConfidentAt ?? DEFAULT_SETTINGS.uncalibratedConfidentAt,
    withholdBelow: settings.uncalibratedWithholdBelow ?? DEFAULT_SETTINGS.uncalibratedWithholdBelow,
    floorName: `floor for models without calibration (${outcome.model.name})`,
  };
}

const percent = (n: number, digits = 0): string => `${(n * 100).toFixed(digits)}%`;

/** Quoted text is cut here, at a word boundary, so a page of text doesn't become one endless name. */
export const MAX_QUOTED_CHARS = 200;
/**
 * Below this gate probability the type is said as a guess ("may show a logo"). Chosen on real-web dev
 * folds 0–1 (374 images) as the lowest confidence at which non-photo verdicts were right ≥ 90% of the time.
 * On all 580, out of fold, verdicts at or above it on folds 2–4 were 91.9% right, those below 58.0%;
 * with the gate shipped now (pooled features, 2026-12-04) 98.0% of 293, those below 36.8% of 19
 * (models/README.md). Kept when the same rule later picked a lower floor: a wrong type said as fact costs more.
 */
export const TYPE_SURE_AT = 0.8;

/**
 * @example
 *   decideLabel({ ok: true, text: 'a dog is running', confidence: 0.4, imageType: null, … }, DEFAULT_SETTINGS)
 *   // → { state: 'hedged', text: 'Automatic description, uncertain: may show a dog running' }
 */
export function decideLabel(outcome: CaptionOutcome, settings: LabelSettings): LabelDecision {
  if (!outcome.ok) return { state: 'withheld', reason: outcome.message };
  const type = outcome.imageType?.type ?? 'photo';
  if (type === 'photo') return outcome.captioned ? photoLabel(outcome, settings) : conceptLabel(outcome, settings, 'The image was not captioned.');
  return typedLabel(outcome, settings);
}

function photoLabel(outcome: CaptionSuccess, settings: LabelSettings): LabelDecision {
  const said = outcome.text.trim();
  // Which model spoke goes into the name only when the user asked for it (the overlay and audit always say it).
  const caption = said && settings.nameSaysModel && outcome.model ? `${said} (described by ${outcome.model.name})` : said;
  const text = quote(outcome.ocrText);
  const { confidentAt, withholdBelow, floorName } = thresholdsFor(outcome, settings);
  const withText = (s: string): string => (text ? `${s}. Text: ${text}` : s);
  if (caption === '') return conceptLabel(outcome, settings, 'The caption engine returned no words for this image.');
  if (outcome.confidence < withholdBelow) {
    // Rounded alike ("35% is below the 35% floor") the numbers would contradict each other: show a decimal then.
    const digits = percent(outcome.confidence) === percent(withholdBelow) ? 1 : 0;
    const reason = `Description withheld: the engine's confidence (${percent(outcome.confidence, digits)}) is below the ${percent(withholdBelow, digits)} ${floorName}.`;
    // Legible text is read, not guessed: it is still worth saying.
    return conceptLabel(outcome, settings, reason);
  }
  if (outcome.captionCheck?.contradicted) return conceptLabel(outcome, settings, `Description withheld: ${outcome.captionCheck.reason}.`);
  if (outcome.confidence >= confidentAt) return { state: 'confident', text: mark(settings, withText(caption)) };
  // The uncertain marker ends in "may show "; without a marker the hedge must say it itself.
  return { state: 'hedged', text: settings.markerEnabled ? `${settings.uncertainMarker}${withText(participle(caption))}` : `may show ${withText(participle(caption))}` };
}

/**
 * A photo without a usable sentence: the concepts the engine is sure of, each
 * said only above a threshold whose precision was measured, so the name is
 * written plainly. With no sure concept it falls back to the text read.
 */
function conceptLabel(outcome: CaptionSuccess, settings: LabelSettings, reason: string): LabelDecision {
  const named = conceptName(outcome.concepts ?? []);
  if (!named) return typedLabel(outcome, settings, reason);
  const text = quote(outcome.ocrText);
  return { state: 'confident', text: mark(settings, text ? `${named}. Text: ${text}` : named) };
}

function typedLabel(outcome: CaptionSuccess, settings: LabelSettings, photoReason = 'The image was not captioned.'): LabelDecision {
  const verdict = outcome.imageType;
  const type = verdict?.type ?? 'photo';
  const text = quote(outcome.ocrText);
  const unsure = !verdict || verdict.confidence < TYPE_SURE_AT;
  if (type === 'text') {
    if (!text) return { state: 'withheld', reason: 'The image looks like text, but none of it could be read.' };
    return unsure ? { state: 'hedged', text: hedge(settings, `text: ${text}`) } : { state: 'confident', text: mark(settings, text) };
  }
  // A photo without a usable caption says its sure concepts, else only what was read.
  if (type === 'photo' && !text) return { state: 'withheld', reason: photoReason };
  const digits = (outcome.ocrText.match(/\d/g)?.length ?? 0) / Math.max(1, outcome.ocrText.replace(/\s/g, '').length);
  // How each type is named (src/shared/image-type.ts): plainly when the gate is sure, as a guess ("may show a chart: …") when not.
  const phrase = type === 'chart' && digits < 0.15 ? DIAGRAM_PHRASE : IMAGE_TYPE_TABLE[type];
  const tail = text ? `${phrase.textJoin} ${text}` : phrase.saysNoText ? ', no legible text' : '';
  return unsure ? { state: 'hedged', text: hedge(settings, `${phrase.guess}${tail}`) } : { state: 'confident', text: mark(settings, `${phrase.noun}${tail}`) };
}

function mark(settings: LabelSettings, text: string): string {
  return settings.markerEnabled ? `${settings.marker}${text}` : text;
}

function hedge(settings: LabelSettings, text: string): string {
  return settings.markerEnabled ? `${settings.uncertainMarker}${text}` : `may show ${text}`;
}

/**
 * OCR text as it goes into a name: one line, repeated lines once, cut at a
 * word boundary with an ellipsis when long. A line the recogniser garbled
 * (letters outside its dictionary: src/shared/garbled-text.ts) is not quoted:
 * the name says "text in another script or language" instead.
 *
 * @example quote('SALE\nSALE\n50% OFF') // → 'SALE 50% OFF'
 */
export function quote(ocrText: string): string {
  const { joined, tail } = sayable(ocrText);
  const room = MAX_QUOTED_CHARS - tail.length;
  if (joined.length <= room) return `${joined}${tail}`;
  const cut = joined.slice(0, room);
  return `${cut.slice(0, Math.max(cut.lastIndexOf(' '), room / 2))}…${tail}`;
}

/**
 * All the OCR text on one line, repeated lines once, never cut: what
 * "Describe this image" adds after a name that quotes only the start.
 *
 * @example fullText('TOTAL\nTOTAL\nRM 37.10') // → 'TOTAL RM 37.10'
 */
export function fullText(ocrText: string): string {
  const { joined, tail } = sayable(ocrText);
  return `${joined}${tail}`;
}

/** The readable lines joined once each, and what is said for the garbled ones ('' when none). */
function sayable(ocrText: string): { joined: string; tail: string } {
  const { text, garbled } = readable(ocrText);
  const lines: string[] = [];
  for (const line of text.split('\n').map((l) => l.replace(/\s+/g, ' ').trim())) {
    if (line && !lines.includes(line)) lines.push(line);
  }
  const joined = lines.join(' ');
  return { joined, tail: garbled === 0 ? '' : joined ? ` (and ${UNREADABLE_SCRIPT_TEXT})` : UNREADABLE_SCRIPT_TEXT };
}

/**
 * Turns the captioner's "X is/are V-ing …" into "X V-ing …", so a hedge
 * reads "may show a dog running" rather than "may show a dog is running".
 *
 * @example participle('a brown dog is running through the water') // → 'a brown dog running through the water'
 */
export function participle(caption: string): string {
  return caption.replace(/\s(?:is|are)\s(?=\w+ing\b)/, ' ');
}
