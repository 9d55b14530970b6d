/**
 * Typed registration of one message handler in the service worker, with the
 * sender check in front of it. Handlers for other message types are left
 * alone (the listener returns undefined, so another listener may answer).
 *
 * @example
 *   listen('ui:engine-status', isExtensionPage, () => engineStatus());
 */
import browser, { type Runtime } from 'webextension-polyfill';
import { isEnvelope, type ContentToBackground, type RequestOf, type ResponseOf, type UiToBackground } from '../shared/messages';

type Handled = keyof ContentToBackground | keyof UiToBackground;

export function listen<K extends Handled>(
  type: K,
  accept: (sender: Runtime.MessageSender) => boolean,
  handler: (payload: RequestOf<K>, sender: Runtime.MessageSender) => Promise<ResponseOf<K>> | ResponseOf<K>,
): void {
  browser.runtime.onMessage.addListener((message: unknown, sender: Runtime.MessageSender) => {
    if (!isEnvelope(message) || message.type !== type) return undefined;
    if (!accept(sender)) {
      console.warn(`[glimpse] refused ${type} from`, sender.url ?? sender.id);
      return Promise.reject(new Error(`Glimpse does not accept ${type} from this sender.`));
    }
    return Promise.resolve(handler(message.payload as RequestOf<K>, sender));
  });
}
