/**
 * ARIA 1.2's presentational-role conflict resolution: role="presentation" or
 * role="none" is ignored, and the element keeps its own role, when the element
 * is focusable or carries a global ARIA attribute
 * (https://www.w3.org/TR/wai-aria-1.2/#conflict_resolution_presentation_none).
 *
 * dom-accessibility-api's getRole() resolves the global-attribute half; it
 * does not look at focus, so focusability is read here: natively focusable
 * (HTML's focusable areas: area[href], an enabled input, …) or a tabindex
 * (any valid integer, -1 included: programmatically focusable is focusable).
 *
 * @example
 *   presentationOf(document.querySelector('img[role=none][tabindex="0"]')!) // → 'ignored'
 */
import { getRole } from 'dom-accessibility-api';

const PRESENTATIONAL = new Set(['presentation', 'none']);
const NATIVELY_FOCUSABLE = 'a[href], area[href], input:not([type="hidden" i]), select, textarea, button, summary';
/** HTML's rules for parsing integers, as browsers apply them to tabindex: optional sign, then digits. */
const TABINDEX = /^\s*[-+]?\d/;

/** True when `el` can take focus (by keyboard or script), per HTML's focusable areas. */
export function isFocusable(el: Element): boolean {
  // :disabled covers disabled form controls and those in a disabled <fieldset> (outside its legend).
  if (el.matches(':disabled') || el.closest('[inert]')) return false;
  return el.matches(NATIVELY_FOCUSABLE) || TABINDEX.test(el.getAttribute('tabindex') ?? '');
}

/**
 * 'held' when `el` has role presentation/none (first token) and the role holds;
 * 'ignored' when conflict resolution sets it aside; null without such a role.
 */
export function presentationOf(el: Element): 'held' | 'ignored' | null {
  const explicit = (el.getAttribute('role') ?? '').trim().toLowerCase().split(/\s+/)[0] ?? '';
  if (!PRESENTATIONAL.has(explicit)) return null;
  const resolved = getRole(el);
  return resolved !== null && PRESENTATIONAL.has(resolved.toLowerCase()) && !isFocusable(el) ? 'held' : 'ignored';
}
