/**
 * The image-status rules of Glimpse, as data.
 *
 * One row per rule: its id, the status it yields, and the one human reason
 * sentence that the overlay, the labels, the exports and the audit CLI all
 * quote. Rows are tried in table order; the first whose check holds decides.
 * The DOM checks live in src/content/scan/checks.ts (keyed by the same ids);
 * the checks on the name text are pure and live here, so the audit CLI can
 * share them.
 *
 * The split follows axe-core's image rules (image-alt, role-img-alt,
 * input-image-alt, svg-img-alt, area-alt, object-alt): what axe flags is
 * "missing"; what axe passes is "decorative", "labelled" or "suspicious".
 *
 * @example
 *   ruleById('suspicious-filename').reason
 *   // → 'The name looks like a file name, not a description of the image.'
 */
import type { ImageStatus } from './image-status';

export interface ImageRule {
  id: string;
  status: ImageStatus;
  /** The human reason sentence, quoted verbatim everywhere. */
  reason: string;
  /** The axe-core rule that judges the same case, when there is one. */
  axe?: string;
}

/** Images (and image-like boxes) smaller than this in both CSS px dimensions are skipped. */
export const MIN_SIDE_PX = 50;
/** Names longer than this many characters are suspicious. */
export const MAX_NAME_CHARS = 150;

export const IMAGE_RULES = [
  // Skips come first: they decide whether Glimpse acts, not whether the page is accessible
  // (the name-based status is still recorded as `nameStatus`).
  { id: 'skip-not-rendered', status: 'skipped', reason: 'Skipped: not rendered (hidden or without a box).' },
  { id: 'skip-broken', status: 'skipped', reason: 'Skipped: the image failed to load.' },
  { id: 'skip-small', status: 'skipped', reason: 'Skipped: smaller than 50×50 CSS pixels (icon, spacer or tracking pixel).' },
  // Name-based rules.
  { id: 'decorative-aria-hidden', status: 'decorative', reason: 'Hidden from assistive technology with aria-hidden="true".' },
  { id: 'missing-alt-whitespace', status: 'missing', reason: 'The alt attribute holds only spaces, which is not a text alternative.', axe: 'image-alt' },
  { id: 'suspicious-filename', status: 'suspicious', reason: 'The name looks like a file name, not a description of the image.' },
  { id: 'suspicious-placeholder', status: 'suspicious', reason: 'The name is a placeholder word (like "image" or "photo"), not a description.' },
  { id: 'suspicious-redundant-prefix', status: 'suspicious', reason: 'The name starts with "image of" or "picture of"; screen readers already say it is an image.' },
  { id: 'suspicious-too-long', status: 'suspicious', reason: 'The name is longer than 150 characters; long descriptions belong in visible text.' },
  { id: 'labelled', status: 'labelled', reason: 'Has an accessible name that reads as a description.' },
  { id: 'decorative-empty-alt', status: 'decorative', reason: 'Marked decorative with an empty alt attribute (alt="").' },
  { id: 'decorative-presentation', status: 'decorative', reason: 'Marked decorative with role="presentation" or role="none".' },
  { id: 'missing-img', status: 'missing', reason: 'Image has no text alternative: no alt, aria-label, aria-labelledby or title.', axe: 'image-alt' },
  { id: 'missing-input-image', status: 'missing', reason: 'Image button has no text alternative: no alt, aria-label, aria-labelledby, title or label.', axe: 'input-image-alt' },
  { id: 'missing-role-img', status: 'missing', reason: 'Element with role="img" has no accessible name: no aria-label, aria-labelledby or title.', axe: 'role-img-alt' },
  { id: 'missing-svg', status: 'missing', reason: 'SVG image has no accessible name: no <title>, aria-label, aria-labelledby or title.', axe: 'svg-img-alt' },
  { id: 'missing-area', status: 'missing', reason: 'Image-map area has no text alternative: no alt, aria-label, aria-labelledby or title.', axe: 'area-alt' },
  { id: 'missing-object', status: 'missing', reason: 'Embedded object has no accessible name: no aria-label, aria-labelledby or title.', axe: 'object-alt' },
] as const satisfies readonly ImageRule[];

export type ImageRuleId = (typeof IMAGE_RULES)[number]['id'];

const BY_ID = new Map<string, ImageRule>(IMAGE_RULES.map((rule) => [rule.id, rule]));

/** The row for `id`; throws on an unknown id so a typo can't silently yield no reason. */
export function ruleById(id: ImageRuleId): ImageRule {
  const rule = BY_ID.get(id);
  if (!rule) throw new Error(`unknown image rule ${id}`);
  return rule;
}

/** The status a name-based rule would yield, ignoring skips. */
export type NameStatus = Exclude<ImageStatus, 'skipped'>;

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
} as const satisfies Partial<Record<ImageRuleId, (name: string) => boolean>>;
