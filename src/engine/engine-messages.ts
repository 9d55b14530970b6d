/**
 * Feature: the engine document answers `engine:*` messages, and only when
 * they come from the extension's own service worker. runtime.sendMessage
 * reaches every extension page and content scripts can send too, so the
 * sender is checked before anything is fetched or run.
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { isEnvelope, type BackgroundToEngine } from '../shared/messages';
import { EngineHost } from './engine-host';
import { engineHandlers } from './engine-handlers';

const handlers = engineHandlers(new EngineHost());

/**
 * The service worker's script URL, from the built manifest. Offscreen
 * documents get only part of chrome.runtime (no getManifest), so the manifest
 * is read as a file.
 */
const serviceWorkerUrl: Promise<string | null> = fetch(browser.runtime.getURL('manifest.json'))
  .then((response) => response.json() as Promise<{ background?: { service_worker?: string } }>)
  .then((manifest) => (manifest.background?.service_worker ? browser.runtime.getURL(manifest.background.service_worker) : null))
  .catch(() => null);

async function fromServiceWorker(sender: Runtime.MessageSender): Promise<boolean> {
  const url = await serviceWorkerUrl;
  return sender.id === browser.runtime.id && sender.tab === undefined && url !== null && sender.url === url;
}

browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
  if (!isEnvelope(message) || !(message.type in handlers)) return undefined;
  const handler = handlers[message.type as keyof BackgroundToEngine] as (payload: unknown) => unknown;
  return fromServiceWorker(sender).then((allowed) => {
    if (!allowed) throw new Error(`The Glimpse engine does not accept ${message.type} from ${sender.url ?? 'this sender'}.`);
    return handler(message.payload);
  });
});
