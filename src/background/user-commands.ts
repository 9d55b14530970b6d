/**
 * Feature: the keyboard commands for users (the overlay's is in ./commands.ts).
 * `describe-all` describes and names every image of the tab now (what
 * on-demand mode waits for); `speak-focused` speaks the focused image's
 * description. Keys are set in manifest.json and can be changed at
 * chrome://extensions/shortcuts.
 */
import browser from 'webextension-polyfill';
import { envelope } from '../shared/messages';

browser.commands.onCommand.addListener(async (command, tab) => {
  if (command !== 'describe-all' && command !== 'speak-focused') return;
  const tabId = tab?.id ?? (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
  if (tabId === undefined) return;
  const message = command === 'describe-all' ? envelope('tab:describe-all', {}) : envelope('tab:speak-focused', {});
  // Pages where content scripts can't run (chrome://, the Web Store) have no receiver.
  await browser.tabs.sendMessage(tabId, message).catch((error: unknown) => console.debug(`[glimpse] ${command} not available in this tab:`, error));
});
