/**
 * "Import a model folder from disk": the files of a folder chosen with
 * `<input type="file" webkitdirectory>`, in the same Optimum layout, copied
 * into OPFS and checked like a download (size, content, sha256 when the
 * folder holds a `sha256sums.txt` or `sha256.json` manifest, architecture).
 * Nothing is fetched. Importing a folder of the same name again replaces it.
 *
 * @example
 *   input.addEventListener('change', async () => console.log(await importFolder([...input.files!])));
 */
import { parseSha256Manifest, type ManifestFile } from '../shared/model-verify';
import { mb, storageError } from './download-error';
import { checkStored, type DownloadResult } from './download-model';
import { deleteModel, modelFileHandle, writePlan } from './opfs-store';
import type { DownloadPlan } from './stored-model';
import { layoutFiles } from './url-model';

const MANIFESTS = ['sha256sums.txt', 'sha256.json'];

export async function importFolder(files: readonly File[]): Promise<DownloadResult> {
  const first = files[0];
  if (!first) return { ok: false, problem: 'refused', file: null, message: 'The chosen folder is empty.' };
  const folder = first.webkitRelativePath.split('/')[0] || 'folder';
  // webkitRelativePath starts with the chosen folder's own name.
  const byPath = new Map(files.map((f) => [f.webkitRelativePath.split('/').slice(1).join('/') || f.name, f]));
  let manifest: ManifestFile[] | null = null;
  const manifestFile = MANIFESTS.map((name) => byPath.get(name)).find(Boolean);
  if (manifestFile) {
    try {
      manifest = parseSha256Manifest(await manifestFile.text());
    } catch (error) {
      return { ok: false, problem: 'refused', file: manifestFile.name, message: `The folder's ${manifestFile.name} can't be read: ${(error as Error).message}` };
    }
  }
  const plan: DownloadPlan = { id: `folder:${folder}`, name: `${folder} (imported folder)`, baseUrl: '', files: layoutFiles(manifest) };
  const missing = plan.files.filter((f) => !f.optional && !byPath.has(f.path)).map((f) => f.path);
  if (missing.length) {
    return { ok: false, problem: 'refused', file: missing[0]!, message: `The folder ${folder} is not a model in the Optimum layout Glimpse reads: it has no ${missing.join(', ')}. Nothing was imported.` };
  }
  const absent = new Set(plan.files.filter((f) => !byPath.has(f.path)).map((f) => f.path));
  await deleteModel(plan.id);
  let copied = 0;
  for (const file of plan.files) {
    const source = byPath.get(file.path);
    if (!source) continue;
    try {
      const handle = (await modelFileHandle(plan.id, file.path, true))!;
      await source.stream().pipeTo(await handle.createWritable());
    } catch (error) {
      await deleteModel(plan.id);
      return storageError(file.path, error).toFailure();
    }
    copied += source.size;
  }
  await writePlan(plan);
  const result = await checkStored(plan, absent, 'import the folder again to copy');
  return result.ok ? { ...result, message: `${mb(copied)} copied. ${result.message}` } : result;
}
