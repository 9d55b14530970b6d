/**
 * Downloaded models in the Origin Private File System of the extension's
 * origin (navigator.storage.getDirectory()), one folder per model under
 * `glimpse-models/`, in the Optimum layout the captioner reads
 * (`config.json`, `onnx/encoder_model_quantized.onnx`, …). Never in
 * storage.sync (100 KB), and never anywhere a web page can read. The options
 * page, the engine document and its worker share this origin, so all of them
 * see the same files.
 *
 * @example
 *   await writeModelFile('Xenova/vit-gpt2-image-captioning', 'config.json', bytes);
 *   (await listStoredModels()).map((m) => m.bytes) // [ 245_123_456 ]
 *   await deleteModel('Xenova/vit-gpt2-image-captioning');
 */
import type { ModelSource } from '../captioner/types';
import { PLAN_FILE, RECORD_FILE, type DownloadPlan, type StoredModel } from './stored-model';

const ROOT = 'glimpse-models';

/** A model id (`Mozilla/distilvit`, a URL) as one folder name. */
export function folderName(id: string): string {
  return encodeURIComponent(id);
}

function isNotFound(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'NotFoundError' || error.name === 'TypeMismatchError');
}

async function modelsRoot(create: boolean): Promise<FileSystemDirectoryHandle | null> {
  const root = await navigator.storage.getDirectory();
  try {
    return await root.getDirectoryHandle(ROOT, { create });
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** The folder holding `path`'s file inside model `id` (made when `create`), and the file's name. */
async function folderOf(id: string, path: string, create: boolean): Promise<{ dir: FileSystemDirectoryHandle; name: string } | null> {
  const parts = path.split('/');
  if (parts.some((p) => p === '' || p === '.' || p === '..')) throw new Error(`"${path}" is not a file path inside a model folder.`);
  let dir = await modelsRoot(create);
  if (!dir) return null;
  try {
    dir = await dir.getDirectoryHandle(folderName(id), { create });
    for (const part of parts.slice(0, -1)) dir = await dir.getDirectoryHandle(part, { create });
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
  return { dir, name: parts.at(-1)! };
}

/** The handle of a model's file; null when it is not there (and `create` is false). */
export async function modelFileHandle(id: string, path: string, create = false): Promise<FileSystemFileHandle | null> {
  const place = await folderOf(id, path, create);
  if (!place) return null;
  try {
    return await place.dir.getFileHandle(place.name, { create });
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}

/** A model file's bytes; null when it is not stored. */
export async function readModelFile(id: string, path: string): Promise<Uint8Array | null> {
  const handle = await modelFileHandle(id, path);
  if (!handle) return null;
  return new Uint8Array(await (await handle.getFile()).arrayBuffer());
}

/** A model file's length in bytes; null when it is not stored. */
export async function modelFileSize(id: string, path: string): Promise<number | null> {
  const handle = await modelFileHandle(id, path);
  return handle ? (await handle.getFile()).size : null;
}

/** Writes a whole (small) file, replacing what was there. Large files are written by the downloader as they arrive. */
export async function writeModelFile(id: string, path: string, bytes: Uint8Array | string): Promise<void> {
  const handle = (await modelFileHandle(id, path, true))!;
  const writable = await handle.createWritable();
  await writable.write(typeof bytes === 'string' ? bytes : new Uint8Array(bytes));
  await writable.close();
}

export async function deleteModelFile(id: string, path: string): Promise<void> {
  const place = await folderOf(id, path, false);
  if (!place) return;
  await place.dir.removeEntry(place.name).catch((error: unknown) => {
    if (!isNotFound(error)) throw error;
  });
}

/** A JSON file kept beside a model's files; null when it is not there or damaged (a new download rewrites it). */
async function readJson<T>(id: string, name: string): Promise<T | null> {
  const bytes = await readModelFile(id, name);
  if (!bytes) return null;
  try {
    return JSON.parse(new TextDecoder().decode(bytes)) as T;
  } catch {
    return null;
  }
}

/** The record of a stored model; null while its download is unfinished or when it is not there. */
export function readStoredModel(id: string): Promise<StoredModel | null> {
  return readJson<StoredModel>(id, RECORD_FILE);
}

export async function writeStoredModel(model: StoredModel): Promise<void> {
  await writeModelFile(model.id, RECORD_FILE, JSON.stringify(model, null, 2));
}

/** What the user asked to download into this folder (kept from the first click, so a later visit can resume it). */
export function readPlan(id: string): Promise<DownloadPlan | null> {
  return readJson<DownloadPlan>(id, PLAN_FILE);
}

export async function writePlan(plan: DownloadPlan): Promise<void> {
  await writeModelFile(plan.id, PLAN_FILE, JSON.stringify(plan, null, 2));
}

async function folderBytes(dir: FileSystemDirectoryHandle): Promise<number> {
  let sum = 0;
  for await (const entry of dir.values()) {
    sum += entry.kind === 'file' ? (await (entry as FileSystemFileHandle).getFile()).size : await folderBytes(entry as FileSystemDirectoryHandle);
  }
  return sum;
}

export interface StoredModelEntry {
  id: string;
  /** Bytes on disk, unfinished downloads included. */
  bytes: number;
  /** null: the download has not finished (or its check failed). */
  model: StoredModel | null;
}

/** Every model folder with the bytes it uses. */
export async function listStoredModels(): Promise<StoredModelEntry[]> {
  const root = await modelsRoot(false);
  if (!root) return [];
  const out: StoredModelEntry[] = [];
  for await (const [name, entry] of root.entries()) {
    if (entry.kind !== 'directory') continue;
    const id = decodeURIComponent(name);
    out.push({ id, bytes: await folderBytes(entry as FileSystemDirectoryHandle), model: await readStoredModel(id) });
  }
  return out.sort((a, b) => a.id.localeCompare(b.id));
}

/** Removes a model's folder, unfinished parts included. */
export async function deleteModel(id: string): Promise<void> {
  const root = await modelsRoot(false);
  if (!root) return;
  await root.removeEntry(folderName(id), { recursive: true }).catch((error: unknown) => {
    if (!isNotFound(error)) throw error;
  });
}

/**
 * The captioner's view of a stored model. Reads only the files the record
 * lists (so a stray `.part` is never taken for a model file).
 */
export function storedModelSource(model: StoredModel): ModelSource {
  const listed = new Set(model.files.map((f) => f.path));
  return {
    id: model.id,
    read: (path) => (listed.has(path) ? readModelFile(model.id, path) : Promise.resolve(null)),
    list: async (folder) => [...listed].filter((p) => p.startsWith(`${folder}/`)),
  };
}
