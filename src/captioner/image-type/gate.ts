/**
 * The image-type gate: a softmax regression over the evidence (pixel
 * statistics, ImageNet class probabilities, OCR figures), trained by
 * training/train-gate.py on a labelled set of rendered charts, screenshots,
 * banners, logos, illustrations and Flickr8k photos. Its weights ship as
 * models/image-type-gate.json.
 *
 * An image leaves the captioner only when the gate is fairly sure it is not a
 * photo (`photoFloor`, chosen so that few real photos are routed away).
 * File-name words (logo, chart, banner, screenshot…, whole words only) nudge
 * the decision but never decide alone; the place in the page (a link in the
 * page header) only tips between non-photo types, never a photo away from the
 * captioner. A photo whose few lines of text alone route it away (a meme, a
 * caption bar) stays a photo (OverlaidTextRule). Every decision comes with
 * reasons an auditor can cite.
 */
import { IMAGE_TYPE_TABLE, IMAGE_TYPES, isImageType, type ImageType } from '../../shared/image-type';
import { featureValue, type Evidence } from './evidence';

export interface GateModel {
  classes: ImageType[];
  features: string[];
  mean: number[];
  scale: number[];
  /** One row per class, one column per feature. */
  weights: number[][];
  bias: number[];
  /** Below this probability of 'photo' the image is not captioned. */
  photoFloor: number;
  /** Names of the ImageNet classes the features use, by index. */
  imagenetNames: Record<string, string>;
  /**
   * Heads that split a routed-away verdict further: a logistic regression
   * over named features; at or above `threshold` the image is `type` instead
   * (a receipt the softmax calls a chart or a screenshot is a document).
   */
  refine?: RefineHead[];
  /** A photo with text burnt in (a meme, a poster, a caption bar) stays a photo: see OverlaidTextRule. */
  overlaidText?: OverlaidTextRule;
}

/**
 * When the softmax routes an image away (to one of `from`) and it holds at most `maxLines` lines of text,
 * the same softmax is asked again with the text figures taken out (as if OCR had read nothing); if the
 * pixels alone then keep it with the captioner (photo at or above `photoAt`), it is a photo with overlaid
 * text: captioned, its concepts and its text said, never "Logo" or "Screenshot" because of the words on it.
 * Pages and screens have many lines, so they are not asked.
 */
export interface OverlaidTextRule {
  from: ImageType[];
  maxLines: number;
  photoAt: number;
}

export interface RefineHead {
  type: ImageType;
  /** The softmax verdicts this head may overrule (never 'photo'). */
  from: ImageType[];
  features: string[];
  mean: number[];
  scale: number[];
  weights: number[];
  bias: number;
  threshold: number;
}

export interface TypeDecision {
  type: ImageType;
  /** The gate's probability for `type`, 0..1. */
  confidence: number;
  probabilities: Record<ImageType, number>;
  /** Plain words an auditor can cite, strongest first. */
  reasons: string[];
}

// Whole words only (a plural allowed): "badger", "brandon-smith" and
// "chartres-cathedral" are photos, not a badge, a brand or a chart.
const word = (alternatives: string): RegExp => new RegExp(`(^|[^a-z])(${alternatives})s?($|[^a-z])`);
const HINTS: [RegExp, ImageType][] = [
  [word('logo|icon|favicon|brand|badge|emblem'), 'logo'],
  [word('chart|graph|diagram|plot|infographic'), 'chart'],
  [word('screenshot|screen-?shot|screencap|capture'), 'screenshot'],
  [word('banner|promo|headline|quote|poster|flyer'), 'text'],
];
/** Logit added for a file-name hint: enough to tip a close call, not to overrule the pixels. */
const HINT_WEIGHT = 1;

/** Checks a parsed gate file; throws with what is wrong. */
export function checkGateModel(raw: unknown): GateModel {
  const m = raw as Partial<GateModel>;
  const n = m.features?.length ?? 0;
  const ok =
    Array.isArray(m.classes) && m.classes.every((c) => (IMAGE_TYPES as readonly string[]).includes(c)) && m.classes.includes('photo') &&
    n > 0 && m.mean?.length === n && m.scale?.length === n && m.bias?.length === m.classes.length &&
    m.weights?.length === m.classes.length && m.weights.every((row) => row.length === n) && typeof m.photoFloor === 'number';
  if (!ok) throw new Error('image-type-gate.json is not a gate model (classes, features, mean, scale, weights, bias, photoFloor).');
  const rule = m.overlaidText;
  if (rule && !(Array.isArray(rule.from) && rule.from.every((t) => isImageType(t) && t !== 'photo') && Number.isInteger(rule.maxLines) && typeof rule.photoAt === 'number')) {
    throw new Error('image-type-gate.json has a damaged overlaidText rule (from, maxLines, photoAt; never photo).');
  }
  for (const head of m.refine ?? []) {
    const k = head.features?.length ?? 0;
    const fine =
      isImageType(head.type) && head.type !== 'photo' && Array.isArray(head.from) && head.from.every((t) => isImageType(t) && t !== 'photo') &&
      k > 0 && head.mean?.length === k && head.scale?.length === k && head.weights?.length === k && typeof head.bias === 'number' && typeof head.threshold === 'number';
    if (!fine) throw new Error('image-type-gate.json has a damaged refine head (type, from, features, mean, scale, weights, bias, threshold; never photo).');
  }
  return { imagenetNames: {}, ...m } as GateModel;
}

/** The file-name word that hints at a type, if any. */
export function nameHint(url: string | undefined): ImageType | null {
  if (!url) return null;
  let name = url;
  try {
    name = new URL(url).pathname;
  } catch {
    // not a URL: use as is
  }
  const file = safeDecode(name.split('/').pop() ?? '').toLowerCase();
  return HINTS.find(([re]) => re.test(file))?.[1] ?? null;
}

/** `decodeURIComponent`, or the text as is when it holds a lone `%` ("100%_off.jpg") that is not an escape. */
function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * @param url the image's address: its file name may hint at a type.
 * @param placeHint what the image's place in the page suggests (a link in the page header: a logo).
 */
export function classify(model: GateModel, evidence: Evidence, url?: string, placeHint: ImageType | null = null): TypeDecision {
  const hint = nameHint(url);
  const photo = model.classes.indexOf('photo');
  const softmax = (seen: Evidence, place: ImageType | null) => {
    const x = model.features.map((f, k) => (featureValue(seen, f) - model.mean[k]!) / model.scale[k]!);
    const nudge = (type: ImageType): number => (type === hint ? HINT_WEIGHT : 0) + (type === place ? HINT_WEIGHT : 0);
    const logits = model.weights.map((row, c) => row.reduce((s, w, k) => s + w * x[k]!, model.bias[c]!) + nudge(model.classes[c]!));
    const max = Math.max(...logits);
    const exp = logits.map((v) => Math.exp(v - max));
    const total = exp.reduce((s, v) => s + v, 0);
    const probabilities = Object.fromEntries(IMAGE_TYPES.map((t) => [t, 0])) as Record<ImageType, number>;
    model.classes.forEach((c, i) => (probabilities[c] = exp[i]! / total));
    const chosen = probabilities.photo < model.photoFloor ? bestExcept(logits, photo) : photo;
    return { x, logits, probabilities, chosen };
  };
  const decide = (place: ImageType | null) => softmax(evidence, place);
  // The place in the page only tips an image its own evidence already routes away from the captioner:
  // a photo in a header link is still a photo, never a logo because of where it sits.
  const own = decide(null);
  const overlaid = own.chosen === photo ? null : photoUnderText(model, evidence, own.chosen, (seen) => softmax(seen, null));
  if (overlaid) return overlaid;
  const usePlace = placeHint !== null && own.chosen !== photo ? placeHint : null;
  const { x, logits, probabilities, chosen } = usePlace ? decide(usePlace) : own;
  const type = model.classes[chosen]!;
  const decision = { type, confidence: probabilities[type], probabilities, reasons: reasons(model, evidence, x, logits, chosen, photo, hint, usePlace) };
  return chosen === photo ? decision : refined(model, evidence, decision);
}

/** The photo under overlaid text (OverlaidTextRule), or null when the rule doesn't apply or the pixels alone aren't a photo. */
function photoUnderText(
  model: GateModel, evidence: Evidence, chosen: number,
  softmax: (seen: Evidence) => { probabilities: Record<ImageType, number>; chosen: number },
): TypeDecision | null {
  const rule = model.overlaidText;
  const lines = evidence.text?.lines.length ?? 0;
  if (!rule || lines === 0 || lines > rule.maxLines || !rule.from.includes(model.classes[chosen]!)) return null;
  const bare = softmax({ ...evidence, text: null });
  if (bare.probabilities.photo < rule.photoAt) return null;
  const said = model.classes[chosen]!;
  return {
    type: 'photo',
    confidence: bare.probabilities.photo,
    probabilities: bare.probabilities,
    reasons: [`without its text its pixels read as a photo (${pct(bare.probabilities.photo)}): the text is overlaid, not ${IMAGE_TYPE_TABLE[said].guess}`],
  };
}

/** The first refine head that claims a routed-away verdict, with its own probability and reasons. */
function refined(model: GateModel, evidence: Evidence, decision: TypeDecision): TypeDecision {
  for (const head of model.refine ?? []) {
    if (!head.from.includes(decision.type)) continue;
    const x = head.features.map((f, k) => (featureValue(evidence, f) - head.mean[k]!) / head.scale[k]!);
    const p = 1 / (1 + Math.exp(-x.reduce((s, v, k) => s + v * head.weights[k]!, head.bias)));
    if (p < head.threshold) continue;
    // The softmax's mass off the captioner is shared out: the head's share goes to its type.
    const away = 1 - decision.probabilities.photo;
    const probabilities = { ...decision.probabilities };
    for (const t of head.from) probabilities[t] *= 1 - p;
    probabilities[head.type] = away * p;
    const pushes = head.features
      .map((f, k) => ({ f, push: head.weights[k]! * x[k]! }))
      .filter((q) => q.push > 0.25)
      .sort((a, b) => b.push - a.push)
      .slice(0, 3)
      .map((q) => describeFeature(model, evidence, q.f))
      .filter((r): r is string => r !== null);
    return { type: head.type, confidence: p, probabilities, reasons: [`it reads as a ${head.type} (${pct(p)})`, ...pushes] };
  }
  return decision;
}

/** The features that pushed hardest toward the chosen type (against 'photo', or against the runner-up when it is 'photo'). */
function reasons(model: GateModel, evidence: Evidence, x: number[], logits: number[], chosen: number, photo: number, hint: ImageType | null, placeHint: ImageType | null): string[] {
  const rival = chosen === photo ? bestExcept(logits, photo) : photo;
  const pushes = model.features
    .map((f, k) => ({ f, push: (model.weights[chosen]![k]! - model.weights[rival]![k]!) * x[k]! }))
    .filter((p) => p.push > 0.25)
    .sort((a, b) => b.push - a.push)
    .slice(0, 3)
    .map((p) => describeFeature(model, evidence, p.f))
    .filter((s): s is string => s !== null);
  if (hint && hint === model.classes[chosen]) pushes.push(`the file name suggests a ${hint}`);
  if (placeHint && placeHint === model.classes[chosen]) pushes.push(`its place in the page suggests a ${placeHint} (a link in the page header)`);
  return pushes;
}

/** The index of the largest logit other than `skip`. */
function bestExcept(logits: number[], skip: number): number {
  return logits.reduce((best, v, i) => (i !== skip && v > logits[best]! ? i : best), skip === 0 ? 1 : 0);
}

const pct = (v: number): string => `${Math.round(v * 100)}%`;

function describeFeature(model: GateModel, evidence: Evidence, name: string): string | null {
  const v = featureValue(evidence, name);
  if (name.startsWith('imagenet:')) {
    const label = model.imagenetNames[name.slice(9)] ?? `class ${name.slice(9)}`;
    return `the image classifier sees "${label}" (${pct(v)})`;
  }
  const words: Record<string, string> = {
    dominantColour: `one colour fills ${pct(v)} of it`,
    topColours: `8 colours make up ${pct(v)} of it`,
    colourCount: v < 0.3 ? 'it uses few colours' : 'it uses many colours',
    flat: `${pct(v)} of it is flat colour`,
    hardEdges: `it has hard edges like text and lines (${pct(v)})`,
    saturation: v < 0.2 ? 'its colours are muted' : 'its colours are saturated',
    contrast: v > 0.6 ? 'it has strong contrast' : 'it has soft contrast',
    lumaEntropy: v > 0.7 ? 'its brightness varies like a photo' : 'its brightness takes few values',
    white: `${pct(v)} of it is white`,
    black: `${pct(v)} of it is black`,
    transparent: `${pct(v)} of it is transparent`,
    logWidth: 'its size',
    logHeight: 'its size',
    aspect: 'its shape',
    'imagenet.top': 'how sure the image classifier is',
    'imagenet.entropy': 'how unsure the image classifier is',
    'imagenet.animal': `the image classifier sees an animal (${pct(v)})`,
    'ocr.coverage': `text covers ${pct(v)} of it`,
    'ocr.chars': evidence.text ? `it carries legible text (${evidence.text.text.replace(/\s+/g, '').length} characters)` : 'it has no legible text',
    'ocr.words': `it has ${evidence.text ? evidence.text.text.split(/\s+/).filter(Boolean).length : 0} words of text`,
    'ocr.lines': `it has ${evidence.text?.lines.length ?? 0} lines of text`,
    'ocr.confidence': 'its text reads clearly',
    'ocr.digits': `${pct(v)} of its text is digits`,
  };
  return words[name] ?? null;
}
