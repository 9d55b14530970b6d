/**
 * The worker the options page starts for a model download (sync access
 * handles, which write bytes to disk as they arrive, exist only in workers).
 * Closing the page ends the worker; the parts on disk stay, and the next
 * download resumes them.
 */
import * as Comlink from 'comlink';
import { downloadModel, probeSizes, type DownloadProgress, type DownloadResult } from './download-model';
import type { DownloadPlan } from './stored-model';

export interface DownloadWorkerApi {
  probeSizes(plan: DownloadPlan): Promise<DownloadPlan>;
  download(plan: DownloadPlan, onProgress: (progress: DownloadProgress) => void): Promise<DownloadResult>;
}

const api: DownloadWorkerApi = {
  probeSizes,
  download: (plan, onProgress) => downloadModel(plan, onProgress),
};

Comlink.expose(api);
