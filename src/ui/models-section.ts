/**
 * Feature: the options page's Models section. Lists the embedded model
 * (always there, the default), the standard models of standard-models.json
 * and any model added by address, each with its card and its size before
 * anything is fetched; downloads one only when its Download button is
 * pressed (explicit consent), with a progress bar; shows the storage used;
 * deletes; and chooses the model that writes captions (the captionModel
 * setting). Nothing here fetches anything until a button is pressed.
 */
import browser from 'webextension-polyfill';
import { deleteModel, listStoredModels, readPlan, writePlan, type StoredModelEntry } from '../model-store/opfs-store';
import { planIncomplete, planTotal, type DownloadResult } from '../model-store/download-model';
import { urlModelPlan } from '../model-store/url-model';
import { importFolder, importZip } from '../model-store/import-folder';
import type { DownloadPlan } from '../model-store/stored-model';
import { mb } from '../model-store/download-error';
import { parseSha256Manifest, type ManifestFile } from '../shared/model-verify';
import { DEFAULT_MODEL_ID, EMBEDDED_MODEL_NAME } from '../shared/model-id';
import { envelope, type EngineStatus } from '../shared/messages';
import { normalizeSettings } from '../shared/settings';
import { STANDARD_MODELS, standardBaseUrl, type StandardModel } from '../shared/standard-models';
import { DOWNLOAD_STATE_KEY, type ModelDownloadState } from '../shared/model-download-state';
import { askSizes, runDownload } from './model-download';

/** Tells the popup how the download goes (storage.session), at most once a second while bytes arrive. */
function reporter(plan: DownloadPlan): { progress(received: number, total: number | null): void; end(state: ModelDownloadState['state'], message: string | null): void } {
  let last = 0;
  let received = 0;
  let total: number | null = null;
  const write = (state: ModelDownloadState['state'], message: string | null) =>
    void browser.storage.session.set({ [DOWNLOAD_STATE_KEY]: { id: plan.id, name: plan.name, state, received, total, message } satisfies ModelDownloadState }).catch(() => undefined);
  // The page closing ends the download: the popup says it stopped, and where to resume it.
  const stopped = () => write('stopped', null);
  addEventListener('pagehide', stopped);
  return {
    progress(n, t) {
      received = n;
      total = t;
      if (Date.now() - last < 1000) return;
      last = Date.now();
      write('downloading', null);
    },
    end(state, message) {
      removeEventListener('pagehide', stopped);
      write(state, message);
    },
  };
}

interface Row {
  plan: DownloadPlan;
  card: Pick<StandardModel, 'licence' | 'trainingData' | 'architecture' | 'approximateTotalMB' | 'calibration'> | null;
  entry: StoredModelEntry | null;
}

const el = <K extends keyof HTMLElementTagNameMap>(tag: K, props: Partial<HTMLElementTagNameMap[K]> = {}, ...children: (Node | string)[]): HTMLElementTagNameMap[K] => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children);
  return node;
};

/** A DOM id from a model id. */
const domId = (id: string): string => `model-${id.replace(/[^a-zA-Z0-9]+/g, '-')}`;
const pct = (n: number): string => `${Math.round(n * 100)} %`;

function sizeText(row: Row): string {
  const total = planTotal(row.plan);
  if (total !== null) return mb(total);
  if (row.card?.approximateTotalMB) return `about ${row.card.approximateTotalMB} MB (the exact size and sha256 are not yet pinned in Glimpse's list: they are read from the server when you press Download)`;
  return 'not known until the server is asked (Download asks it first)';
}

export class ModelsSection {
  private readonly list: HTMLElement;
  private readonly status: HTMLElement;
  private readonly busy = new Set<string>();

  constructor(private readonly root: HTMLElement) {
    this.list = root.querySelector('#model-list')!;
    this.status = root.querySelector('#model-status')!;
    root.querySelector<HTMLFormElement>('#add-model')!.addEventListener('submit', (event) => {
      event.preventDefault();
      void this.add();
    });
    const folder = root.querySelector<HTMLInputElement>('#model-folder')!;
    folder.addEventListener('change', () => void this.importChosen(folder));
    const zip = root.querySelector<HTMLInputElement>('#model-zip')!;
    zip.addEventListener('change', () => void this.importChosenZip(zip));
  }

  private say(text: string): void {
    this.status.textContent = text;
  }

  private async active(): Promise<string> {
    return normalizeSettings(await browser.storage.sync.get(null)).captionModel;
  }

  private async rows(): Promise<Row[]> {
    const stored = await listStoredModels();
    const rows: Row[] = STANDARD_MODELS.map((m) => ({ plan: { id: m.id, name: m.name, baseUrl: standardBaseUrl(m), files: m.files, calibration: m.calibration }, card: m, entry: stored.find((s) => s.id === m.id) ?? null }));
    for (const entry of stored) {
      if (rows.some((r) => r.plan.id === entry.id)) continue;
      const plan = (await readPlan(entry.id)) ?? (entry.model && { id: entry.id, name: entry.model.name, baseUrl: entry.model.baseUrl, files: entry.model.files.map((f) => ({ path: f.path, size: f.size, sha256: f.expected })) });
      if (plan) rows.push({ plan, card: null, entry });
    }
    return rows;
  }

  /** Draws the list again from what OPFS holds now. */
  async render(): Promise<void> {
    const [rows, active] = await Promise.all([this.rows(), this.active()]);
    const items = [this.embeddedItem(active), ...rows.map((row) => this.item(row, active))];
    this.list.replaceChildren(...items);
    const used = rows.reduce((sum, r) => sum + (r.entry?.bytes ?? 0), 0);
    const estimate = await navigator.storage.estimate().catch(() => null);
    this.root.querySelector('#model-storage')!.textContent = `Downloaded models use ${mb(used)} of this browser's storage${estimate?.quota ? ` (it allows this extension about ${mb(estimate.quota)})` : ''}.`;
  }

  private choice(id: string, name: string, active: string, usable: boolean): HTMLElement {
    const radio = el('input', { type: 'radio', name: 'model-choice', value: id, checked: active === id, disabled: !usable, id: `${domId(id)}-use` });
    radio.addEventListener('change', () => void this.use(id, name));
    return el('label', { htmlFor: radio.id }, radio, ` Use ${name} for captions`);
  }

  private embeddedItem(active: string): HTMLElement {
    return el(
      'li',
      { id: domId(DEFAULT_MODEL_ID) },
      el('h3', {}, EMBEDDED_MODEL_NAME),
      el('p', { className: 'help' }, 'Shipped inside Glimpse, works offline, always there. Trained on 6,000 Flickr8k photos (mostly people and dogs, often outdoors). Its confidence thresholds were measured (calibrated).'),
      this.choice(DEFAULT_MODEL_ID, 'the embedded model', active, true),
    );
  }

  private item(row: Row, active: string): HTMLElement {
    const { plan, entry, card } = row;
    const id = domId(plan.id);
    const model = entry?.model ?? null;
    const facts = el('dl', { className: 'model-card' });
    const fact = (term: string, value: string) => facts.append(el('dt', {}, term), el('dd', {}, value));
    const imported = plan.baseUrl === '';
    fact('Source', imported ? (plan.id.startsWith('zip:') ? 'A zip imported from this computer' : 'A folder imported from this computer') : plan.baseUrl);
    if (card) {
      fact('Architecture', card.architecture);
      fact('Licence', card.licence);
      fact('Training data', card.trainingData);
      fact('Known limits', "Not recorded in Glimpse yet: read the publisher's model card at the source.");
    }
    fact('Download size', sizeText(row));
    const calibration = model?.calibration ?? card?.calibration ?? null;
    fact(
      'Calibration',
      calibration
        ? `Measured on ${calibration.measuredOn}: its captions are withheld below ${pct(calibration.withholdBelow)} confidence and hedged below ${pct(calibration.confidentAt)}.`
        : 'None: Glimpse has not measured how its confidence relates to caption quality, so the stricter thresholds for models without calibration apply (see "How descriptions are written").',
    );
    const state = model
      ? `Stored (${mb(entry!.bytes)}). ${model.verified ? 'Every file matched its published hash.' : 'Files checked for size and content; no published sha256 was available for some of them, so they are unverified.'}`
      : entry
        ? `Partly downloaded (${mb(entry.bytes)} so far): Download resumes where it stopped.`
        : 'Not downloaded. Nothing is fetched until you press Download.';
    if (imported && !model) fact('State', 'The import did not finish: import the folder again.');
    const progress = el('progress', { id: `${id}-progress`, max: 1, value: 0, hidden: true });
    progress.setAttribute('aria-label', `Downloading ${plan.name}`);
    const progressText = el('span', { id: `${id}-progress-text`, className: 'help' });
    const download = el('button', { type: 'button', id: `${id}-download`, textContent: model ? 'Download again' : entry ? 'Resume download' : 'Download' });
    download.setAttribute('aria-describedby', `${id}-size`);
    download.addEventListener('click', () => void this.download(row, progress, progressText));
    const buttons = el('p', { className: 'buttons' }, ...(imported ? [] : [download]));
    if (entry) {
      const remove = el('button', { type: 'button', id: `${id}-delete`, textContent: 'Delete' });
      remove.setAttribute('aria-label', `Delete ${plan.name}`);
      remove.addEventListener('click', () => void this.remove(plan));
      buttons.append(' ', remove);
    }
    return el(
      'li',
      { id },
      el('h3', {}, plan.name),
      facts,
      el('p', { id: `${id}-size`, className: 'help' }, `Size: ${sizeText(row)}.`),
      el('p', { id: `${id}-state` }, state),
      this.choice(plan.id, plan.name, active, model !== null),
      buttons,
      el('p', {}, progress, ' ', progressText),
    );
  }

  private async use(id: string, name: string): Promise<void> {
    await browser.storage.sync.set({ captionModel: id });
    this.say(`Captions now come from ${name}. The image-type check and the concepts still come from the embedded model.`);
    void this.showEngine();
  }

  private async download(row: Row, progress: HTMLProgressElement, text: HTMLElement): Promise<void> {
    const { plan } = row;
    if (this.busy.has(plan.id)) return;
    this.busy.add(plan.id);
    try {
      this.say(`Downloading ${plan.name}…`);
      const sized = planIncomplete(plan) ? await askSizes(plan) : plan;
      progress.hidden = false;
      const popup = reporter(plan);
      const result = await runDownload(sized, (p) => {
        popup.progress(p.received, p.total);
        const total = p.total ?? Math.max(p.received, 1);
        progress.max = total;
        progress.value = Math.min(p.received, total);
        text.textContent = `${(p.received / 1e6).toFixed(1)} of ${p.total === null ? '?' : (p.total / 1e6).toFixed(1)} MB (file ${p.fileIndex + 1} of ${p.fileCount}: ${p.file})`;
      });
      popup.end(result.ok ? 'done' : 'failed', result.message);
      // The list first, so the model can be chosen as soon as the message says so.
      await this.render();
      if (result.ok) this.say(`${plan.name} is downloaded and checked: ${result.message} Choose it below to use it for captions.`);
      else this.say(result.problem === 'refused' ? `${plan.name} was refused: ${result.message}` : `${plan.name} is not downloaded: ${result.message}`);
    } catch (error) {
      this.say(`${plan.name} is not downloaded: ${error instanceof Error ? error.message : String(error)}`);
    } finally {
      this.busy.delete(plan.id);
    }
  }

  private async remove(plan: DownloadPlan): Promise<void> {
    await deleteModel(plan.id);
    const wasActive = (await this.active()) === plan.id;
    if (wasActive) await browser.storage.sync.set({ captionModel: DEFAULT_MODEL_ID });
    await this.render();
    this.say(`${plan.name} was deleted.${wasActive ? ' Captions come from the embedded model again.' : ''}`);
  }

  /** "Add a model from a URL": the plan is kept (nothing is downloaded yet) and shown with its size. */
  private async add(): Promise<void> {
    const base = this.root.querySelector<HTMLInputElement>('#model-url')!.value;
    const manifestUrl = this.root.querySelector<HTMLInputElement>('#model-manifest')!.value.trim();
    try {
      let manifest: ManifestFile[] | null = null;
      if (manifestUrl) {
        const response = await fetch(manifestUrl, { credentials: 'omit', cache: 'no-store' });
        if (!response.ok) throw new Error(`The sha256 manifest could not be fetched (HTTP ${response.status} at ${manifestUrl}).`);
        manifest = parseSha256Manifest(await response.text());
      }
      const plan = await askSizes(urlModelPlan(base, manifest));
      await writePlan(plan);
      const total = planTotal(plan);
      this.say(`${plan.name} was added${total === null ? '' : ` (${mb(total)})`}. Nothing is downloaded until you press its Download button.`);
      await this.render();
      document.getElementById(`${domId(plan.id)}-download`)?.focus();
    } catch (error) {
      this.say(`The model was not added: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  /** "Import a model folder from disk": copied into OPFS and checked; nothing is fetched. */
  private importChosen(input: HTMLInputElement): Promise<void> {
    const files = [...(input.files ?? [])];
    return this.imported(input, 'folder', `Importing ${files.length} files…`, () => importFolder(files));
  }

  /** "…or a zip of such a folder": read entry by entry into OPFS and checked the same way. */
  private importChosenZip(input: HTMLInputElement): Promise<void> {
    const file = input.files?.[0];
    return file ? this.imported(input, 'zip', `Importing ${file.name}…`, () => importZip(file)) : Promise.resolve();
  }

  private async imported(input: HTMLInputElement, what: string, start: string, run: () => Promise<DownloadResult>): Promise<void> {
    this.say(start);
    const result = await run();
    input.value = '';
    await this.render();
    this.say(result.ok ? `${result.model.name} was imported and checked: ${result.message} Choose it above to use it for captions.` : `The ${what} was not imported: ${result.message}`);
  }

  /** Which model the engine really uses, and why when it is not the chosen one. */
  async showEngine(): Promise<void> {
    const out = this.root.querySelector('#model-engine')!;
    const status = (await browser.runtime.sendMessage(envelope('ui:engine-status', {})).catch(() => null)) as EngineStatus | null;
    if (!status || !status.model) {
      out.textContent = 'The caption engine has not loaded a model yet (it does on the first image it describes).';
      return;
    }
    out.textContent = `The caption engine uses ${status.model === DEFAULT_MODEL_ID ? 'the embedded model' : status.model}.${status.fallback ? ` ${status.fallback}` : ''}`;
  }
}
