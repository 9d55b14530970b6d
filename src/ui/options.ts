/**
 * The options page: one form bound to the settings in `storage.sync`. Every
 * control saves itself on change (no Save button to forget); open tabs follow
 * through `storage.onChanged`. Confidence thresholds are shown in percent.
 */
import browser from 'webextension-polyfill';
import { envelope, type ResponseOf } from '../shared/messages';
import { normalizeSettings, type Settings } from '../shared/settings';
import { localizePage } from './i18n';
import { showSiteAccess } from './site-access';
import { ModelsSection } from './models-section';

const form = document.getElementById('form') as HTMLFormElement;
const $ = <T extends HTMLElement>(id: string): T => document.getElementById(id) as T;
const PERCENT_KEYS = new Set<keyof Settings>(['confidentAt', 'withholdBelow', 'uncalibratedConfidentAt', 'uncalibratedWithholdBelow']);
const LIST_KEYS = new Set<keyof Settings>(['deniedSites', 'allowedSites']);

function control(name: keyof Settings): RadioNodeList | HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null {
  return form.elements.namedItem(name) as RadioNodeList | HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null;
}

function show(settings: Settings): void {
  for (const [key, value] of Object.entries(settings) as Array<[keyof Settings, unknown]>) {
    const el = control(key);
    if (!el) continue;
    if (el instanceof HTMLInputElement && el.type === 'checkbox') el.checked = value === true;
    else if (el instanceof RadioNodeList) el.value = String(value);
    else if (LIST_KEYS.has(key)) el.value = (value as string[]).join('\n');
    else if (PERCENT_KEYS.has(key)) el.value = String(Math.round((value as number) * 100));
    else el.value = String(value);
  }
}

/** The stored value of the control named `key`, as the settings schema types it. */
function read(key: keyof Settings): unknown {
  const el = control(key);
  if (!el) return undefined;
  if (el instanceof HTMLInputElement && el.type === 'checkbox') return el.checked;
  if (LIST_KEYS.has(key)) return el.value.split(/[\n,]/).map((s) => s.trim()).filter(Boolean);
  if (PERCENT_KEYS.has(key)) return Number(el.value) / 100;
  if (el instanceof HTMLInputElement && el.type === 'number') return Number(el.value);
  return el.value;
}

function fillVoices(current: string): void {
  const select = $<HTMLSelectElement>('voice');
  const voices = typeof speechSynthesis === 'undefined' ? [] : speechSynthesis.getVoices();
  const options = [new Option(browser.i18n.getMessage('optVoiceDefault') || 'Browser default', '')];
  for (const voice of voices) options.push(new Option(`${voice.name} (${voice.lang})`, voice.voiceURI));
  // A voice chosen on another computer (storage.sync) stays chosen even where it is not installed.
  if (current && !voices.some((v) => v.voiceURI === current)) options.push(new Option(current, current));
  select.replaceChildren(...options);
  select.value = current;
}

async function load(): Promise<Settings> {
  return normalizeSettings(await browser.storage.sync.get(null));
}

async function main(): Promise<void> {
  localizePage(document);
  void showSiteAccess(document.getElementById('site-access')!);
  let settings = await load();
  show(settings);
  const models = new ModelsSection($('models'));
  void models.render().catch((error: unknown) => ($('model-status').textContent = `Stored models can't be listed: ${error instanceof Error ? error.message : String(error)}`));
  void models.showEngine();
  // The engine loads a model on its first image, and may fall back: say what it uses now.
  setInterval(() => void models.showEngine(), 3000);
  fillVoices(settings.voice);
  if (typeof speechSynthesis !== 'undefined') speechSynthesis.addEventListener('voiceschanged', () => fillVoices(settings.voice));

  form.addEventListener('submit', (event) => event.preventDefault());
  form.addEventListener('change', async (event) => {
    const name = (event.target as HTMLInputElement).name as keyof Settings;
    if (!name) return;
    // Store the value as every reader will see it (clamped, cleaned), not the raw input.
    const kept = normalizeSettings({ ...(await browser.storage.sync.get(null)), [name]: read(name) });
    await browser.storage.sync.set({ [name]: kept[name] });
    settings = await load();
    // Show what was kept (clamped numbers, cleaned host names), so the form never disagrees with storage.
    show(settings);
    $('saved').textContent = browser.i18n.getMessage('optSaved') || 'Saved.';
  });

  $('clear-cache').addEventListener('click', async () => {
    const state = $('cache-state');
    try {
      const answer = (await browser.runtime.sendMessage(envelope('ui:clear-cache', {}))) as ResponseOf<'ui:clear-cache'>;
      state.textContent = `${browser.i18n.getMessage('optCacheCleared') || 'Saved descriptions cleared:'} ${answer.cleared}`;
    } catch {
      state.textContent = browser.i18n.getMessage('optCacheFailed') || 'The caption engine is not available; nothing was cleared.';
    }
  });

  // Another window (or the popup's "pause on this site") changed a setting.
  browser.storage.onChanged.addListener(async (changes, area) => {
    if (area !== 'sync') return;
    settings = await load();
    show(settings);
    if ('captionModel' in changes) void models.render();
  });
}

void main();
