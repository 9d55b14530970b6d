/**
 * Whether Glimpse acts on this frame, and with which settings: the settings in
 * `storage.sync` (changes arrive through `storage.onChanged`, so open tabs
 * follow the options page without a reload), the site lists, and a per-tab
 * pause sent by the popup (`tab:pause`, kept in memory: a reload resumes), and
 * the on-demand request `tab:describe-all` (popup button, `describe-all` command).
 *
 * Until storage answers, Glimpse is inactive: starting with the defaults would
 * write names into a page whose user switched Glimpse off, then take them back.
 *
 * @example
 *   const state = watchGlimpseState(controller.signal);
 *   state.subscribe(({ active, settings }) => …, controller.signal);
 */
import browser from 'webextension-polyfill';
import { DEFAULT_SETTINGS, normalizeSettings, siteAllowed, type Settings } from '../shared/settings';
import { listenTab } from './listen-tab';

export interface GlimpseState {
  /** Settings read, Glimpse on, this site allowed and this tab not paused. */
  active: boolean;
  /** This tab was paused from the popup. */
  tabPaused: boolean;
  /** "Describe all images on this page" was asked for (what on-demand mode waits for). */
  describeRequested: boolean;
  settings: Settings;
}

export interface GlimpseStateStore {
  current(): GlimpseState;
  /** Calls `listener` now and after every change. */
  subscribe(listener: (state: GlimpseState) => void, signal: AbortSignal): void;
}

/** The host the site lists see: the top page's for every frame it can read, else this frame's. */
function siteHost(): string {
  try {
    return (window.top ?? window).location.hostname;
  } catch {
    // A cross-origin parent: its location is not readable from this frame.
    return location.hostname;
  }
}

export function watchGlimpseState(signal: AbortSignal): GlimpseStateStore {
  let loaded = false;
  let settings: Settings = { ...DEFAULT_SETTINGS };
  let tabPaused = false;
  let describeRequested = false;
  let state: GlimpseState = { active: false, tabPaused, describeRequested, settings };
  const listeners = new Set<(state: GlimpseState) => void>();

  const update = (): void => {
    state = { active: loaded && !tabPaused && siteAllowed(settings, siteHost()), tabPaused, describeRequested, settings };
    for (const listener of [...listeners]) listener(state);
  };

  const reload = async (): Promise<void> => {
    // The markers' defaults are UI text: the locale's, unless the user wrote their own.
    const localeDefaults = { marker: browser.i18n.getMessage('labelMarker') || undefined, uncertainMarker: browser.i18n.getMessage('labelUncertainMarker') || undefined };
    settings = normalizeSettings({ ...localeDefaults, ...(await browser.storage.sync.get(null)) });
    loaded = true;
    if (!signal.aborted) update();
  };

  const onChanged = (_changes: unknown, area: string): void => {
    if (area === 'sync') void reload();
  };
  browser.storage.onChanged.addListener(onChanged);
  signal.addEventListener('abort', () => browser.storage.onChanged.removeListener(onChanged), { once: true });
  reload().catch((error: unknown) => console.error('[glimpse] could not read settings', error));

  listenTab(
    'tab:pause',
    ({ paused }) => {
      tabPaused = paused ?? !tabPaused;
      update();
      return { paused: tabPaused };
    },
    signal,
  );

  listenTab(
    'tab:describe-all',
    () => {
      describeRequested = true;
      update();
      return { active: state.active };
    },
    signal,
  );

  return {
    current: () => state,
    subscribe(listener, listenerSignal) {
      listeners.add(listener);
      listenerSignal.addEventListener('abort', () => listeners.delete(listener), { once: true });
      listener(state);
    },
  };
}
