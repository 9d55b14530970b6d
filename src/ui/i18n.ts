/**
 * Fills every `[data-i18n]` element's text from `_locales/<lang>/messages.json`.
 * The HTML keeps the English text too, so a missing message never leaves a blank control.
 *
 * @example
 *   <h1 data-i18n="optTitle">Glimpse options</h1>  →  localizePage(document)
 */
import browser from 'webextension-polyfill';

export function localizePage(root: ParentNode): void {
  for (const el of root.querySelectorAll<HTMLElement>('[data-i18n]')) {
    const text = browser.i18n.getMessage(el.dataset.i18n ?? '');
    if (text) el.textContent = text;
  }
}
