/**
 * The published facts of a model kept on a Hugging Face hub (huggingface.co,
 * or a mirror or private hub with the same API), read when the user asks for
 * the model and before any model file is fetched: the commit the branch
 * points at, and for each file its size and hash from the hub's file listing.
 * ONNX weights are Git LFS files, listed with their sha256; small JSON files
 * are ordinary Git blobs, listed with their Git object id (the SHA-1 of
 * "blob <size>\0" and the bytes), which the verifier checks instead.
 *
 * The plan's base URL is then pinned to that commit, so every file comes from
 * the listing's commit even if the branch moves during the download. The
 * hub's API is read with Hugging Face's own client (@huggingface/hub:
 * modelInfo for the commit, listFiles for the listing, paged as the hub pages it).
 *
 * A base URL not in the hub's layout (`<origin>/<owner>/<name>/resolve/<revision>/[folder/]`),
 * or a hub that won't answer, gives null: the caller falls back to asking
 * each file's size with HEAD.
 *
 * @example
 *   const facts = await hubFacts(plan); // plan.baseUrl 'https://huggingface.co/Xenova/vit-gpt2-image-captioning/resolve/main/'
 *   facts?.revision // '3c0e…' (40 hex digits)
 *   facts?.plan.files.find((f) => f.path === 'onnx/encoder_model_quantized.onnx')?.sha256 // '…' (64 hex digits)
 */
import { listFiles, modelInfo, type ListFileEntry } from '@huggingface/hub';
import type { DownloadPlan, PlanFile } from './stored-model';

export interface HubRepo {
  origin: string;
  /** `owner/name`. */
  repo: string;
  revision: string;
  /** Folder inside the repository the plan's paths are relative to: '' or ending in '/'. */
  folder: string;
}

const COMMIT = /^[0-9a-f]{40}$/;
const SHA256 = /^[0-9a-f]{64}$/;
const SEGMENT = /^[A-Za-z0-9][\w.-]*$/;

/** Where the hub keeps the model a base URL names, or null when the URL is not in the hub's layout. */
export function hubRepoOf(baseUrl: string): HubRepo | null {
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    return null;
  }
  const parts = url.pathname.split('/').filter(Boolean).map(decodeURIComponent);
  const [owner, name, resolve, revision, ...folder] = parts;
  if (resolve !== 'resolve' || !owner || !name || !revision || !SEGMENT.test(owner) || !SEGMENT.test(name) || !SEGMENT.test(revision)) return null;
  return { origin: url.origin, repo: `${owner}/${name}`, revision, folder: folder.length ? `${folder.join('/')}/` : '' };
}

/** The hub's requests carry no cookies or credentials, like every model fetch. */
const anonymous: typeof fetch = (input, init) => fetch(input, { ...init, credentials: 'omit', cache: 'no-store' });

/** One plan file with what the listing says of it; a listing without it leaves it as it was. */
function withFacts(file: PlanFile, entry: ListFileEntry | undefined): PlanFile {
  if (!entry || entry.type !== 'file') return file;
  const lfsSha = entry.lfs?.oid?.toLowerCase();
  if (lfsSha && SHA256.test(lfsSha) && Number.isInteger(entry.lfs?.size)) return { ...file, size: file.size ?? entry.lfs!.size!, sha256: file.sha256 ?? lfsSha };
  const blob = entry.oid?.toLowerCase();
  if (!entry.lfs && Number.isInteger(entry.size) && blob && COMMIT.test(blob)) return { ...file, size: file.size ?? entry.size!, gitBlob: blob };
  return file;
}

/**
 * The plan pinned to the hub's current commit, with each file's published
 * size and hash filled in where the plan had none (hashes the plan already
 * carries are kept: they were pinned in Glimpse's own list). Optional files
 * the listing doesn't have are left out, so they are not asked for.
 */
export async function hubFacts(plan: DownloadPlan, fetchImpl: typeof fetch = anonymous): Promise<{ plan: DownloadPlan; revision: string } | null> {
  const hub = hubRepoOf(plan.baseUrl);
  if (!hub) return null;
  const asked = { hubUrl: hub.origin, fetch: fetchImpl };
  try {
    const info = await modelInfo({ name: hub.repo, revision: hub.revision, additionalFields: ['sha'], ...asked });
    const revision = typeof info.sha === 'string' ? info.sha.toLowerCase() : '';
    if (!COMMIT.test(revision)) return null;
    const entries = new Map<string, ListFileEntry>();
    const listing = listFiles({ repo: { type: 'model', name: hub.repo }, revision, recursive: true, ...(hub.folder ? { path: hub.folder.replace(/\/$/, '') } : {}), ...asked });
    for await (const entry of listing) entries.set(entry.path, entry);
    const files = plan.files.filter((f) => !f.optional || entries.has(hub.folder + f.path)).map((f) => withFacts(f, entries.get(hub.folder + f.path)));
    const baseUrl = `${hub.origin}/${hub.repo}/resolve/${revision}/${hub.folder}`;
    return { plan: { ...plan, baseUrl, files }, revision };
  } catch {
    return null;
  }
}
