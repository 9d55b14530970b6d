/**
 * Feature: answers `tab:descriptions` from the extension with every image of
 * this frame, its status and the engine's answer, for reports and the popup.
 * Only the extension itself can send to a content script; the id is checked anyway.
 *
 * @example
 *   reportDescriptions(registry, controller.signal);
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { isEnvelope, type DescribedImage, type ResponseOf } from '../shared/messages';
import type { ImageRegistry } from './registry-types';

export function reportDescriptions(registry: ImageRegistry, signal: AbortSignal): void {
  const listener = (message: unknown, sender: Runtime.MessageSender): Promise<ResponseOf<'tab:descriptions'>> | undefined => {
    if (!isEnvelope(message) || message.type !== 'tab:descriptions' || sender.id !== browser.runtime.id) return undefined;
    const images: DescribedImage[] = registry.all().map(({ id, src, status, description }) => ({ id, src, status, description: description ?? null }));
    return Promise.resolve({ images });
  };
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener), { once: true });
}
