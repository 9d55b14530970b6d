/**
 * A model the user adds by its address: a base URL holding the Optimum
 * layout (the files in OPTIMUM_FILES), and optionally a sha256 manifest
 * (sha256sum output or JSON, see parseSha256Manifest) whose hashes and sizes
 * the download is checked against.
 *
 * @example
 *   const plan = urlModelPlan('https://models.example/vit-gpt2', parseSha256Manifest(text));
 *   plan.files[0] // { path: 'config.json', size: null, sha256: '…' }
 */
import type { ManifestFile } from '../shared/model-verify';
import { OPTIMUM_FILES, OPTIONAL_FILES, type DownloadPlan, type PlanFile } from './stored-model';

/** The base URL as Glimpse stores it (http or https, ending in a slash); throws an Error in words. */
export function normalizeBaseUrl(input: string): string {
  let url: URL;
  try {
    url = new URL(input.trim());
  } catch {
    throw new Error(`"${input.trim()}" is not a web address (it should look like https://host/path/to/model/).`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error(`Models are fetched over http or https, not ${url.protocol}`);
  url.hash = '';
  url.search = '';
  if (!url.pathname.endsWith('/')) url.pathname += '/';
  return url.href;
}

/** The layout's files, with the manifest's sizes and hashes where it has them. */
export function layoutFiles(manifest: readonly ManifestFile[] | null): PlanFile[] {
  const pinned = new Map((manifest ?? []).map((f) => [f.path, f]));
  return OPTIMUM_FILES.map((path) => ({ path, size: pinned.get(path)?.size ?? null, sha256: pinned.get(path)?.sha256 ?? null, ...(OPTIONAL_FILES.has(path) ? { optional: true } : {}) }));
}

export function urlModelPlan(baseUrl: string, manifest: readonly ManifestFile[] | null): DownloadPlan {
  const base = normalizeBaseUrl(baseUrl);
  const { host, pathname } = new URL(base);
  return {
    id: base,
    name: `${host}${pathname.replace(/\/$/, '')}`,
    baseUrl: base,
    files: layoutFiles(manifest),
  };
}
