/**
 * Feature: the auditor overlay. Shown and hidden by `tab:toggle-overlay`
 * (keyboard command via the service worker, or the popup). Every frame draws
 * its own badges; the top frame also shows the summary panel. Hiding aborts
 * the overlay's signal, which removes every node and listener it added.
 *
 * @example
 *   auditorOverlay(registry, () => buildAudit(registry, scanner), controller.signal);
 */
import type { AuditReport } from '../../shared/audit';
import { listenTab } from '../listen-tab';
import type { ImageRegistry } from '../registry-types';
import { drawBadges } from './badges';
import { createOverlayHost } from './host';
import { showSummaryPanel } from './summary-panel';

export function auditorOverlay(registry: ImageRegistry, report: () => AuditReport, signal: AbortSignal): void {
  let shown: AbortController | null = null;

  const hide = (): void => {
    shown?.abort();
    shown = null;
  };
  const show = (): void => {
    if (shown) return;
    const controller = new AbortController();
    shown = controller;
    const host = createOverlayHost(document);
    drawBadges(registry, host.root, controller.signal);
    if (window === window.top) showSummaryPanel(registry, host.root, { report, onClose: hide }, controller.signal);
    controller.signal.addEventListener('abort', () => host.remove(), { once: true });
  };

  listenTab('tab:toggle-overlay', ({ visible }) => {
    if (visible ?? !shown) show();
    else hide();
    return { visible: shown !== null };
  }, signal);
  signal.addEventListener('abort', hide, { once: true });
}
