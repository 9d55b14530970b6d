/**
 * Reads a frame's audit from the content script, through the service worker,
 * with the same typed `tab:audit` message the extension itself uses.
 *
 * @example
 *   const report = await auditOf(serviceWorker, page.url());
 */
import type { Worker } from 'playwright-core';
import type { AuditReport } from '../../src/shared/audit';

/** Asks the content script of the frame at `frameUrl` (default: top frame) in the tab showing `tabUrl`. */
export async function auditOf(serviceWorker: Worker, tabUrl: string, frameUrl?: string, rescan = false): Promise<AuditReport> {
  return serviceWorker.evaluate(
    async ({ tabUrl, frameUrl, rescan }) => {
      const tabs = await chrome.tabs.query({});
      const tab = tabs.find((t) => t.url === tabUrl);
      if (tab?.id === undefined) throw new Error(`no tab shows ${tabUrl}`);
      const payload: { frameUrl?: string; rescan: boolean } = { rescan };
      if (frameUrl !== undefined) payload.frameUrl = frameUrl;
      return chrome.tabs.sendMessage(tab.id, { type: 'tab:audit', payload });
    },
    { tabUrl, frameUrl, rescan },
  );
}

/** Sends any `tab:*` message to the tab showing `tabUrl` (all frames) and returns the first answer. */
export async function sendToTab(serviceWorker: Worker, tabUrl: string, type: string, payload: unknown): Promise<unknown> {
  return serviceWorker.evaluate(
    async ({ tabUrl, type, payload }) => {
      const tab = (await chrome.tabs.query({})).find((t) => t.url === tabUrl);
      if (tab?.id === undefined) throw new Error(`no tab shows ${tabUrl}`);
      return chrome.tabs.sendMessage(tab.id, { type, payload });
    },
    { tabUrl, type, payload },
  );
}
