/**
 * The DOM checks of the image rules, one small function per row of
 * src/shared/image-rules.ts (keyed by the row's id). Each reads a prepared
 * ScanContext, so a candidate's layout and name are read once.
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
  rendered: boolean;
  broken: boolean;
  ariaHidden: boolean;
}

type Check = (ctx: ScanContext) => boolean;

const named = (check: (name: string) => boolean): Check => (ctx) => ctx.name !== '' && check(ctx.name);
const unnamed = (kinds: ImageKind[]): Check => (ctx) => ctx.name === '' && kinds.includes(ctx.kind);

export const CHECKS: Record<ImageRuleId, Check> = {
  'skip-not-rendered': (ctx) => !ctx.rendered,
  'skip-broken': (ctx) => ctx.broken,
  // Areas have no box of their own and are links: their size says nothing about their need for a name.
  'skip-small': (ctx) => ctx.kind !== 'area' && ctx.box !== null && (ctx.box.width < MIN_SIDE_PX || ctx.box.height < MIN_SIDE_PX),
  'decorative-aria-hidden': (ctx) => ctx.ariaHidden,
  // axe-core's alt-space-value: alt=" " fails image-alt even when another attribute names the image.
  'missing-alt-whitespace': (ctx) => (ctx.kind === 'img' || ctx.kind === 'picture') && ctx.alt !== null && ctx.alt !== '' && ctx.alt.trim() === '',
  'suspicious-filename': named(NAME_CHECKS['suspicious-filename']),
  'suspicious-placeholder': named(NAME_CHECKS['suspicious-placeholder']),
  'suspicious-redundant-prefix': named(NAME_CHECKS['suspicious-redundant-prefix']),
  'suspicious-too-long': named(NAME_CHECKS['suspicious-too-long']),
  labelled: (ctx) => ctx.name !== '',
  'decorative-empty-alt': (ctx) => (ctx.kind === 'img' || ctx.kind === 'picture') && ctx.alt === '',
  // Presentational roles are ignored on focusable elements (ARIA's conflict resolution), which
  // rules out <area href> and <input type=image>; role-img elements carry role=img by definition.
  'decorative-presentation': (ctx) =>
    (ctx.role === 'presentation' || ctx.role === 'none') && (ctx.kind === 'img' || ctx.kind === 'picture' || ctx.kind === 'object' || ctx.kind === 'svg'),
  'missing-img': unnamed(['img', 'picture']),
  'missing-input-image': unnamed(['input-image']),
  'missing-role-img': unnamed(['role-img']),
  'missing-svg': unnamed(['svg']),
  'missing-area': unnamed(['area']),
  'missing-object': unnamed(['object']),
};
