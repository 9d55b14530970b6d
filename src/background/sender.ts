/**
 * Who may send what. Every message the service worker handles is checked
 * against its sender before it is acted on: `content:*` only from content
 * scripts in web pages (a tab and frame, never an extension page), `ui:*` only
 * from the extension's own pages.
 *
 * @example
 *   if (!isContentScript(sender)) throw new Error('refused');
 */
import browser, { type Runtime } from 'webextension-polyfill';

function extensionOrigin(): string {
  return browser.runtime.getURL('');
}

/** A content script of this extension, running in a frame of a tab. */
export function isContentScript(sender: Runtime.MessageSender): boolean {
  return (
    sender.id === browser.runtime.id &&
    typeof sender.tab?.id === 'number' &&
    typeof sender.frameId === 'number' &&
    // Extension pages opened in a tab also have `sender.tab`; content scripts never run in them.
    !(sender.url ?? '').startsWith(extensionOrigin())
  );
}

/** One of the extension's own pages (popup, options, offscreen document). */
export function isExtensionPage(sender: Runtime.MessageSender): boolean {
  return sender.id === browser.runtime.id && (sender.url ?? '').startsWith(extensionOrigin());
}
