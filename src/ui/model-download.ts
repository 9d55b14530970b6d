/**
 * Runs one model download in a dedicated worker (download-worker.ts) and
 * ends the worker when it is done. The page is where the user consented, so
 * the download lives with it: closing the page stops it, the bytes that
 * arrived stay in OPFS, and the next Download resumes them.
 *
 * @example
 *   const result = await runDownload(plan, (p) => (bar.value = p.received));
 */
import * as Comlink from 'comlink';
import type { DownloadWorkerApi } from '../model-store/download-worker';
import type { DownloadProgress, DownloadResult } from '../model-store/download-model';
import type { DownloadPlan } from '../model-store/stored-model';

function startWorker(): { api: Comlink.Remote<DownloadWorkerApi>; end: () => void } {
  const worker = new Worker(new URL('../model-store/download-worker.ts', import.meta.url), { type: 'module', name: 'glimpse-model-download' });
  return { api: Comlink.wrap<DownloadWorkerApi>(worker), end: () => worker.terminate() };
}

/** Asks the server for the sizes the plan doesn't know (HEAD requests; only after the user's click). */
export async function askSizes(plan: DownloadPlan): Promise<DownloadPlan> {
  const { api, end } = startWorker();
  try {
    return await api.probeSizes(plan);
  } finally {
    end();
  }
}

export async function runDownload(plan: DownloadPlan, onProgress: (progress: DownloadProgress) => void): Promise<DownloadResult> {
  const { api, end } = startWorker();
  try {
    return await api.download(plan, Comlink.proxy(onProgress));
  } catch (error) {
    return { ok: false, problem: 'storage', file: null, message: `The download stopped: ${error instanceof Error ? error.message : String(error)}` };
  } finally {
    end();
  }
}
