/**
 * The DOM checks of the image rules, one small function per row of
 * src/shared/image-rules.ts (keyed by the row's id). Each reads a prepared
 * ScanContext, so a candidate's layout, role and name are read once.
 */
import { NAME_CHECKS, MIN_SIDE_PX, type ImageRuleId } from '../../shared/image-rules';
import type { ImageKind } from './candidates';
import type { Box } from './geometry';

export interface ScanContext {
  element: Element;
  kind: ImageKind;
  /** Trimmed accessible name ('' when none). */
  name: string;
  /** Explicit role, first token, lower-cased. */
  role: string;
  /** The alt attribute as written (null when absent). */
  alt: string | null;
  box: Box | null;
  /** display: none / visibility: hidden (itself or an ancestor): out of the accessibility tree. */
  hiddenForEveryone: boolean;
  /** Drawn with a box of its own (for an <area>: its map image is drawn). */
  rendered: boolean;
  broken: boolean;
  ariaHidden: boolean;
  /**
   * role="presentation"/"none" that holds after ARIA 1.2's conflict resolution
   * (not focusable, no global ARIA attribute). False when there is no such role.
   */
  presentational: boolean;
  /** role="presentation"/"none" that ARIA's conflict resolution ignores. */
  presentationIgnored: boolean;
  /** An <object> whose data did not load, showing its fallback content. */
  fallbackShown: boolean;
  /** A loaded <img> whose picture is at most PLACEHOLDER_NATURAL_PX on a side. */
  placeholder: boolean;
  /** There are pixels to look at: an image source, a background image, or inline SVG. */
  hasPicture: boolean;
}

type Check = (ctx: ScanContext) => boolean;

const named = (check: (name: string) => boolean): Check => (ctx) => ctx.name !== '' && check(ctx.name);
const unnamed = (kinds: ImageKind[]): Check => (ctx) => ctx.name === '' && kinds.includes(ctx.kind);
const isImg = (ctx: ScanContext): boolean => ctx.kind === 'img' || ctx.kind === 'picture';

export const CHECKS: Record<ImageRuleId, Check> = {
  // --- status ---
  // area-alt judges every <area href>, hidden or not (axe-core: excludeHidden: false).
  'decorative-hidden': (ctx) => ctx.hiddenForEveryone && ctx.kind !== 'area',
  'decorative-aria-hidden': (ctx) => ctx.ariaHidden && ctx.kind !== 'area',
  // axe-core's alt-space-value: alt=" " fails image-alt even when another attribute names the image.
  'missing-alt-whitespace': (ctx) => isImg(ctx) && !ctx.presentational && ctx.alt !== null && ctx.alt !== '' && ctx.alt.trim() === '',
  'suspicious-filename': named(NAME_CHECKS['suspicious-filename']),
  'suspicious-placeholder': named(NAME_CHECKS['suspicious-placeholder']),
  'suspicious-redundant-prefix': named(NAME_CHECKS['suspicious-redundant-prefix']),
  'suspicious-too-long': named(NAME_CHECKS['suspicious-too-long']),
  labelled: (ctx) => ctx.name !== '',
  // axe-core's object-alt applies only to objects that loaded (objectHasLoaded).
  'labelled-object-fallback': (ctx) => ctx.kind === 'object' && ctx.fallbackShown,
  'decorative-empty-alt': (ctx) => isImg(ctx) && ctx.alt === '',
  // input-image-alt and area-alt accept no presentational role at all: only img, object and svg can be decorative by role.
  'decorative-presentation': (ctx) => ctx.presentational && (isImg(ctx) || ctx.kind === 'object' || ctx.kind === 'svg'),
  'missing-presentation-conflict': (ctx) => ctx.presentationIgnored && ctx.name === '',
  'missing-img': unnamed(['img', 'picture']),
  'missing-input-image': unnamed(['input-image']),
  'missing-role-img': unnamed(['role-img']),
  'missing-svg': unnamed(['svg']),
  'missing-area': unnamed(['area']),
  'missing-object': unnamed(['object']),
  // --- describe decision ---
  'skip-not-rendered': (ctx) => !ctx.rendered,
  'skip-broken': (ctx) => ctx.broken || (ctx.kind === 'object' && ctx.fallbackShown),
  'skip-too-small': (ctx) => ctx.box !== null && (ctx.box.width < MIN_SIDE_PX || ctx.box.height < MIN_SIDE_PX),
  'skip-placeholder': (ctx) => ctx.placeholder,
  'skip-no-picture': (ctx) => !ctx.hasPicture,
  describe: () => true,
};
