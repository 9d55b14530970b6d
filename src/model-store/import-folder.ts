/**
 * "Import a model from disk": a folder chosen with
 * `<input type="file" webkitdirectory>`, or a zip of one, in the same Optimum
 * layout, copied into OPFS and checked like a download (size, content,
 * sha256 when it holds a `sha256sums.txt` or `sha256.json` manifest,
 * architecture). Nothing is fetched. Importing one of the same name again
 * replaces it. A zip is read entry by entry (zip.js), so the archive is never
 * held in memory whole.
 *
 * @example
 *   input.addEventListener('change', async () => console.log(await importFolder([...input.files!])));
 *   zipInput.addEventListener('change', async () => console.log(await importZip(zipInput.files![0]!)));
 */
import { BlobReader, ZipReader, type FileEntry } from '@zip.js/zip.js';
import { parseSha256Manifest, type ManifestFile } from '../shared/model-verify';
import { mb, storageError } from './download-error';
import { checkStored, type DownloadResult } from './download-model';
import { deleteModel, modelFileHandle, writePlan } from './opfs-store';
import type { DownloadPlan } from './stored-model';
import { layoutFiles } from './url-model';

const MANIFESTS = ['sha256sums.txt', 'sha256.json'];

/** One file of the model being imported, wherever it comes from. */
interface Source {
  size: number;
  text(): Promise<string>;
  copyTo(out: WritableStream<Uint8Array>): Promise<void>;
}

export function importFolder(files: readonly File[]): Promise<DownloadResult> {
  const first = files[0];
  if (!first) return Promise.resolve({ ok: false, problem: 'refused', file: null, message: 'The chosen folder is empty.' });
  // webkitRelativePath starts with the chosen folder's own name.
  const folder = first.webkitRelativePath.split('/')[0] || 'folder';
  const byPath = new Map<string, Source>(
    files.map((f) => [f.webkitRelativePath.split('/').slice(1).join('/') || f.name, { size: f.size, text: () => f.text(), copyTo: (out) => f.stream().pipeTo(out) }]),
  );
  return importSources(`folder:${folder}`, `${folder} (imported folder)`, `The folder ${folder}`, byPath, 'import the folder again to copy');
}

export async function importZip(zip: File): Promise<DownloadResult> {
  // No zip.js web workers: the extension's CSP allows only its own scripts; the browser's DecompressionStream inflates.
  const reader = new ZipReader(new BlobReader(zip), { useWebWorkers: false });
  let entries: FileEntry[];
  try {
    entries = (await reader.getEntries()).filter((e): e is FileEntry => !e.directory);
  } catch (error) {
    await reader.close().catch(() => undefined);
    return { ok: false, problem: 'refused', file: zip.name, message: `${zip.name} can't be read as a zip archive (${(error as Error).message}). Nothing was imported.` };
  }
  try {
    if (!entries.length) return { ok: false, problem: 'refused', file: zip.name, message: `${zip.name} holds no files.` };
    // A zip of a folder keeps the folder's name in front of every path: it is dropped, as a chosen folder's is.
    const tops = new Set(entries.map((e) => (e.filename.includes('/') ? e.filename.split('/')[0] : '')));
    const prefix = tops.size === 1 && !tops.has('') ? `${[...tops][0]}/` : '';
    const name = prefix ? prefix.slice(0, -1) : zip.name.replace(/\.zip$/i, '');
    const byPath = new Map<string, Source>(
      entries.map((e) => [
        e.filename.slice(prefix.length),
        {
          size: e.uncompressedSize,
          text: async () => {
            const chunks: Uint8Array[] = [];
            await e.getData(new WritableStream({ write: (c: Uint8Array) => void chunks.push(c) }));
            return new TextDecoder().decode(await new Blob(chunks as BlobPart[]).arrayBuffer());
          },
          copyTo: async (out) => void (await e.getData(out)),
        },
      ]),
    );
    return await importSources(`zip:${name}`, `${name} (imported zip)`, `The zip ${zip.name}`, byPath, 'import the zip again to copy');
  } catch (error) {
    return { ok: false, problem: 'refused', file: zip.name, message: `${zip.name} could not be read to the end (${(error as Error).message}): the archive is damaged. Nothing was imported.` };
  } finally {
    await reader.close().catch(() => undefined);
  }
}

async function importSources(id: string, name: string, what: string, byPath: Map<string, Source>, again: string): Promise<DownloadResult> {
  let manifest: ManifestFile[] | null = null;
  const manifestName = MANIFESTS.find((n) => byPath.has(n));
  if (manifestName) {
    try {
      manifest = parseSha256Manifest(await byPath.get(manifestName)!.text());
    } catch (error) {
      return { ok: false, problem: 'refused', file: manifestName, message: `${what}'s ${manifestName} can't be read: ${(error as Error).message}` };
    }
  }
  const plan: DownloadPlan = { id, name, baseUrl: '', files: layoutFiles(manifest) };
  const missing = plan.files.filter((f) => !f.optional && !byPath.has(f.path)).map((f) => f.path);
  if (missing.length) {
    return { ok: false, problem: 'refused', file: missing[0]!, message: `${what} is not a model in the Optimum layout Glimpse reads: it has no ${missing.join(', ')}. Nothing was imported.` };
  }
  const absent = new Set(plan.files.filter((f) => !byPath.has(f.path)).map((f) => f.path));
  await deleteModel(plan.id);
  let copied = 0;
  for (const file of plan.files) {
    const source = byPath.get(file.path);
    if (!source) continue;
    try {
      const handle = (await modelFileHandle(plan.id, file.path, true))!;
      await source.copyTo(await handle.createWritable());
    } catch (error) {
      await deleteModel(plan.id);
      return storageError(file.path, error).toFailure();
    }
    copied += source.size;
  }
  await writePlan(plan);
  const result = await checkStored(plan, absent, again);
  return result.ok ? { ...result, message: `${mb(copied)} copied. ${result.message}` } : result;
}
