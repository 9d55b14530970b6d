/**
 * The overlay's summary panel (top frame only): counts per status (with the
 * images Glimpse does not describe among them, and why), export
 * buttons, and a close button. A non-modal dialog: focus moves to its heading
 * when it opens and back to where it was when it closes; Escape closes.
 */
import { notDescribedWords, pageCounts, type AuditReport } from '../../shared/audit';
import { IMAGE_STATUSES, STATUS_LABELS } from '../../shared/image-status';
import type { ImageRegistry } from '../registry-types';
import { downloadAudit } from './export-audit';
import { imageNavigator } from './image-navigator';

export interface SummaryPanelOptions {
  report: () => AuditReport;
  /** Called when the user closes the overlay (button or Escape). */
  onClose: () => void;
}


/**
 * @example
 *   showSummaryPanel(registry, shadowRoot, { report, onClose }, controller.signal);
 */
export function showSummaryPanel(registry: ImageRegistry, root: ShadowRoot, options: SummaryPanelOptions, signal: AbortSignal): void {
  const doc = root.ownerDocument;
  const el = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}): HTMLElementTagNameMap[K] =>
    Object.assign(doc.createElement(tag), props);

  const panel = el('section', { className: 'panel' });
  panel.setAttribute('role', 'dialog');
  panel.setAttribute('aria-modal', 'false');
  panel.setAttribute('aria-labelledby', 'glimpse-panel-title');
  const title = el('h2', { id: 'glimpse-panel-title', textContent: 'Glimpse image audit', tabIndex: -1 });
  const list = el('ul', { className: 'counts' });
  list.setAttribute('aria-label', 'Images per status');
  const items = new Map<(typeof IMAGE_STATUSES)[number], { n: HTMLElement; skips: HTMLElement }>();
  for (const status of IMAGE_STATUSES) {
    const n = el('span', { className: 'n' });
    const skips = el('span', { className: 'skips' });
    const swatch = el('span', { className: 'swatch' });
    swatch.setAttribute('aria-hidden', 'true');
    const li = el('li', { className: `count ${status}` });
    li.append(swatch, el('span', { textContent: STATUS_LABELS[status] }), n, skips);
    li.dataset.status = status;
    list.append(li);
    items.set(status, { n, skips });
  }
  const total = el('p', { className: 'total' });
  // Counts change while the page loads more images: announced politely, not on every badge.
  total.setAttribute('aria-live', 'polite');
  const actions = el('div', { className: 'actions' });
  const exportJson = el('button', { type: 'button', textContent: 'Export JSON' });
  const exportCsv = el('button', { type: 'button', textContent: 'Export CSV' });
  const close = el('button', { type: 'button', textContent: 'Close overlay' });
  exportJson.addEventListener('click', () => downloadAudit(options.report(), 'json', root), { signal });
  exportCsv.addEventListener('click', () => downloadAudit(options.report(), 'csv', root), { signal });
  close.addEventListener('click', () => options.onClose(), { signal });
  actions.append(exportJson, exportCsv, close);
  panel.append(title, list, total, imageNavigator(registry, root, signal), actions);
  panel.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      options.onClose();
    }
  }, { signal });

  let pending = 0;
  const render = (): void => {
    pending = 0;
    const { counts, notDescribed } = pageCounts(registry.all());
    for (const [status, { n, skips }] of items) {
      n.textContent = String(counts[status]);
      const words = notDescribedWords(notDescribed[status]);
      skips.textContent = words ? `(${words})` : '';
      skips.hidden = words === '';
    }
    const all = Object.values(counts).reduce((a, b) => a + b, 0);
    // Frames scan and draw their own badges; the toolbar popup sums the whole tab.
    const frames = doc.querySelector('iframe, frame') ? ' Images inside frames are counted in the toolbar popup.' : '';
    total.textContent = `${all} images in this document; ${counts.missing} need a text alternative.${frames}`;
  };
  registry.subscribe(() => {
    if (pending === 0 && !signal.aborted) pending = requestAnimationFrame(render);
  }, signal);
  render();

  // Focus: into the panel now, back where it was on close (unless the user moved it elsewhere).
  const previous = doc.activeElement;
  root.append(panel);
  title.focus();
  signal.addEventListener('abort', () => {
    cancelAnimationFrame(pending);
    const focusInside = root.activeElement !== null;
    panel.remove();
    if (focusInside && previous instanceof HTMLElement && previous.isConnected) previous.focus();
  }, { once: true });
}
