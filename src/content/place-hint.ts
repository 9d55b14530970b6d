/**
 * What an image's place in the page suggests it is, for the engine's
 * image-type gate: an image inside a link in the page's header or navigation
 * is, on most sites, the site's logo. A hint only tips a close call.
 *
 * @example placeHint(document.querySelector('header a img')!) // → 'logo'
 */
import type { ImageType } from '../shared/image-type';

const HEADER = 'header, nav, [role="banner"], [role="navigation"]';

export function placeHint(element: Element): ImageType | null {
  return element.closest('a[href]') && element.closest(HEADER) ? 'logo' : null;
}
