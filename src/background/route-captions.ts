/**
 * Feature: caption requests from content scripts go through the priority
 * queue to the engine; cancellations come from the page (image removed) or
 * from the browser (tab closed).
 */
import browser from 'webextension-polyfill';
import { CaptionQueue } from './caption-queue';
import { listen } from './listen';
import { sendToEngine } from './offscreen-host';
import { isContentScript } from './sender';

const queue = new CaptionQueue(
  (jobId, src) => sendToEngine('engine:caption', { jobId, src }),
  (jobIds) => sendToEngine('engine:cancel', { jobIds }),
);

listen('content:caption', isContentScript, ({ imageId, src, priority }, sender) =>
  queue.enqueue({ tabId: sender.tab!.id!, frameId: sender.frameId!, imageId, src, priority }),
);

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
