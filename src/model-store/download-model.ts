/**
 * Downloads a whole model into OPFS, then checks it before it can be used:
 * each file's size, its content (an HTML page or a Git LFS pointer saved as
 * .onnx is refused), its sha256 when one is known (model-verify.ts), and that
 * config.json describes a vision-encoder-decoder model. A refused file is
 * deleted and named. Only a model that passes gets its record
 * (glimpse-model.json), which is what makes it selectable.
 *
 * Runs in the download worker (download-worker.ts).
 *
 * @example
 *   const result = await downloadModel(plan, (p) => console.log(`${p.received} of ${p.total}`));
 *   if (!result.ok) console.log(result.file, result.message);
 */
import { verifyModel } from '../shared/model-verify';
import { DownloadError, storageError, type DownloadFailure } from './download-error';
import { downloadFile, partLength } from './download-file';
import { hubFacts } from './hub-facts';
import { deleteModelFile, modelFileSize, readModelFile, writePlan, writeStoredModel } from './opfs-store';
import { PART_SUFFIX, PLAN_FILE, type DownloadPlan, type StoredModel } from './stored-model';

export interface DownloadProgress {
  file: string;
  /** 0-based index of `file`, of `fileCount`. */
  fileIndex: number;
  fileCount: number;
  /** Bytes of the model on disk so far (resumed parts included). */
  received: number;
  /** The model's size; null while a file's size is unknown. */
  total: number | null;
}

export type DownloadResult = { ok: true; model: StoredModel; message: string } | DownloadFailure;

const urlOf = (plan: DownloadPlan, path: string): string => new URL(path, plan.baseUrl).href;

/**
 * The plan with what the server publishes filled in, so the total can be said
 * before the download starts and each file checked after it: a hub's listing
 * (hub-facts.ts: sizes and hashes, pinned to a commit) when the model lives on
 * one, then each size still unknown asked with HEAD (Content-Length). A size
 * the server won't tell stays null. Called only after the user asked for the
 * model.
 */
export async function probeSizes(asked: DownloadPlan): Promise<DownloadPlan> {
  const plan = (await hubFacts(asked))?.plan ?? asked;
  const files = await Promise.all(
    plan.files.map(async (file) => {
      if (file.size !== null) return file;
      try {
        const response = await fetch(urlOf(plan, file.path), { method: 'HEAD', credentials: 'omit', cache: 'no-store' });
        const length = Number(response.headers.get('content-length'));
        return response.ok && !response.headers.get('content-encoding') && Number.isInteger(length) && length > 0 ? { ...file, size: length } : file;
      } catch {
        return file;
      }
    }),
  );
  return { ...plan, files };
}

/** Whether the server may still tell something the plan lacks: a size, or a hash to check a file against. */
export function planIncomplete(plan: DownloadPlan): boolean {
  return plan.files.some((f) => f.size === null || (f.sha256 === null && !f.gitBlob));
}

export function planTotal(plan: DownloadPlan): number | null {
  return plan.files.every((f) => f.size !== null) ? plan.files.reduce((sum, f) => sum + f.size!, 0) : null;
}

/** config.json must describe what the captioner reads: a vision-encoder-decoder export. */
function architectureProblem(bytes: Uint8Array | null): string | null {
  if (!bytes) return null; // reported as missing by the verifier
  let config: { model_type?: unknown; architectures?: unknown };
  try {
    config = JSON.parse(new TextDecoder().decode(bytes)) as typeof config;
  } catch {
    return null; // reported as not JSON by the verifier
  }
  const architectures = Array.isArray(config.architectures) ? config.architectures.map(String) : [];
  if (config.model_type === 'vision-encoder-decoder' || architectures.includes('VisionEncoderDecoderModel')) return null;
  return `config.json describes a ${architectures[0] ?? String(config.model_type ?? 'model of unknown type')}, not a vision-encoder-decoder captioning model, which is the only kind Glimpse can run.`;
}

export async function downloadModel(plan: DownloadPlan, onProgress: (progress: DownloadProgress) => void, signal?: AbortSignal): Promise<DownloadResult> {
  try {
    try {
      await writePlan(plan);
    } catch (error) {
      throw storageError(PLAN_FILE, error);
    }
    const known = new Map(plan.files.map((f) => [f.path, f.size]));
    const absent = new Set<string>();
    const total = (): number | null => ([...known.values()].every((s) => s !== null) ? [...known.values()].reduce((a, b) => a! + b!, 0) : null);
    // What is on disk already counts: finished files and resumable parts.
    let received = 0;
    for (const file of plan.files) received += (await modelFileSize(plan.id, file.path)) ?? (await partLength(plan.id, file.path));
    for (const [index, file] of plan.files.entries()) {
      const report = () => onProgress({ file: file.path, fileIndex: index, fileCount: plan.files.length, received, total: total() });
      report();
      const stored = await modelFileSize(plan.id, file.path);
      if (stored !== null) {
        known.set(file.path, stored);
        continue;
      }
      let size: number;
      try {
        size = await downloadFile(plan.id, file.path, urlOf(plan, file.path), (n) => {
          received += n;
          report();
        }, signal);
      } catch (error) {
        // A file the captioner can do without, which this model does not have.
        if (!(file.optional && error instanceof DownloadError && error.problem === 'not-found')) throw error;
        known.delete(file.path);
        absent.add(file.path);
        continue;
      }
      known.set(file.path, size);
      report();
    }
    return await checkStored(plan, absent, 'download again to fetch');
  } catch (error) {
    if (error instanceof DownloadError) return error.toFailure();
    return { ok: false, problem: 'storage', file: null, message: `The download failed: ${error instanceof Error ? error.message : String(error)}` };
  }
}

/**
 * Checks a model's stored files (every file of the plan but `absent`
 * optional ones) and, when all pass, writes its record, which makes it
 * usable. Refused files are deleted; `again` ends the message ("download
 * again to fetch", "import again to copy").
 */
export async function checkStored(plan: DownloadPlan, absent: ReadonlySet<string>, again: string): Promise<DownloadResult> {
  const verdict = await verifyModel(plan.files.filter((f) => !absent.has(f.path)), (path) => readModelFile(plan.id, path));
  const config = architectureProblem(await readModelFile(plan.id, 'config.json'));
  if (!verdict.ok) {
    for (const failed of verdict.failed) {
      await deleteModelFile(plan.id, failed.path);
      await deleteModelFile(plan.id, failed.path + PART_SUFFIX);
    }
    const first = verdict.failed[0]!;
    return { ok: false, problem: 'refused', file: first.path, message: `${verdict.message} ${verdict.failed.length === 1 ? 'It was deleted' : 'They were deleted'}; ${again} ${verdict.failed.length === 1 ? 'it' : 'them'} anew.` };
  }
  if (config) {
    // Fetched anew next time, in case the server's folder is fixed.
    await deleteModelFile(plan.id, 'config.json');
    return { ok: false, problem: 'refused', file: 'config.json', message: config };
  }
  const model: StoredModel = {
    id: plan.id,
    name: plan.name,
    baseUrl: plan.baseUrl,
    files: verdict.files.map((f) => ({ path: f.path, size: 'size' in f ? f.size! : 0, sha256: f.sha256!, expected: f.status === 'ok' ? f.sha256! : null })),
    verified: verdict.verified,
    calibration: plan.calibration ?? null,
    storedAt: new Date().toISOString(),
  };
  await writeStoredModel(model);
  return { ok: true, model, message: verdict.message };
}
