/**
 * Checks downloaded or imported model files against a manifest (path, size,
 * sha256) before the model may be used. Pure: bytes in, verdicts out; the
 * caller deletes what failed and stores what passed.
 *
 * A file is refused when it is missing, has the wrong size, is not what its
 * name says (an HTML error page saved as .onnx, JSON that doesn't parse), or
 * its sha256 differs. A file whose manifest entry has no sha256 is
 * "unpinned": it passes the content checks, its hash is reported so the
 * caller can pin it, and the model counts as unverified.
 *
 * @example
 *   const verdict = await verifyModel(manifest, (path) => store.read(path));
 *   if (!verdict.ok) for (const f of verdict.failed) await store.delete(f.path); // f.message says why
 */
import { sha256Hex } from './sha256';

export interface ManifestFile {
  /** Path inside the model folder, e.g. `onnx/encoder_model_quantized.onnx`. */
  path: string;
  /** Bytes; null when unknown. */
  size: number | null;
  /** Lower-case hex; null when unknown. */
  sha256: string | null;
  /**
   * A hub's Git object id for a small file kept in Git itself, not LFS (the
   * SHA-1 of "blob <size>\0" and the bytes); checked when there is no sha256.
   */
  gitBlob?: string | null;
}

export type FileProblem = 'missing' | 'wrong-size' | 'not-onnx' | 'not-json' | 'wrong-hash';

export type FileVerdict =
  | { path: string; status: 'ok' | 'unpinned'; size: number; sha256: string; by?: 'git-blob' }
  | { path: string; status: FileProblem; message: string; size?: number; sha256?: string };

export interface ModelVerdict {
  /** No file was refused. */
  ok: boolean;
  /** ok, and every file matched a known sha256. */
  verified: boolean;
  files: FileVerdict[];
  failed: Extract<FileVerdict, { message: string }>[];
  /** One sentence for the user. */
  message: string;
}

const HEX64 = /^[0-9a-f]{64}$/;
const short = (hex: string): string => `${hex.slice(0, 12)}…`;

/** Git's object id of a file's bytes: SHA-1 of "blob <size>\0" and the bytes. */
export async function gitBlobId(bytes: Uint8Array): Promise<string> {
  const header = new TextEncoder().encode(`blob ${bytes.length}\0`);
  const whole = new Uint8Array(header.length + bytes.length);
  whole.set(header);
  whole.set(bytes, header.length);
  const digest = await globalThis.crypto.subtle.digest('SHA-1', whole);
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** What the first bytes say the file is not: an ONNX model is binary protobuf, never text. */
function contentProblem(path: string, bytes: Uint8Array): { status: FileProblem; message: string } | null {
  const head = new TextDecoder().decode(bytes.subarray(0, 256)).trimStart().toLowerCase();
  const html = head.startsWith('<'); // <!doctype html>, <html>, <?xml …>: a page, never a model
  if (path.endsWith('.onnx')) {
    if (html) return { status: 'not-onnx', message: `${path} is a web page, not an ONNX model: the server answered with HTML (an error or login page?).` };
    if (head.startsWith('{')) return { status: 'not-onnx', message: `${path} is JSON text, not an ONNX model (a Git LFS pointer or an error reply?).` };
    if (head.startsWith('version https://git-lfs')) return { status: 'not-onnx', message: `${path} is a Git LFS pointer, not the model: the server gave the pointer file instead of its content.` };
    if (bytes.length < 64) return { status: 'not-onnx', message: `${path} is only ${bytes.length} bytes: too short to be an ONNX model (truncated?).` };
    return null;
  }
  if (path.endsWith('.json')) {
    if (html) return { status: 'not-json', message: `${path} is a web page, not JSON: the server answered with HTML (an error or login page?).` };
    try {
      JSON.parse(new TextDecoder().decode(bytes));
    } catch {
      return { status: 'not-json', message: `${path} is not valid JSON (truncated or damaged).` };
    }
  }
  return null;
}

/** Checks one file; `bytes` null means it is not there. */
export async function verifyFile(file: ManifestFile, bytes: Uint8Array | null): Promise<FileVerdict> {
  const { path } = file;
  if (!bytes) return { path, status: 'missing', message: `${path} is missing.` };
  const problem = contentProblem(path, bytes);
  if (file.size !== null && bytes.length !== file.size) {
    // A web page in place of the file is the likelier story than a short download: say that.
    if (problem && problem.message.includes('web page')) return { path, size: bytes.length, ...problem };
    const cut = bytes.length < file.size ? ' (the download was cut short?)' : '';
    return { path, status: 'wrong-size', size: bytes.length, message: `${path} is ${bytes.length.toLocaleString('en')} bytes; the manifest says ${file.size.toLocaleString('en')}${cut}.` };
  }
  if (problem) return { path, size: bytes.length, ...problem };
  const sha256 = await sha256Hex(bytes);
  if (file.sha256 === null && file.gitBlob) {
    const blob = await gitBlobId(bytes);
    if (blob === file.gitBlob.toLowerCase()) return { path, status: 'ok', size: bytes.length, sha256, by: 'git-blob' };
    return { path, status: 'wrong-hash', size: bytes.length, sha256, message: `${path} has Git object id ${short(blob)}, not the published ${short(file.gitBlob.toLowerCase())}: the file is damaged or is not the published one.` };
  }
  if (file.sha256 === null) return { path, status: 'unpinned', size: bytes.length, sha256 };
  if (sha256 !== file.sha256.toLowerCase()) {
    return { path, status: 'wrong-hash', size: bytes.length, sha256, message: `${path} has sha256 ${short(sha256)}, not the expected ${short(file.sha256.toLowerCase())}: the file is damaged or is not the published one.` };
  }
  return { path, status: 'ok', size: bytes.length, sha256 };
}

/** Checks every file of a manifest, one at a time (model files are large: one in memory at once). */
export async function verifyModel(files: readonly ManifestFile[], read: (path: string) => Promise<Uint8Array | null>): Promise<ModelVerdict> {
  const verdicts: FileVerdict[] = [];
  for (const file of files) verdicts.push(await verifyFile(file, await read(file.path)));
  const failed = verdicts.filter((v): v is Extract<FileVerdict, { message: string }> => 'message' in v);
  const unpinned = verdicts.filter((v) => v.status === 'unpinned');
  const ok = failed.length === 0;
  const verified = ok && unpinned.length === 0;
  const message = !ok
    ? failed.length === 1
      ? failed[0]!.message
      : `${failed.length} files were refused: ${failed.map((f) => f.path).join(', ')}. ${failed[0]!.message}`
    : verified
      ? allMatch(verdicts)
      : `${unpinned.length} of ${verdicts.length} files have no published sha256 to check against (${unpinned.map((f) => f.path).join(', ')}); their contents look right, but they are unverified.`;
  return { ok, verified, files: verdicts, failed, message };
}

function allMatch(verdicts: readonly FileVerdict[]): string {
  const byBlob = verdicts.filter((v) => v.status === 'ok' && v.by === 'git-blob').length;
  if (byBlob === 0) return `All ${verdicts.length} files match their sha256.`;
  return `All ${verdicts.length} files match their published hashes (${verdicts.length - byBlob} by sha256, ${byBlob} small ${byBlob === 1 ? 'one' : 'ones'} by Git object id).`;
}

/**
 * Reads a sha256 manifest offered with a model URL: `sha256sum` output
 * (`<hex>  <path>`, or `<hex> *<path>`) or JSON, either `{ "<path>": "<hex>" }`
 * or `{ "files": [{ "path", "sha256", "size"? }] }`. Throws an Error naming
 * the line or entry it cannot read.
 */
export function parseSha256Manifest(text: string): ManifestFile[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) return parseJsonManifest(trimmed);
  return trimmed.split(/\r?\n/).flatMap((line, i): ManifestFile[] => {
    if (!line.trim() || line.trimStart().startsWith('#')) return [];
    const match = /^([0-9a-fA-F]{64}) [ *](.+)$/.exec(line.trim());
    if (!match) throw new Error(`Line ${i + 1} of the sha256 manifest is not "<64 hex digits>  <path>": ${JSON.stringify(line.slice(0, 80))}`);
    return [{ path: match[2]!.replace(/^\.\//, ''), sha256: match[1]!.toLowerCase(), size: null }];
  });
}

function parseJsonManifest(text: string): ManifestFile[] {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`The sha256 manifest is not valid JSON (${(error as Error).message}).`, { cause: error });
  }
  const entries: [string, unknown, unknown][] = Array.isArray((json as { files?: unknown }).files)
    ? ((json as { files: Record<string, unknown>[] }).files.map((f) => [String(f.path ?? ''), f.sha256, f.size ?? null]) as [string, unknown, unknown][])
    : Object.entries(json as Record<string, unknown>).map(([path, sha]) => [path, sha, null]);
  return entries.map(([path, sha256, size]) => {
    if (!path) throw new Error('An entry of the sha256 manifest has no path.');
    if (typeof sha256 !== 'string' || !HEX64.test(sha256.toLowerCase())) throw new Error(`The sha256 manifest's entry for ${path} is not 64 hex digits.`);
    if (size !== null && !(typeof size === 'number' && Number.isInteger(size) && size >= 0)) throw new Error(`The sha256 manifest's size for ${path} is not a whole number of bytes.`);
    return { path, sha256: sha256.toLowerCase(), size: size as number | null };
  });
}
