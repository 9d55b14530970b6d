/**
 * Feature: caption requests from content scripts go through the priority
 * queue to the engine; cancellations come from the page (image removed) or
 * from the browser (tab closed).
 */
import browser from 'webextension-polyfill';
import { CaptionQueue } from './caption-queue';
import { listen } from './listen';
import { sendToEngine } from '#engine-adapter';
import { isContentScript } from './sender';
import { askingAddress, privateAddressKind } from '../shared/private-address';
import { engineChoice, normalizeSettings, type EngineChoice } from '../shared/settings';

/** The backend (auto, WebGPU or WASM) and threads the user chose in the options, read for every job so a change applies at once. */
async function engineSettings(): Promise<EngineChoice> {
  return engineChoice(normalizeSettings(await browser.storage.sync.get(null)));
}

const queue = new CaptionQueue(
  async (jobId, { src, placeHint = null, site = 'null', allowPrivate = false, region = null }) =>
    sendToEngine('engine:caption', { jobId, src, placeHint, site, allowPrivate, region, engine: await engineSettings() }),
  (jobIds) => sendToEngine('engine:cancel', { jobIds }),
);

/** An origin as text, or 'null' (opaque origins share one partition, apart from every real site). */
function originOf(url: string | undefined): string {
  try {
    return url ? new URL(url).origin : 'null';
  } catch {
    return 'null';
  }
}

listen('content:caption', isContentScript, ({ imageId, src, priority, placeHint, region }, sender) => {
  // The frame's own origin decides whether private-network images may be fetched: a page on
  // 192.168.1.1 may have its images described, a public page pointing at it may not.
  // (sender.origin is the frame's real origin, also for about:blank and srcdoc frames; a sandboxed
  // frame's is opaque, and the address its document came from counts.)
  const allowPrivate = privateAddressKind(askingAddress((sender as { origin?: string }).origin, sender.url)) !== null;
  const site = originOf(sender.tab?.url);
  return queue.enqueue({ tabId: sender.tab!.id!, frameId: sender.frameId!, imageId, src, priority, placeHint, site, allowPrivate, region: region ?? null });
});

listen('content:cancel', isContentScript, ({ imageIds }, sender) => ({
  cancelled: queue.cancelImages(sender.tab!.id!, sender.frameId!, imageIds),
}));

browser.tabs.onRemoved.addListener((tabId) => {
  queue.cancelTab(tabId);
});

// Chrome stops an idle extension service worker after 30 s, and waiting for
// one long engine answer (a first WebGPU caption on a slow machine can take
// minutes) does not count as activity; the queue, and the content scripts'
// open replies, would be lost. Any extension API call resets the idle timer,
// so one is made every 20 s while jobs are pending.
setInterval(() => {
  if (queue.busy()) void browser.runtime.getPlatformInfo();
}, 20_000);
