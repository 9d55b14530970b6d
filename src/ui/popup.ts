/**
 * The toolbar popup: counts per status for the current tab, the overlay
 * toggle, the keyboard shortcut, and the caption engine's state.
 * Opened as a page (e.g. in tests) it reads the tab from `?tabId=`.
 */
import browser from 'webextension-polyfill';
import { IMAGE_STATUSES, STATUS_LABELS } from '../shared/image-status';
import { notDescribedWords } from '../shared/audit';
import { popupActions } from './popup-actions';
import { DOWNLOAD_STATE_KEY, downloadStateText, type ModelDownloadState } from '../shared/model-download-state';
import { showSiteAccess } from './site-access';
import { envelope, type EngineStatus, type MessageName, type RequestOf, type ResponseOf, type PageCounts } from '../shared/messages';

const ENGINE_TIMEOUT_MS = 3000;

const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;

async function send<K extends MessageName>(type: K, payload: RequestOf<K>, timeoutMs = ENGINE_TIMEOUT_MS): Promise<ResponseOf<K>> {
  const answer = browser.runtime.sendMessage(envelope(type, payload)) as Promise<ResponseOf<K> | undefined>;
  const timeout = new Promise<never>((_, reject) => setTimeout(() => reject(new Error('no answer')), timeoutMs));
  const response = await Promise.race([answer, timeout]);
  // No listener for the message answers undefined rather than rejecting.
  if (response === undefined) throw new Error('no answer');
  return response;
}

async function currentTabId(): Promise<number | undefined> {
  const fromUrl = Number(new URLSearchParams(location.search).get('tabId'));
  if (Number.isInteger(fromUrl) && fromUrl > 0) return fromUrl;
  return (await browser.tabs.query({ active: true, currentWindow: true }))[0]?.id;
}

function showCounts(page: PageCounts | null): void {
  const list = $<HTMLUListElement>('counts');
  list.replaceChildren();
  if (!page) {
    $('counts-note').textContent = 'Glimpse can’t read this page (browser pages and the extension store are off limits).';
    return;
  }
  for (const status of IMAGE_STATUSES) {
    const li = document.createElement('li');
    li.dataset.status = status;
    const label = document.createElement('span');
    label.textContent = STATUS_LABELS[status];
    const n = document.createElement('span');
    n.className = 'n';
    n.textContent = String(page.counts[status]);
    li.append(label, n);
    const skips = notDescribedWords(page.notDescribed[status]);
    if (skips) li.append(Object.assign(document.createElement('span'), { className: 'skips', textContent: `(${skips})` }));
    list.append(li);
  }
  const { counts } = page;
  $('counts-note').textContent = counts.missing === 0 ? 'No image here lacks a text alternative.' : `${counts.missing} need a text alternative.`;
}

async function loadCounts(tabId: number | undefined): Promise<void> {
  if (tabId === undefined) return showCounts(null);
  const summed = await send('ui:page-counts', { tabId }).catch(() => null);
  if (summed?.page) return showCounts(summed.page);
  // The background holds no counts yet (it restarted, or the page is still scanning): ask the top frame.
  const top = (await browser.tabs.sendMessage(tabId, envelope('tab:counts', {})).catch(() => undefined)) as ResponseOf<'tab:counts'> | undefined;
  showCounts(top ?? null);
}

function describeEngine(status: EngineStatus): string {
  if (status.state === 'error') return `Caption engine: error — ${status.error ?? 'unknown problem'}`;
  const parts = [status.state, status.backend, status.model].filter(Boolean);
  const missing = status.missing?.length ? `. Missing: ${status.missing.join('; ')}` : '';
  const fallback = status.fallback ? `. ${status.fallback}` : '';
  return `Caption engine: ${parts.join(', ')}${fallback}${missing}`;
}

async function loadEngineStatus(): Promise<void> {
  const status = await send('ui:engine-status', {}).catch(() => null);
  $('engine').textContent = status ? describeEngine(status) : 'Caption engine: not available';
}

/** The last model download, as the options page reported it (storage.session). */
async function loadModelDownload(): Promise<void> {
  const stored = (await browser.storage.session.get(DOWNLOAD_STATE_KEY).catch(() => ({}))) as Record<string, ModelDownloadState | undefined>;
  const state = stored[DOWNLOAD_STATE_KEY];
  $('model-download').textContent = state ? downloadStateText(state) : '';
}

async function loadShortcut(): Promise<void> {
  const command = (await browser.commands.getAll()).find((c) => c.name === 'toggle-overlay');
  $('shortcut').textContent = command?.shortcut
    ? `Shortcut: ${command.shortcut} (change it at chrome://extensions/shortcuts).`
    : 'No shortcut set: choose one at chrome://extensions/shortcuts.';
}

async function main(): Promise<void> {
  const tabId = await currentTabId();
  $('toggle-overlay').addEventListener('click', async () => {
    if (tabId === undefined) return;
    const result = await send('ui:toggle-overlay', { tabId }).catch(() => null);
    $('overlay-state').textContent = result === null ? 'The overlay is not available on this page.' : result.visible ? 'Overlay shown.' : 'Overlay hidden.';
  });
  await Promise.all([showSiteAccess($('site-access')), loadCounts(tabId), loadEngineStatus(), loadModelDownload(), loadShortcut(), popupActions(tabId)]);
}

void main();
