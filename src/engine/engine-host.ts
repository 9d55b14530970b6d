/**
 * The engine document's side of captioning: fetch → size limits → cache
 * lookup → decode → transfer to the worker → cache store. One worker, one
 * model load per document (the document lives for the browser session).
 *
 * @example
 *   const host = new EngineHost();
 *   const outcome = await host.caption('3/0/g-1#0', 'https://example.org/a.jpg');
 */
import * as Comlink from 'comlink';
import browser from 'webextension-polyfill';
import { nameHint } from '../captioner/image-type/gate';
import { MODEL_PREFERENCE, modelFolder } from '../shared/model-id';
import type { CaptionOutcome, EngineStatus } from '../shared/messages';
import type { BackendPreference } from '../shared/settings';
import type { ImageType } from '../shared/image-type';
import { regionKey, type ImageRegion } from '../shared/image-region';
import { CaptionCache, cacheKey, sha256Hex } from './caption-cache';
import { CaptionError, raceAbort, toFailure } from './caption-error';
import { cropToRegion } from './crop-region';
import { decodeImage } from './decode-image';
import { fetchImageBytes } from './fetch-image';
import type { CaptionWorkerApi, WorkerFailure, WorkerReady } from './worker-api';

/** The first model in order of preference that this build ships (it has a config.json). */
async function shippedModel(): Promise<string> {
  for (const id of MODEL_PREFERENCE) {
    try {
      const response = await fetch(browser.runtime.getURL(`${modelFolder(id)}config.json`));
      if (response.ok) return id;
    } catch {
      // not in this build: ERR_FILE_NOT_FOUND
    }
  }
  return MODEL_PREFERENCE[0];
}

export class EngineHost {
  private readonly cache = new CaptionCache();
  private readonly jobs = new Map<string, AbortController>();
  private worker: Comlink.Remote<CaptionWorkerApi> | null = null;
  private rawWorker: Worker | null = null;
  /** The backend preference the current worker was loaded with. */
  private loadedFor: BackendPreference | null = null;
  private crashed: Promise<never> | null = null;
  private ready: Promise<{ modelId: string; result: WorkerReady | WorkerFailure }> | null = null;
  private modelId: Promise<string> | null = null;
  private state: EngineStatus = { state: 'idle', backend: null, threads: 0, crossOriginIsolated: globalThis.crossOriginIsolated, model: null, error: null, missing: [] };

  status(): EngineStatus {
    return { ...this.state };
  }

  private model(): Promise<string> {
    this.modelId ??= shippedModel();
    return this.modelId;
  }

  private startWorker(): Comlink.Remote<CaptionWorkerApi> {
    const worker = new Worker(new URL('./caption-worker.ts', import.meta.url), { type: 'module', name: 'glimpse-caption' });
    this.rawWorker = worker;
    // Comlink never settles calls to a worker that died (e.g. out of memory);
    // racing against this turns that into an error and a fresh worker next time.
    this.crashed = new Promise<never>((_, reject) => {
      worker.addEventListener('error', (event) => {
        this.worker = null;
        this.ready = null;
        reject(new CaptionError('engine-error', `The caption worker stopped: ${event.message || 'it could not start'}.`));
      });
    });
    this.crashed.catch(() => undefined);
    return Comlink.wrap<CaptionWorkerApi>(worker);
  }

  /** Ends the worker and its model, so the next job loads afresh (e.g. on another backend). */
  private restart(): void {
    this.rawWorker?.terminate();
    this.rawWorker = null;
    this.worker = null;
    this.crashed = null;
    this.ready = null;
  }

  private load(preference: BackendPreference): Promise<{ modelId: string; result: WorkerReady | WorkerFailure }> {
    // Jobs run one at a time (the background's queue), so no caption is in flight here.
    if (this.ready && this.loadedFor !== preference) this.restart();
    this.loadedFor = preference;
    this.ready ??= (async () => {
      const modelId = await this.model();
      this.worker = this.startWorker();
      this.state = { ...this.state, state: 'loading', model: modelId, error: null };
      let result: WorkerReady | WorkerFailure;
      try {
        result = await Promise.race([
          this.worker.load({
            modelId,
            modelUrl: browser.runtime.getURL(modelFolder(modelId)),
            // 'auto' asks for WebGPU; the captioner falls back to WASM when there is no adapter or it fails.
            backend: preference === 'wasm' ? 'wasm' : 'webgpu',
            numThreads: navigator.hardwareConcurrency,
          }),
          this.crashed!,
        ]);
      } catch (error) {
        result = toFailure(error);
      }
      this.state = result.ok
        ? { state: 'ready', backend: result.backend, threads: result.threads, crossOriginIsolated: result.crossOriginIsolated, model: modelId, error: null, missing: result.missing }
        : { ...this.state, state: 'error', backend: null, error: result.message };
      return { modelId, result };
    })();
    return this.ready;
  }

  /** Captions one image, or the `region` of it (an image-map area); never throws. */
  async caption(jobId: string, src: string, backend: BackendPreference = 'auto', placeHint: ImageType | null = null, region: ImageRegion | null = null): Promise<CaptionOutcome> {
    const controller = new AbortController();
    this.jobs.set(jobId, controller);
    const { signal } = controller;
    try {
      const { bytes, type } = await fetchImageBytes(src, signal);
      const modelId = await this.model();
      const hints = [nameHint(src), placeHint, region ? `region ${regionKey(region)}` : null].filter((h) => h !== null).join('+');
      const key = cacheKey(modelId, await sha256Hex(bytes), hints || null);
      const hit = await this.cache.get(key).catch(() => undefined);
      if (hit) return { ok: true, ...hit, cached: true };
      const decoded = await raceAbort(decodeImage(bytes, type), signal);
      const bitmap = region ? await cropToRegion(decoded, region) : decoded;
      const { result: loaded } = await raceAbort(this.load(backend), signal);
      if (!loaded.ok) {
        bitmap.close();
        return loaded;
      }
      const worker = this.worker!;
      // Not raced against cancellation: the worker finishes the image anyway,
      // and its caption goes into the cache for the next visit.
      const work = Promise.race([worker.caption(Comlink.transfer(bitmap, [bitmap]), src, placeHint), this.crashed!]).then(async (result) => {
        if (result.ok) {
          this.state = { ...this.state, backend: result.backend };
          const { ok, ...caption } = result;
          await this.cache.put(key, caption).catch((error: unknown) => console.warn('[glimpse] caption cache write failed', error));
        }
        return result;
      });
      const result = await raceAbort(work, signal);
      return result.ok ? { ...result, cached: false } : result;
    } catch (error) {
      return toFailure(error);
    } finally {
      this.jobs.delete(jobId);
    }
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
