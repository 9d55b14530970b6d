/**
 * The image rules of Glimpse, as data: one table, one human reason sentence
 * per row, quoted verbatim by the overlay, the labels, the exports and the
 * audit CLI.
 *
 * Each row answers one of two questions, and the two never mix:
 * - `decides: 'status'`: the accessibility status (the audit), exactly as
 *   axe-core's image rules (image-alt, role-img-alt, input-image-alt,
 *   svg-img-alt, area-alt, object-alt) and ARIA 1.2 judge it: what axe flags
 *   is "missing"; what it passes is "decorative", "labelled" or "suspicious";
 * - `decides: 'describe'`: whether Glimpse describes the element, or skips it
 *   and why. A skipped image keeps its status: too small to describe is not
 *   the same as fine.
 *
 * For each question the rows are tried in table order; the first whose check
 * holds decides. The DOM checks live in src/content/scan/checks.ts (keyed by
 * the same ids); the checks on the name text are pure and live here, so the
 * audit CLI can share them.
 *
 * @example
 *   ruleById('suspicious-filename').reason
 *   // → 'The name looks like a file name, not a description of the image.'
 */
import type { DescribeDecision, ImageStatus, SkipDecision } from './image-status';

export type ImageRule =
  | {
      id: string;
      decides: 'status';
      status: ImageStatus;
      /** The human reason sentence, quoted verbatim everywhere. */
      reason: string;
      /** The axe-core rule that judges the same case, when there is one. */
      axe?: string;
    }
  | {
      id: DescribeDecision;
      decides: 'describe';
      reason: string;
      /** A few words for totals: "missing 12 (3 too small to describe)". */
      short: string;
    };

/** Images (and image-like boxes) smaller than this in either CSS px dimension are not described. */
export const MIN_SIDE_PX = 50;
/** A loaded picture this small in natural px (either side) is a spacer or a lazy-loading placeholder. */
export const PLACEHOLDER_NATURAL_PX = 2;
/** Names longer than this many characters are suspicious. */
export const MAX_NAME_CHARS = 150;

export const IMAGE_RULES = [
  // --- The accessibility status (the audit) ---
  // Hidden from everyone: axe-core's image rules don't apply (area-alt excepted: areas are judged even when hidden).
  { id: 'decorative-hidden', decides: 'status', status: 'decorative', reason: 'Hidden from everyone (display: none or visibility: hidden), so assistive technology skips it as well; it needs no text alternative while hidden.' },
  { id: 'decorative-aria-hidden', decides: 'status', status: 'decorative', reason: 'Hidden from assistive technology with aria-hidden="true".' },
  { id: 'missing-alt-whitespace', decides: 'status', status: 'missing', reason: 'The alt attribute holds only spaces, which is not a text alternative.', axe: 'image-alt' },
  { id: 'suspicious-filename', decides: 'status', status: 'suspicious', reason: 'The name looks like a file name, not a description of the image.' },
  { id: 'suspicious-placeholder', decides: 'status', status: 'suspicious', reason: 'The name is a placeholder word (like "image" or "photo"), not a description.' },
  { id: 'suspicious-redundant-prefix', decides: 'status', status: 'suspicious', reason: 'The name starts with "image of" or "picture of"; screen readers already say it is an image.' },
  { id: 'suspicious-too-long', decides: 'status', status: 'suspicious', reason: 'The name is longer than 150 characters; long descriptions belong in visible text.' },
  { id: 'labelled', decides: 'status', status: 'labelled', reason: 'Has an accessible name that reads as a description.' },
  { id: 'labelled-object-fallback', decides: 'status', status: 'labelled', reason: 'The object did not load and shows its fallback content instead, which speaks for itself.' },
  { id: 'decorative-empty-alt', decides: 'status', status: 'decorative', reason: 'Marked decorative with an empty alt attribute (alt="").' },
  { id: 'decorative-presentation', decides: 'status', status: 'decorative', reason: 'Marked decorative with role="presentation" or role="none" (it is not focusable and has no global ARIA attribute, so the role holds).' },
  { id: 'missing-presentation-conflict', decides: 'status', status: 'missing', reason: 'Its role="presentation" or role="none" is ignored because it is focusable or has a global ARIA attribute, and it has no accessible name.', axe: 'image-alt' },
  { id: 'missing-img', decides: 'status', status: 'missing', reason: 'Image has no text alternative: no alt, aria-label, aria-labelledby or title.', axe: 'image-alt' },
  { id: 'missing-input-image', decides: 'status', status: 'missing', reason: 'Image button has no text alternative: no alt, aria-label, aria-labelledby, title or label.', axe: 'input-image-alt' },
  { id: 'missing-role-img', decides: 'status', status: 'missing', reason: 'Element with role="img" has no accessible name: no aria-label, aria-labelledby or title.', axe: 'role-img-alt' },
  { id: 'missing-svg', decides: 'status', status: 'missing', reason: 'SVG image has no accessible name: no <title>, aria-label, aria-labelledby or title.', axe: 'svg-img-alt' },
  { id: 'missing-area', decides: 'status', status: 'missing', reason: 'Image-map area has no text alternative: no alt, aria-label, aria-labelledby or title.', axe: 'area-alt' },
  { id: 'missing-object', decides: 'status', status: 'missing', reason: 'Embedded object has no accessible name: no aria-label, aria-labelledby or title.', axe: 'object-alt' },
  // --- Glimpse's describe decision ---
  { id: 'skip-not-rendered', decides: 'describe', short: 'not rendered', reason: 'Not described: not rendered (hidden, or an area whose map image is missing or hidden).' },
  { id: 'skip-broken', decides: 'describe', short: 'broken', reason: 'Not described: the image failed to load.' },
  { id: 'skip-too-small', decides: 'describe', short: 'too small to describe', reason: 'Not described: smaller than 50×50 CSS pixels (icon, spacer or tracking pixel), too small to see anything in.' },
  { id: 'skip-placeholder', decides: 'describe', short: 'placeholders', reason: 'Not described: placeholder. The picture is a 1- or 2-pixel stand-in stretched to size (a spacer), or a lazy-loading image whose real source (data-src, data-srcset) has not arrived yet; it is described once it does.' },
  { id: 'skip-no-picture', decides: 'describe', short: 'nothing to describe', reason: 'Not described: there is no picture to look at (no image source, no background image, not an inline SVG).' },
  { id: 'describe', decides: 'describe', short: 'described', reason: 'Glimpse can describe it: rendered, loaded and at least 50×50 CSS pixels.' },
] as const satisfies readonly ImageRule[];

export type ImageRuleId = (typeof IMAGE_RULES)[number]['id'];
export type StatusRule = Extract<(typeof IMAGE_RULES)[number], { decides: 'status' }>;
export type StatusRuleId = StatusRule['id'];
export type DescribeRule = Extract<(typeof IMAGE_RULES)[number], { decides: 'describe' }>;

const BY_ID = new Map<string, ImageRule>(IMAGE_RULES.map((rule) => [rule.id, rule]));

/** The row for `id`; throws on an unknown id so a typo can't silently yield no reason. */
export function ruleById(id: ImageRuleId): ImageRule {
  const rule = BY_ID.get(id);
  if (!rule) throw new Error(`unknown image rule ${id}`);
  return rule;
}

/** The rows of one question, in table order. */
export const STATUS_RULES = IMAGE_RULES.filter((r): r is StatusRule => r.decides === 'status');
export const DESCRIBE_RULES = IMAGE_RULES.filter((r): r is DescribeRule => r.decides === 'describe');

/** The few words a skip is counted under in totals, e.g. "too small to describe". */
export function skipWords(decision: SkipDecision): string {
  const rule = BY_ID.get(decision);
  if (!rule || rule.decides !== 'describe') throw new Error(`unknown describe decision ${decision}`);
  return rule.short;
}

// --- Pure checks on the name text -------------------------------------------

const IMAGE_EXTENSIONS = 'apng|avif|bmp|gif|heic|ico|jpe?g|jfif|png|svg|tiff?|webp';
const FILENAME = new RegExp(`^[^\\s/\\\\]*[\\w)\\]-]\\.(${IMAGE_EXTENSIONS})(\\?\\S*)?$`, 'i');
/** Camera and screenshot names without an extension: IMG_2041, DSC01234, PXL_20230101_123456. */
const CAMERA_NAME = /^(img|dsc[fn]?|dcim|pxl|mvimg|screenshot|screen shot|photo|image)[\s_-]?\d[\d_\s-]*$/i;
/** kebab/snake slugs with digits or typical asset words: hero-banner, header_bg_2x. */
const ASSET_SLUG = /^[a-z0-9]+([_-][a-z0-9]+)+$/i;
const ASSET_WORDS = /(^|[_-])(banner|hero|bg|background|img|image|icon|thumb|thumbnail|logo|header|footer|sprite|asset|pic|photo|\d*x|final|copy|v\d+)([_-]|$)/i;

/** True when `name` looks like a file name: "IMG_2041.jpg", "hero-banner.png", "DSC01234". */
export function looksLikeFilename(name: string): boolean {
  const text = name.trim();
  if (text === '') return false;
  if (FILENAME.test(text) || CAMERA_NAME.test(text)) return true;
  return ASSET_SLUG.test(text) && ASSET_WORDS.test(text);
}

/** Words authors and CMSs leave in place of a description. Compared whole, case- and punctuation-insensitively. */
export const PLACEHOLDER_WORDS = [
  'image', 'images', 'img', 'photo', 'photos', 'photograph', 'picture', 'pic', 'graphic', 'graphics', 'spacer',
  'untitled', 'untitled image', 'alt', 'alt text', 'alttext', 'blank', 'placeholder', 'icon', 'logo', 'banner',
  'thumbnail', 'thumb', 'figure', 'illustration', 'null', 'undefined', 'none', 'default', 'todo', 'tbd', 'test',
  'insert alt text', 'image description', 'description', 'no description', 'click here', 'here', 'link',
  'bild', 'imagen', 'immagine', 'foto', 'afbeelding',
] as const;
const PLACEHOLDERS = new Set<string>(PLACEHOLDER_WORDS);

/** True when `name` is only a placeholder word: "image", "Photo", "untitled", "alt". */
export function isPlaceholder(name: string): boolean {
  const text = name.trim().toLowerCase().replace(/[\s_-]+/g, ' ').replace(/^[\p{P}\s]+|[\p{P}\s]+$/gu, '');
  return text !== '' && PLACEHOLDERS.has(text);
}

const REDUNDANT_PREFIX = /^(an?\s+|the\s+)?(image|picture|photo|photograph|graphic|icon|pic)\s+(of|showing|shows|depicting)\b/i;

/** True when `name` starts with "image of…", "picture of…", "photo of…" and the like. */
export function hasRedundantPrefix(name: string): boolean {
  return REDUNDANT_PREFIX.test(name.trim());
}

/** True when `name` is over 150 characters. */
export function isTooLong(name: string): boolean {
  return name.trim().length > MAX_NAME_CHARS;
}

/**
 * The checks of the rows that judge only the name text (pure, shared with the
 * audit CLI). Each receives the trimmed, non-empty accessible name.
 *
 * @example
 *   NAME_CHECKS['suspicious-filename']('IMG_2041.jpg') // → true
 */
export const NAME_CHECKS = {
  'suspicious-filename': looksLikeFilename,
  'suspicious-placeholder': isPlaceholder,
  'suspicious-redundant-prefix': hasRedundantPrefix,
  'suspicious-too-long': isTooLong,
} as const satisfies Partial<Record<StatusRuleId, (name: string) => boolean>>;
