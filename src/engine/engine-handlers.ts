/**
 * What the engine does for each `engine:*` message, over one EngineHost. The
 * Chrome offscreen document answers these messages (engine-messages.ts); the
 * Firefox background page calls them directly (engine-adapter-firefox.ts).
 */
import type { BackgroundToEngine, RequestOf, ResponseOf } from '../shared/messages';
import type { EngineHost } from './engine-host';

export type EngineHandlers = { [K in keyof BackgroundToEngine]: (payload: RequestOf<K>) => Promise<ResponseOf<K>> | ResponseOf<K> };

export function engineHandlers(host: EngineHost): EngineHandlers {
  return {
    'engine:caption': ({ jobId, src, engine, placeHint, site, allowPrivate, region }) => host.caption(jobId, src, engine, placeHint, { site, allowPrivate, region: region ?? null }),
    'engine:cancel': ({ jobIds }) => ({ cancelled: host.cancel(jobIds) }),
    'engine:status': () => host.checkedStatus(),
    'engine:clear-cache': async () => ({ cleared: await host.clearCache() }),
  };
}
