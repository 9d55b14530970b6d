/**
 * Feature: the "Describe this image" context menu on every image, labelled or
 * not. The frame that holds the image shows the description in a popover (and
 * speaks it when speech is on); the image itself is not changed.
 */
import browser from 'webextension-polyfill';
import { envelope } from '../shared/messages';

export const DESCRIBE_IMAGE_MENU = 'glimpse-describe-image';

// Menu items persist across service-worker restarts; they are (re)created on install and update.
browser.runtime.onInstalled.addListener(() => {
  browser.contextMenus.create({ id: DESCRIBE_IMAGE_MENU, title: browser.i18n.getMessage('menuDescribeImage') || 'Describe this image', contexts: ['image'] });
});

browser.contextMenus.onClicked.addListener(async (info, tab) => {
  if (info.menuItemId !== DESCRIBE_IMAGE_MENU || tab?.id === undefined || !info.srcUrl) return;
  await browser.tabs
    .sendMessage(tab.id, envelope('tab:describe-image', { srcUrl: info.srcUrl }), { frameId: info.frameId ?? 0 })
    .catch((error: unknown) => console.debug('[glimpse] no content script for this image:', error));
});
