/**
 * Reads what the extension knows through its own typed protocol, as the
 * popup and the reports do: the engine status (`ui:engine-status`, sent from
 * an extension page) and one frame's images with their descriptions
 * (`tab:descriptions`, sent by the service worker to the tab).
 *
 * @example
 *   const images = await waitForDescriptions(serviceWorker, page.url(), 3);
 */
import type { BrowserContext, Worker } from '@playwright/test';
import type { DescribedImage, EngineStatus } from '../../src/shared/messages';

/** Asks the service worker for the engine status from an extension page, like the popup does. */
export async function engineStatus(context: BrowserContext, extensionId: string): Promise<EngineStatus> {
  const page = await context.newPage();
  try {
    await page.goto(`chrome-extension://${extensionId}/src/ui/options.html`);
    return await page.evaluate(() => chrome.runtime.sendMessage({ type: 'ui:engine-status', payload: {} }) as Promise<EngineStatus>);
  } finally {
    await page.close();
  }
}

/** The top frame's image records of the tab showing `url`, as the content script reports them. */
export async function descriptions(serviceWorker: Worker, url: string): Promise<DescribedImage[]> {
  return serviceWorker.evaluate(async (pageUrl) => {
    const [tab] = await chrome.tabs.query({ url: pageUrl.split('#')[0] });
    if (tab?.id === undefined) return [];
    try {
      const answer = (await chrome.tabs.sendMessage(tab.id, { type: 'tab:descriptions', payload: {} }, { frameId: 0 })) as { images: DescribedImage[] } | undefined;
      return answer?.images ?? [];
    } catch {
      return []; // content script not there yet
    }
  }, url);
}

/** Polls until `count` images of the page carry an engine answer; returns all records. */
export async function waitForDescriptions(serviceWorker: Worker, url: string, count: number, timeoutMs = 90_000): Promise<DescribedImage[]> {
  const deadline = Date.now() + timeoutMs;
  let images: DescribedImage[] = [];
  while (Date.now() < deadline) {
    images = await descriptions(serviceWorker, url);
    if (images.filter((i) => i.description !== null).length >= count) return images;
    await new Promise((ok) => setTimeout(ok, 250));
  }
  throw new Error(`only ${images.filter((i) => i.description !== null).length} of ${count} images were described: ${JSON.stringify(images)}`);
}
