/**
 * The engine document's side of captioning: fetch → size limits → cache
 * lookup → decode → transfer to the worker → cache store. One worker, one
 * model load per document (the document lives for the browser session).
 *
 * Several jobs may be here at once (the background hands over two): each
 * downloads and decodes on its own, and they take turns at the worker. Every
 * step has a deadline: the download (see fetch-image.ts), the decode, and the
 * worker's caption (OCR included). A worker past its deadline is terminated
 * (the only way to stop a running WASM session) and the next job starts a new
 * one; the stuck image fails 'timed-out'.
 *
 * @example
 *   const host = new EngineHost();
 *   const outcome = await host.caption('3/0/g-1#0', 'https://example.org/a.jpg');
 */
import * as Comlink from 'comlink';
import browser from 'webextension-polyfill';
import { nameHint } from '../captioner/image-type/gate';
import { DEFAULT_MODEL_ID, MODEL_MISSING_MESSAGE, modelFolder } from '../shared/model-id';
import type { CaptionOutcome, EngineStatus } from '../shared/messages';
import { DEFAULT_SETTINGS, engineChoice, engineChoiceKey, type EngineChoice } from '../shared/settings';
import type { ImageType } from '../shared/image-type';
import { regionKey, type ImageRegion } from '../shared/image-region';
import { CaptionCache, cacheKey } from './caption-cache';
import { sha256Hex } from '../shared/sha256';
import { CaptionError, raceAbort, raceDeadline, toFailure } from './caption-error';
import { cropToRegion } from './crop-region';
import { decodeImage } from './decode-image';
import { fetchImageBytes } from './fetch-image';
import { animationNote } from './gif-frames';
import { GPU_LOST, type CaptionWorkerApi, type GpuLostMessage, type WorkerCaption, type WorkerFailure, type WorkerReady } from './worker-api';
import { lifeLockName, whenEnded } from './worker-life';
import { onceMoreIfStopped, WorkerStopped } from './worker-retry';
import { readStoredModel } from '../model-store/opfs-store';
import { filesKey, type StoredModel } from '../model-store/stored-model';

/**
 * The model that will write captions for a job: the one chosen in the
 * options, or the embedded one when the chosen one is not stored or failed to
 * load (`fallback` says why). `key` names it in the caption cache: a
 * downloaded model's id with the hash of its files' hashes, so a model
 * downloaded again with other files never reuses the old captions.
 */
interface Speaker {
  id: string;
  key: string;
  stored: StoredModel | null;
  fallback: string | null;
}

/** Whether this copy of the extension holds the trained model (its config.json); there is no other model to fall back to. */
async function modelShipped(id: string): Promise<boolean> {
  try {
    return (await fetch(browser.runtime.getURL(`${modelFolder(id)}config.json`))).ok;
  } catch {
    return false; // not in this copy: ERR_FILE_NOT_FOUND
  }
}

/** Longest decode (the pixel limit is checked before it). */
export const DECODE_DEADLINE_MS = 10_000;
/** Longest caption by a loaded worker: image-type gate, OCR and the captioner. */
export const CAPTION_DEADLINE_MS = 180_000;
/** The first caption after a load also compiles the WebGPU shaders, which takes minutes on a slow machine. */
export const FIRST_CAPTION_DEADLINE_MS = 300_000;
/** Longest model load. */
export const LOAD_DEADLINE_MS = 180_000;

/** Where the request comes from: the top-level site (cache partition) and whether private-network images may be fetched. */
export interface JobContext {
  site: string;
  allowPrivate: boolean;
  /** An image-map area: describe only this region of the image. */
  region?: ImageRegion | null;
}

export class EngineHost {
  private readonly cache = new CaptionCache();
  private readonly jobs = new Map<string, AbortController>();
  private worker: Comlink.Remote<CaptionWorkerApi> | null = null;
  private rawWorker: Worker | null = null;
  /** The engine choice (backend and threads) the current worker was loaded with, as {@link engineChoiceKey} text. */
  private loadedFor: string | null = null;
  private crashed: Promise<never> | null = null;
  private ready: Promise<{ modelId: string; result: WorkerReady | WorkerFailure }> | null = null;
  private modelId: Promise<string> | null = null;
  /** Jobs take turns at the worker: the tail of the line. */
  private workerTurn: Promise<unknown> = Promise.resolve();
  /** Why WebGPU was given up for the rest of the session (its device was lost), or null. */
  private webGpuLost: string | null = null;
  /** Captions the current worker has finished (the first one gets the longer deadline). */
  private captionsByWorker = 0;
  private state: EngineStatus = { state: 'idle', backend: null, threads: 0, crossOriginIsolated: globalThis.crossOriginIsolated, model: null, error: null, missing: [], fallback: null };
  /** Downloaded models (by Speaker key) that failed to load this session, with the reason. */
  private readonly unloadable = new Map<string, string>();

  status(): EngineStatus {
    return { ...this.state };
  }

  /** The trained model's id; throws 'model-missing' (and says so in the status) when it is not in this copy. */
  private model(): Promise<string> {
    this.modelId ??= modelShipped(DEFAULT_MODEL_ID).then((shipped) => {
      if (shipped) return DEFAULT_MODEL_ID;
      this.state = { ...this.state, state: 'error', model: null, error: MODEL_MISSING_MESSAGE };
      throw new CaptionError('model-missing', MODEL_MISSING_MESSAGE);
    });
    return this.modelId;
  }

  /** Who captions under `modelId` (the captionModel setting); reads the model's small record from OPFS. */
  private async speakerFor(modelId: string): Promise<Speaker> {
    const embedded = await this.model();
    const own: Speaker = { id: embedded, key: embedded, stored: null, fallback: null };
    if (modelId === embedded) return own;
    const stored = await readStoredModel(modelId).catch(() => null);
    if (!stored) return { ...own, fallback: `The chosen model ${modelId} is not stored in this browser (it was deleted, or its download did not finish), so the embedded model describes images.` };
    const key = `${stored.id}#${(await sha256Hex(new TextEncoder().encode(filesKey(stored)))).slice(0, 16)}`;
    const failed = this.unloadable.get(key);
    if (failed) return { ...own, fallback: failed };
    return { id: stored.id, key, stored, fallback: null };
  }

  /** The status, after the model folder has been looked for (so a missing model shows at once). */
  async checkedStatus(): Promise<EngineStatus> {
    await this.model().catch(() => undefined);
    return this.status();
  }

  private startWorker(): Comlink.Remote<CaptionWorkerApi> {
    const worker = new Worker(new URL('./caption-worker.ts', import.meta.url), { type: 'module', name: 'glimpse-caption' });
    const remote = Comlink.wrap<CaptionWorkerApi>(worker);
    this.rawWorker = worker;
    // Comlink never settles calls to a worker that died (e.g. out of memory, or
    // it closed itself); racing against this turns that into an error, and the
    // image is described once more on a fresh worker (worker-retry.ts).
    this.crashed = new Promise<never>((_, reject) => {
      const stopped = (why: string) => {
        // A worker ended on purpose (restart) is no longer the current one.
        if (this.rawWorker !== worker) return;
        this.restart();
        reject(new WorkerStopped(why));
      };
      worker.addEventListener('error', (event) => stopped(event.message || 'it could not start'));
      // Its WebGPU sessions may never answer again: WASM from now on.
      worker.addEventListener('message', (event: MessageEvent<GpuLostMessage | undefined>) => {
        if (event.data?.type !== GPU_LOST) return;
        this.webGpuLost = event.data.reason;
        console.warn(`[glimpse] The GPU device was lost (${event.data.reason}): the caption worker is restarted on WASM.`);
        stopped(`its WebGPU device was lost (${event.data.reason}), so it captions on WASM from now on`);
      });
      // A worker that ends by itself fires no event: the lock it holds for its life is released instead.
      const life = lifeLockName();
      void remote.holdLife(life).then(() => whenEnded(life, () => stopped('it ended unexpectedly')));
    });
    this.crashed.catch(() => undefined);
    return remote;
  }

  /** Ends the worker and its model, so the next job loads afresh (e.g. on another backend). */
  private restart(): void {
    this.captionsByWorker = 0;
    const worker = this.rawWorker;
    this.rawWorker = null;
    this.worker = null;
    this.crashed = null;
    this.ready = null;
    worker?.terminate();
  }

  private load(engine: EngineChoice, speaker: Speaker): Promise<{ modelId: string; result: WorkerReady | WorkerFailure }> {
    // Callers hold the worker's turn (atWorker), so no caption is in flight here.
    // onnxruntime fixes its thread count when its runtime starts, and a model is loaded once per worker, so a new choice needs a new worker.
    const choice = `${engineChoiceKey(engine)}|${speaker.key}`;
    if (this.ready && this.loadedFor !== choice) this.restart();
    this.loadedFor = choice;
    this.ready ??= (async () => {
      const modelId = await this.model();
      const started = performance.now();
      this.worker = this.startWorker();
      this.state = { ...this.state, state: 'loading', model: speaker.id, error: null, fallback: speaker.fallback };
      let result: WorkerReady | WorkerFailure;
      try {
        result = await Promise.race([
          this.worker.load({
            modelId,
            modelUrl: browser.runtime.getURL(modelFolder(modelId)),
            // 'auto' asks for WebGPU; the captioner falls back to WASM when there is no adapter or it fails.
            backend: engine.backend === 'wasm' || this.webGpuLost !== null ? 'wasm' : 'webgpu',
            // 0 is automatic: the worker takes half the cores, so the page being read keeps the others.
            ...(engine.threads > 0 ? { numThreads: engine.threads } : {}),
            captionModel: speaker.stored,
          }),
          this.crashed!,
        ]);
      } catch (error) {
        result = toFailure(error);
      }
      if (result.ok && result.fallback) this.unloadable.set(speaker.key, result.fallback);
      this.state = result.ok
        ? { state: 'ready', backend: result.backend, threads: result.threads, crossOriginIsolated: result.crossOriginIsolated, model: result.speaker.id, error: null, missing: result.missing, fallback: result.fallback ?? speaker.fallback, loadMs: { ...result.loadMs, total: Math.round(performance.now() - started) } }
        : { ...this.state, state: 'error', backend: null, error: result.message };
      return { modelId, result };
    })();
    return this.ready;
  }

  /** Runs `task` when the jobs before it are done with the worker. */
  private atWorker<T>(task: () => Promise<T>): Promise<T> {
    const run = this.workerTurn.then(task, task);
    this.workerTurn = run.catch(() => undefined);
    return run;
  }

  /** Captions one image; never throws. */
  async caption(jobId: string, src: string, engine: EngineChoice = engineChoice(DEFAULT_SETTINGS), placeHint: ImageType | null = null, context: JobContext = { site: 'null', allowPrivate: false }): Promise<CaptionOutcome> {
    const controller = new AbortController();
    this.jobs.set(jobId, controller);
    const { signal } = controller;
    try {
      const { bytes, type } = await fetchImageBytes(src, signal, { allowPrivate: context.allowPrivate });
      const speaker = await this.speakerFor(engine.model);
      const hints = [nameHint(src), placeHint, context.region ? `region ${regionKey(context.region)}` : null].filter((h) => h !== null).join('+');
      const hash = await sha256Hex(bytes);
      const keyOf = (modelKey: string) => cacheKey(context.site, modelKey, hash, hints || null);
      const key = keyOf(speaker.key);
      // An animation is described from its first frame (the decoder's), and the audit says so.
      const note = animationNote(bytes);
      const noted = <T extends CaptionOutcome>(outcome: T): T =>
        note && outcome.ok && outcome.imageType ? { ...outcome, imageType: { ...outcome.imageType, reasons: [...outcome.imageType.reasons, note] } } : outcome;
      const hit = await this.cache.get(key).catch(() => undefined);
      if (hit) return noted({ ok: true, ...hit, cached: true });
      // The bitmap goes to the worker (transferred), so a second attempt decodes the bytes again.
      const attempt = async () => {
        const decoding = raceDeadline(decodeImage(bytes, type), DECODE_DEADLINE_MS, () => new CaptionError('timed-out', `The image timed out: decoding it took longer than ${DECODE_DEADLINE_MS / 1000} s.`));
        const decoded = await raceAbort(decoding, signal);
        const bitmap = context.region ? await cropToRegion(decoded, context.region) : decoded;
        return raceAbort(this.atWorker(() => this.runWorker(bitmap, src, placeHint, engine, speaker, keyOf, signal)), signal);
      };
      const result = await onceMoreIfStopped(attempt, (stopped) => console.warn(`[glimpse] ${stopped.message} Describing ${src} again on a fresh worker.`));
      return result.ok ? noted({ ...result, cached: false }) : result;
    } catch (error) {
      return toFailure(error);
    } finally {
      this.jobs.delete(jobId);
    }
  }

  /** Loads the model if needed and captions `bitmap`, within the deadlines; the caller holds the worker's turn. */
  private async runWorker(bitmap: ImageBitmap, src: string, placeHint: ImageType | null, engine: EngineChoice, speaker: Speaker, keyOf: (modelKey: string) => string, signal: AbortSignal): Promise<WorkerCaption | WorkerFailure> {
    if (signal.aborted) {
      bitmap.close();
      throw new CaptionError('cancelled', 'The request was cancelled.');
    }
    const stuck = (what: string, ms: number) => () => {
      // A WASM session can't be interrupted: end the worker, and the next job starts a fresh one.
      this.restart();
      this.state = { ...this.state, state: 'idle' };
      return new CaptionError('timed-out', `The image timed out: ${what} took longer than ${ms / 1000} s, so the caption worker was restarted.`);
    };
    let loaded: WorkerReady | WorkerFailure;
    try {
      ({ result: loaded } = await raceDeadline(this.load(engine, speaker), LOAD_DEADLINE_MS, stuck('loading the model', LOAD_DEADLINE_MS)));
    } catch (error) {
      bitmap.close();
      throw error;
    }
    if (!loaded.ok) {
      bitmap.close();
      return loaded;
    }
    const worker = this.worker!;
    const ms = this.captionsByWorker === 0 ? FIRST_CAPTION_DEADLINE_MS : CAPTION_DEADLINE_MS;
    // Not raced against cancellation: the worker finishes the image anyway,
    // and its caption goes into the cache for the next visit.
    const result = await raceDeadline(Promise.race([worker.caption(Comlink.transfer(bitmap, [bitmap]), src, placeHint), this.crashed!]), ms, stuck('describing it', ms));
    this.captionsByWorker++;
    if (result.ok) {
      this.state = { ...this.state, backend: result.backend };
      const { ok, ...caption } = result;
      // Under the key of the model that really spoke (the embedded one after a fallback).
      const key = keyOf(loaded.fallback ? (await this.model()) : speaker.key);
      await this.cache.put(key, caption).catch((error: unknown) => console.warn('[glimpse] caption cache write failed', error));
    }
    return result;
  }

  /** Stops the given jobs where they are; returns how many were running here. */
  cancel(jobIds: string[]): number {
    let count = 0;
    for (const id of jobIds) {
      const controller = this.jobs.get(id);
      if (controller) {
        controller.abort();
        count++;
      }
    }
    return count;
  }

  clearCache(): Promise<number> {
    return this.cache.clear();
  }
}
