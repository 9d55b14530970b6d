/**
 * Feature: counts per status for a whole tab. Every frame's content script
 * reports its own counts (`content:counts`); the popup asks for the sum
 * (`ui:page-counts`). Kept in memory: after the service worker restarts, the
 * popup falls back to asking the top frame itself.
 */
import browser from 'webextension-polyfill';
import { IMAGE_STATUSES } from '../shared/image-status';
import type { StatusCounts } from '../shared/messages';
import { listen } from './listen';
import { isContentScript, isExtensionPage } from './sender';

/** tabId → frameId → that frame's counts. */
const byTab = new Map<number, Map<number, StatusCounts>>();

listen('content:counts', isContentScript, ({ counts }, sender) => {
  const tabId = sender.tab?.id ?? -1;
  const frames = byTab.get(tabId) ?? new Map<number, StatusCounts>();
  frames.set(sender.frameId ?? 0, counts);
  byTab.set(tabId, frames);
  return { ok: true } as const;
});

listen('ui:page-counts', isExtensionPage, ({ tabId }) => {
  const frames = byTab.get(tabId);
  if (!frames || frames.size === 0) return { counts: null };
  const sum = Object.fromEntries(IMAGE_STATUSES.map((s) => [s, 0])) as StatusCounts;
  for (const counts of frames.values()) for (const s of IMAGE_STATUSES) sum[s] += counts[s] ?? 0;
  return { counts: sum };
});

// A new document in the tab: its frames report again as they scan.
browser.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status === 'loading') byTab.delete(tabId);
});
browser.tabs.onRemoved.addListener((tabId) => byTab.delete(tabId));
