/**
 * What an image's place in the page suggests it is, for the engine's
 * image-type gate: an image inside a link in the page's header or navigation
 * is, on most sites, the site's logo. A hint only tips a close call.
 *
 * "The page's header" is the banner landmark: a `<header>` inside an
 * `<article>`, `<aside>`, `<main>`, `<nav>` or `<section>` is that part's own
 * header (HTML-AAM maps it to no landmark), and the thumbnail a news card puts
 * there is a photo, not a logo.
 *
 * @example placeHint(document.querySelector('body > header a img')!) // → 'logo'
 */
import type { ImageType } from '../shared/image-type';

/** Elements whose `<header>` descendants are not the page's banner. */
const SECTIONING = new Set(['article', 'aside', 'main', 'nav', 'section']);
const LANDMARK_ROLES = new Set(['banner', 'navigation']);

export function placeHint(element: Element): ImageType | null {
  let inLink = false;
  for (let node: Element | null = element; node; node = node.parentElement) {
    if (node.localName === 'a' && node.hasAttribute('href')) inLink = true;
    if (inLink && isSiteLandmark(node)) return 'logo';
  }
  return null;
}

function isSiteLandmark(node: Element): boolean {
  const role = node.getAttribute('role');
  if (role !== null) return LANDMARK_ROLES.has(role.trim().toLowerCase());
  if (node.localName === 'nav') return true;
  if (node.localName !== 'header') return false;
  for (let up = node.parentElement; up; up = up.parentElement) {
    if (SECTIONING.has(up.localName) || up.getAttribute('role') === 'article') return false;
  }
  return true;
}
