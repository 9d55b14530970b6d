/**
 * Feature: counts per status (and the images not described among them) for a whole tab. Every frame's content script
 * reports its own counts (`content:counts`); the popup asks for the sum
 * (`ui:page-counts`). Kept in memory: after the service worker restarts, the
 * popup falls back to asking the top frame itself.
 */
import browser from 'webextension-polyfill';
import { addCounts, emptyCounts, emptyNotDescribed } from '../shared/audit';
import type { PageCounts } from '../shared/messages';
import { listen } from './listen';
import { isContentScript, isExtensionPage } from './sender';

/** tabId → frameId → that frame's counts. */
const byTab = new Map<number, Map<number, PageCounts>>();

listen('content:counts', isContentScript, ({ counts, notDescribed }, sender) => {
  const tabId = sender.tab?.id ?? -1;
  const frames = byTab.get(tabId) ?? new Map<number, PageCounts>();
  frames.set(sender.frameId ?? 0, { counts, notDescribed });
  byTab.set(tabId, frames);
  return { ok: true } as const;
});

listen('ui:page-counts', isExtensionPage, ({ tabId }) => {
  const frames = byTab.get(tabId);
  if (!frames || frames.size === 0) return { page: null };
  const sum: PageCounts = { counts: emptyCounts(), notDescribed: emptyNotDescribed() };
  for (const counts of frames.values()) addCounts(sum, counts);
  return { page: sum };
});

// A new document in the tab: its frames report again as they scan.
browser.tabs.onUpdated.addListener((tabId, change) => {
  if (change.status === 'loading') byTab.delete(tabId);
});
browser.tabs.onRemoved.addListener((tabId) => byTab.delete(tabId));
