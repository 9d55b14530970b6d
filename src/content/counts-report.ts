/**
 * Feature: tells the background this frame's counts per status (debounced),
 * so the popup can show the whole tab, iframes included.
 *
 * @example
 *   reportCounts(registry, controller.signal);
 */
import browser from 'webextension-polyfill';
import { pageCounts } from '../shared/audit';
import { envelope } from '../shared/messages';
import type { ImageRegistry } from './registry-types';

const DEBOUNCE_MS = 400;

export function reportCounts(registry: ImageRegistry, signal: AbortSignal): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const send = (): void => {
    timer = undefined;
    // Rejects when no listener is up (service worker starting, or a build without the feature): counts are best effort.
    browser.runtime.sendMessage(envelope('content:counts', pageCounts(registry.all()))).catch(() => undefined);
  };
  registry.subscribe(() => {
    if (timer === undefined) timer = setTimeout(send, DEBOUNCE_MS);
  }, signal);
  signal.addEventListener('abort', () => clearTimeout(timer), { once: true });
}
