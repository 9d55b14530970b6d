/**
 * The engine host on Firefox: Firefox has no offscreen documents, and its MV3
 * background is an event page (a document) that can start Workers itself, so
 * the EngineHost lives here and starts the dedicated caption worker directly
 * (Comlink, the same worker API as in Chrome's offscreen document). Chosen at
 * build time through `#engine-adapter` (package.json "imports", condition
 * `firefox`); the Chrome build gets engine-adapter-chrome.ts.
 *
 * @example
 *   const outcome = await sendToEngine('engine:caption', { jobId, src, engine: { backend: 'auto', threads: 0 } });
 */
import type { BackgroundToEngine, RequestOf, ResponseOf } from '../shared/messages';
import { EngineHost } from '../engine/engine-host';
import { engineHandlers, type EngineHandlers } from '../engine/engine-handlers';

let handlers: EngineHandlers | null = null;

/** Whether the engine has been started in this background page (without starting it). */
export function engineRunning(): Promise<boolean> {
  return Promise.resolve(handlers !== null);
}

/** Hands one request to the engine in this page, starting it first. */
export async function sendToEngine<K extends keyof BackgroundToEngine>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  handlers ??= engineHandlers(new EngineHost());
  const handler = handlers[type] as (payload: RequestOf<K>) => Promise<ResponseOf<K>> | ResponseOf<K>;
  return handler(payload);
}
