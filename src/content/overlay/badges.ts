/**
 * The overlay's badge layer: one badge per candidate with a box, showing its
 * status and the rule's reason sentence, Glimpse's describe decision when it
 * skips the image, and, once the engine answered, the suggested description. Follows the registry; repositions on scroll and
 * resize (reads all boxes, then writes all transforms, once per frame).
 */
import browser from 'webextension-polyfill';
import { boxOf } from '../scan/geometry';
import type { ImageKind } from '../scan/candidates';
import type { ImageRecord, ImageRegistry } from '../registry-types';
import { IMAGE_TYPE_LABELS } from '../../shared/image-type';
import { conceptLine } from '../../shared/audit';
import { quote } from '../../shared/label-text';

const pct = (n: number): string => `${Math.round(n * 100)}%`;

const STATUS_WORDS: Record<string, string> = {
  missing: 'Missing',
  suspicious: 'Suspicious',
  decorative: 'Decorative',
  labelled: 'Labelled',
};

function fill(badge: HTMLElement, record: ImageRecord): void {
  const doc = badge.ownerDocument;
  const status = doc.createElement('span');
  status.className = 'status';
  status.textContent = `${STATUS_WORDS[record.status] ?? record.status}: `;
  const reason = doc.createElement('span');
  reason.className = 'reason';
  reason.textContent = record.reason;
  badge.replaceChildren(status, reason);
  if (record.describe !== 'describe') {
    const skip = doc.createElement('span');
    skip.className = 'describe-decision';
    skip.textContent = record.describeReason;
    badge.append(skip);
  }
  const outcome = record.description;
  if (outcome) {
    const line = (cls: string, text: string): void => {
      const span = doc.createElement('span');
      span.className = cls;
      span.textContent = text;
      badge.append(span);
    };
    if (!outcome.ok) line('suggestion', `No suggestion: ${outcome.message}`);
    else {
      const verdict = outcome.imageType;
      if (verdict) line('image-type', `Type: ${IMAGE_TYPE_LABELS[verdict.type]} (${pct(verdict.confidence)})${verdict.reasons.length ? `, because ${verdict.reasons.join('; ')}` : ''}`);
      if (outcome.ocrText) line('ocr-text', `Text read: ${quote(outcome.ocrText)}`);
      for (const concept of outcome.concepts ?? []) line('concept', `Sees ${conceptLine(concept)}`);
      if (outcome.conceptsMissing) line('concept', `Missing evidence: ${outcome.conceptsMissing}`);
      if (outcome.captionCheck?.contradicted) line('caption-check', `Caption withheld: ${outcome.captionCheck.reason}`);
      if (outcome.captioned) line('suggestion', `Suggested: ${outcome.text} (confidence ${pct(outcome.confidence)}${outcome.model ? `, by ${outcome.model.name}` : ''})`);
      else if (verdict) line('suggestion', `Not captioned: the captioner only describes photos.`);
    }
  }
  const label = record.glimpseLabel;
  if (label) {
    const written = doc.createElement('span');
    written.className = 'suggestion glimpse-label';
    written.textContent = label.state === 'withheld' ? label.reason : browser.i18n.getMessage('badgeNameWritten', [label.attribute, label.value]);
    badge.append(written);
  }
  // Images Glimpse does not describe get a compact badge: their status still shows, in its colour.
  badge.className = `badge ${record.status}${record.describe === 'describe' ? '' : ' compact'}`;
  badge.dataset.id = record.id;
}

/**
 * @example
 *   drawBadges(registry, shadowRoot, controller.signal);
 */
export function drawBadges(registry: ImageRegistry, root: ShadowRoot, signal: AbortSignal): void {
  const doc = root.ownerDocument;
  const layer = doc.createElement('div');
  layer.className = 'badges';
  root.append(layer);
  const badges = new Map<string, { badge: HTMLElement; record: ImageRecord }>();
  let frame = 0;

  const place = (): void => {
    frame = 0;
    const vw = innerWidth;
    const vh = innerHeight;
    const boxes = [...badges.values()].map(({ record }) => boxOf(record.element, record.kind as ImageKind));
    let i = 0;
    for (const { badge } of badges.values()) {
      const box = boxes[i++];
      const offscreen = !box || box.width === 0 || box.top + box.height < 0 || box.top > vh || box.left + box.width < 0 || box.left > vw;
      badge.hidden = offscreen;
      if (box && !offscreen) badge.style.transform = `translate(${Math.max(0, box.left)}px, ${Math.max(0, box.top)}px)`;
    }
  };
  const schedule = (): void => {
    if (frame === 0 && !signal.aborted) frame = requestAnimationFrame(place);
  };

  registry.subscribe((event) => {
    const { record } = event;
    if (event.type === 'removed') {
      badges.get(record.id)?.badge.remove();
      badges.delete(record.id);
    } else {
      let entry = badges.get(record.id);
      if (!entry) {
        entry = { badge: doc.createElement('div'), record };
        badges.set(record.id, entry);
        layer.append(entry.badge);
      }
      entry.record = record;
      fill(entry.badge, record);
    }
    schedule();
  }, signal);

  // Capture: scrolling inside any scroll container moves images too.
  addEventListener('scroll', schedule, { capture: true, passive: true, signal });
  addEventListener('resize', schedule, { passive: true, signal });
  signal.addEventListener('abort', () => {
    cancelAnimationFrame(frame);
    layer.remove();
  }, { once: true });
}
