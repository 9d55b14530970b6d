/**
 * The popup's user actions: describe every image of this page now (what
 * on-demand mode waits for), pause Glimpse on this site (the options' deny
 * list, so every tab of the site follows through storage.onChanged), and
 * speech on or off.
 *
 * @example
 *   await popupActions(tabId);
 */
import browser from 'webextension-polyfill';
import { envelope, type ResponseOf } from '../shared/messages';
import { normalizeHost, normalizeSettings } from '../shared/settings';
import { localizePage } from './i18n';

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const say = (text: string): void => void ($('action-state').textContent = text);
const message = (key: string, fallback: string): string => browser.i18n.getMessage(key) || fallback;

async function siteOf(tabId: number | undefined): Promise<string> {
  if (tabId === undefined) return '';
  const url = (await browser.tabs.get(tabId).catch(() => undefined))?.url ?? '';
  return /^https?:/.test(url) ? normalizeHost(url) : '';
}

export async function popupActions(tabId: number | undefined): Promise<void> {
  localizePage(document);
  const site = await siteOf(tabId);
  const settings = normalizeSettings(await browser.storage.sync.get(null));
  const pause = $<HTMLButtonElement>('pause-site');
  const speech = $<HTMLInputElement>('speech');
  speech.checked = settings.speech;

  const showPaused = (paused: boolean): void => {
    pause.setAttribute('aria-pressed', String(paused));
    pause.textContent = paused ? message('popupResumeSite', 'Resume Glimpse on this site') : message('popupPauseSite', 'Pause Glimpse on this site');
  };
  showPaused(settings.deniedSites.includes(site));
  pause.disabled = site === '';

  $('describe-all').addEventListener('click', async () => {
    if (tabId === undefined) return;
    const answer = (await browser.tabs.sendMessage(tabId, envelope('tab:describe-all', {})).catch(() => undefined)) as ResponseOf<'tab:describe-all'> | undefined;
    if (!answer) say('Glimpse can’t describe images on this page.');
    else say(answer.active ? 'Describing the images on this page.' : 'Glimpse is off or paused here: turn it on to describe images.');
  });

  pause.addEventListener('click', async () => {
    const { deniedSites } = normalizeSettings(await browser.storage.sync.get('deniedSites'));
    const paused = !deniedSites.includes(site);
    await browser.storage.sync.set({ deniedSites: paused ? [...deniedSites, site] : deniedSites.filter((s) => s !== site) });
    showPaused(paused);
    say(paused ? `Glimpse is paused on ${site}; the page’s own text is back.` : `Glimpse runs on ${site} again.`);
  });

  speech.addEventListener('change', async () => {
    await browser.storage.sync.set({ speech: speech.checked });
    say(speech.checked ? 'Descriptions will be spoken.' : 'Speech is off.');
  });
}
