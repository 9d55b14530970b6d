/**
 * Feature: the overlay toggle. The keyboard command `toggle-overlay`
 * (manifest: Alt+Shift+G, changeable at chrome://extensions/shortcuts) and the
 * popup's `ui:toggle-overlay` both send `tab:toggle-overlay` to the tab; every
 * frame's content script toggles its own part of the overlay.
 */
import browser from 'webextension-polyfill';
import { envelope, type ResponseOf } from '../shared/messages';
import { listen } from './listen';
import { isExtensionPage } from './sender';

/**
 * Toggles the top frame, then sets every frame to the top frame's new state, so
 * frames that loaded (or missed a message) since the last toggle don't fall out of step.
 */
async function toggle(tabId: number, visible?: boolean): Promise<ResponseOf<'tab:toggle-overlay'>> {
  const payload = visible === undefined ? {} : { visible };
  const top = (await browser.tabs.sendMessage(tabId, envelope('tab:toggle-overlay', payload), { frameId: 0 })) as ResponseOf<'tab:toggle-overlay'>;
  await browser.tabs.sendMessage(tabId, envelope('tab:toggle-overlay', { visible: top.visible }));
  return top;
}

browser.commands.onCommand.addListener(async (command, tab) => {
  if (command !== 'toggle-overlay') return;
  const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (tabId === undefined) return;
  // Pages where content scripts can't run (chrome://, the Web Store) have no receiver.
  await toggle(tabId).catch((error: unknown) => console.debug('[glimpse] overlay not available in this tab:', error));
});

listen('ui:toggle-overlay', isExtensionPage, ({ tabId }) => toggle(tabId));
