/**
 * Site access, shown in the popup and the options page. Glimpse reads pages
 * through its host permission for all sites. Chrome grants it at install;
 * Firefox (MV3) lets users withhold it and grants it only when asked. So both
 * pages ask the browser whether it is granted, say so, and offer a button that
 * asks for it: the request must come from the user's own click. It is the same
 * code on both browsers, and on Chrome the button never shows.
 *
 * @example await showSiteAccess(document.getElementById('site-access')!);
 */
import browser from 'webextension-polyfill';

const ALL_SITES: browser.Permissions.Permissions = { origins: ['<all_urls>'] };

const GRANTED = 'Glimpse may read the images of every site you visit. Nothing leaves this computer.';
const WITHHELD = 'Glimpse can’t read any page yet: the browser has not given it access to sites. Allow it to have unlabelled images described.';
const REFUSED = 'Access was not given. Glimpse stays off on every page until it is.';

export async function showSiteAccess(container: HTMLElement): Promise<void> {
  const state = document.createElement('p');
  state.id = 'site-access-state';
  state.setAttribute('role', 'status');
  const allow = document.createElement('button');
  allow.type = 'button';
  allow.id = 'site-access-allow';
  allow.textContent = 'Allow Glimpse on all sites';
  container.replaceChildren(state, allow);

  const refresh = async (refused = false): Promise<void> => {
    const granted = await browser.permissions.contains(ALL_SITES).catch(() => false);
    state.textContent = granted ? GRANTED : refused ? REFUSED : WITHHELD;
    allow.hidden = granted;
  };
  allow.addEventListener('click', async () => {
    const granted = await browser.permissions.request(ALL_SITES).catch(() => false);
    await refresh(!granted);
  });
  // Granted or taken back elsewhere (about:addons, chrome://extensions): this page follows.
  browser.permissions.onAdded.addListener(() => void refresh());
  browser.permissions.onRemoved.addListener(() => void refresh());
  await refresh();
}
