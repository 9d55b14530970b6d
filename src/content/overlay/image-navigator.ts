/**
 * The summary panel's "Previous / Next image to fix" buttons: steps through
 * the images that are missing or suspicious, in document order, scrolls each
 * into view, rings its badge, and says which one it is in a live region.
 * Focus stays on the button, so a keyboard user can keep pressing it.
 */
import type { ImageRecord, ImageRegistry } from '../registry-types';
import { mapImageOf } from '../scan/geometry';

const TO_FIX = new Set(['missing', 'suspicious']);

function toFix(registry: ImageRegistry): ImageRecord[] {
  return registry
    .all()
    .filter((r) => TO_FIX.has(r.status) && r.element.isConnected)
    .sort((a, b) => (a.element.compareDocumentPosition(b.element) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1));
}

/**
 * @example
 *   panel.append(imageNavigator(registry, shadowRoot, signal));
 */
export function imageNavigator(registry: ImageRegistry, root: ShadowRoot, signal: AbortSignal): HTMLElement {
  const doc = root.ownerDocument;
  const group = doc.createElement('div');
  group.className = 'actions navigator';
  group.setAttribute('role', 'group');
  group.setAttribute('aria-label', 'Images to fix');
  const previous = Object.assign(doc.createElement('button'), { type: 'button', textContent: 'Previous image to fix' });
  const next = Object.assign(doc.createElement('button'), { type: 'button', textContent: 'Next image to fix' });
  const said = doc.createElement('p');
  said.className = 'current-image';
  said.setAttribute('aria-live', 'polite');
  group.append(previous, next, said);

  let currentId: string | null = null;
  const step = (by: 1 | -1): void => {
    const list = toFix(registry);
    root.querySelector('.badge.current')?.classList.remove('current');
    if (list.length === 0) {
      currentId = null;
      said.textContent = 'No image on this page needs fixing.';
      return;
    }
    const at = list.findIndex((r) => r.id === currentId);
    const index = at === -1 ? (by === 1 ? 0 : list.length - 1) : (at + by + list.length) % list.length;
    const record = list[index] as ImageRecord;
    currentId = record.id;
    // An <area> has no box of its own: show the image that draws its map.
    const target = record.kind === 'area' ? (mapImageOf(record.element) ?? record.element) : record.element;
    target.scrollIntoView({ block: 'center', inline: 'nearest' });
    root.querySelector(`.badge[data-id="${CSS.escape(record.id)}"]`)?.classList.add('current');
    const word = record.status === 'missing' ? 'Missing' : 'Suspicious';
    const name = record.name ? ` Current name: “${record.name}”.` : '';
    const skipped = record.describe === 'describe' ? '' : ` ${record.describeReason}`;
    said.textContent = `Image ${index + 1} of ${list.length}: ${word}. ${record.reason}${name}${skipped}`;
  };
  previous.addEventListener('click', () => step(-1), { signal });
  next.addEventListener('click', () => step(1), { signal });
  return group;
}
