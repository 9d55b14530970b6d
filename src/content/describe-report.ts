/**
 * Feature: answers `tab:descriptions` with every image of this frame, its
 * status and the engine's full answer (failure codes and backend included,
 * which the audit rows leave out), for reports and diagnostics.
 *
 * @example
 *   reportDescriptions(registry, controller.signal);
 */
import type { DescribedImage } from '../shared/messages';
import { listenTab } from './listen-tab';
import type { ImageRegistry } from './registry-types';

export function reportDescriptions(registry: ImageRegistry, signal: AbortSignal): void {
  listenTab(
    'tab:descriptions',
    () => ({ images: registry.all().map(({ id, src, status, description }): DescribedImage => ({ id, src, status, description: description ?? null })) }),
    signal,
  );
}
