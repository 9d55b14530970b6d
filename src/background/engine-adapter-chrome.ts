/**
 * The engine host on Chrome (`#engine-adapter` in package.json "imports"; the
 * Firefox build gets engine-adapter-firefox.ts). Lifecycle of the offscreen
 * document that hosts the caption engine: created
 * once (reason WORKERS), reused by every tab, and created again if Chrome
 * closed it. Service workers can't start Workers, so the model lives there.
 *
 * The polyfill has no `offscreen` namespace, hence `chrome.offscreen`.
 *
 * @example
 *   const outcome = await sendToEngine('engine:caption', { jobId, src, engine: { backend: 'auto', threads: 0 } });
 */
import browser from 'webextension-polyfill';
import { envelope, type BackgroundToEngine, type RequestOf, type ResponseOf } from '../shared/messages';

const ENGINE_PAGE = 'src/engine/offscreen.html';

let creating: Promise<void> | null = null;

/** Whether the engine document exists right now (without creating it). */
export async function engineRunning(): Promise<boolean> {
  const contexts = await chrome.runtime.getContexts({
    contextTypes: [chrome.runtime.ContextType.OFFSCREEN_DOCUMENT],
    documentUrls: [chrome.runtime.getURL(ENGINE_PAGE)],
  });
  return contexts.length > 0;
}

/** Creates the engine document unless it exists; concurrent callers share one creation. */
export async function ensureEngine(): Promise<void> {
  if (await engineRunning()) return;
  creating ??= chrome.offscreen
    .createDocument({
      url: ENGINE_PAGE,
      reasons: [chrome.offscreen.Reason.WORKERS],
      justification: 'Runs the image captioning model in a worker, on this machine.',
    })
    .finally(() => {
      creating = null;
    });
  await creating;
}

const NO_RECEIVER = /Receiving end does not exist|Could not establish connection/;

/**
 * Sends one message to the engine, creating its document first. Retries
 * briefly when the document exists but its module script has not registered
 * its listener yet (Chrome reports "Receiving end does not exist").
 */
export async function sendToEngine<K extends keyof BackgroundToEngine>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  for (let attempt = 0; ; attempt++) {
    await ensureEngine();
    try {
      return (await browser.runtime.sendMessage(envelope(type, payload))) as ResponseOf<K>;
    } catch (error) {
      if (attempt >= 20 || !NO_RECEIVER.test(String(error))) throw error;
      await new Promise((ok) => setTimeout(ok, 100));
    }
  }
}
