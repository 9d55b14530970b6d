/**
 * Typed registration of one `tab:*` message handler in a content script.
 * Only this extension can message its content scripts, but the sender id is
 * checked anyway, and messages from a tab (other content scripts) are refused.
 * Returning undefined from the handler leaves the message to another frame.
 *
 * @example
 *   listenTab('tab:counts', () => ({ counts }), signal);
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { isEnvelope, type BackgroundToContent, type RequestOf, type ResponseOf } from '../shared/messages';

export function listenTab<K extends keyof BackgroundToContent>(
  type: K,
  handler: (payload: RequestOf<K>) => Promise<ResponseOf<K>> | ResponseOf<K> | undefined,
  signal: AbortSignal,
): void {
  const listener = (message: unknown, sender: Runtime.MessageSender): Promise<ResponseOf<K>> | undefined => {
    if (!isEnvelope(message) || message.type !== type || sender.id !== browser.runtime.id || sender.tab) return undefined;
    const answer = handler(message.payload as RequestOf<K>);
    return answer === undefined ? undefined : Promise.resolve(answer);
  };
  browser.runtime.onMessage.addListener(listener);
  signal.addEventListener('abort', () => browser.runtime.onMessage.removeListener(listener), { once: true });
}
