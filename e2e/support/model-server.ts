/**
 * Serves a model folder (the vit-gpt2 stand-in) the way a model host does:
 * Content-Length, and byte ranges (206 with Content-Range) for a Range
 * request. Its `mode` makes it misbehave for the download scenarios:
 * - 'drop': the first full request for `file` sends half of it, slowly (64 KB every 100 ms, so progress can be watched), then cuts the connection;
 * - 'corrupt': `file` comes with one byte changed (same length);
 * - 'not-found': `file` answers 404;
 * - 'html': `file` answers 200 with an HTML page (a login or error page).
 * With `ranges` false it ignores Range headers and answers 200 with the whole
 * file, as some servers do. It records every request (method, path, Range header, status).
 *
 * `serveHubModel` serves the same folder the way a Hugging Face hub does:
 * files under `/<repo>/resolve/<main or commit>/`, and the hub API's
 * `/api/models/<repo>/revision/<rev>` (the commit) and
 * `/api/models/<repo>/tree/<commit>?recursive=true` (each file's size and
 * Git object id; `.onnx` files as LFS files with their sha256).
 *
 * @example
 *   const server = await serveModel(VIT_GPT2_STANDIN, '/vit/');
 *   server.mode = { kind: 'drop', file: 'onnx/decoder_model_merged_quantized.onnx' };
 */
import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import { readdir, readFile } from 'node:fs/promises';
import { join, normalize, relative } from 'node:path';

export type ServerMode = { kind: 'ok' } | { kind: 'drop' | 'corrupt' | 'not-found' | 'html'; file: string };

export interface ModelServer {
  origin: string;
  /** The model's base URL. */
  base: string;
  mode: ServerMode;
  /** Whether Range requests are answered with 206 (default true). */
  ranges: boolean;
  requests: { method: string; path: string; range: string | undefined; status: number }[];
  close(): Promise<void>;
}

interface Hub {
  repo: string;
  commit: string;
}

/** The hub API's file listing of `folder`, as huggingface.co answers /api/models/<repo>/tree/<commit>?recursive=true. */
async function hubTree(folder: string, extra: Record<string, string>): Promise<object[]> {
  const paths = (await readdir(folder, { recursive: true, withFileTypes: true })).filter((d) => d.isFile()).map((d) => relative(folder, join(d.parentPath, d.name)));
  return Promise.all(
    [...new Set([...paths, ...Object.keys(extra)])].sort().map(async (path) => {
      const bytes = path in extra ? Buffer.from(extra[path]!) : await readFile(join(folder, path));
      const blob = (b: Buffer) => createHash('sha1').update(`blob ${b.length}\0`).update(b).digest('hex');
      if (!path.endsWith('.onnx')) return { type: 'file', path, size: bytes.length, oid: blob(bytes) };
      const sha256 = createHash('sha256').update(bytes).digest('hex');
      const pointer = Buffer.from(`version https://git-lfs.github.com/spec/v1\noid sha256:${sha256}\nsize ${bytes.length}\n`);
      return { type: 'file', path, size: bytes.length, oid: blob(pointer), lfs: { oid: sha256, size: bytes.length, pointerSize: pointer.length } };
    }),
  );
}

export function serveHubModel(folder: string, repo: string, commit: string): Promise<ModelServer> {
  return serveModel(folder, `/${repo}/resolve/`, {}, { repo, commit });
}

export async function serveModel(folder: string, prefix: string, extra: Record<string, string> = {}, hub?: Hub): Promise<ModelServer> {
  const state: Pick<ModelServer, 'mode' | 'ranges' | 'requests'> = { mode: { kind: 'ok' }, ranges: true, requests: [] };
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const range = req.headers.range;
    const log = (status: number) => state.requests.push({ method: req.method ?? 'GET', path: url.pathname, range, status });
    const json = (body: unknown) => {
      log(200);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    };
    if (hub && url.pathname === `/api/models/${hub.repo}/revision/main`) return json({ id: hub.repo, sha: hub.commit });
    if (hub && url.pathname === `/api/models/${hub.repo}/tree/${hub.commit}` && url.searchParams.get('recursive') === 'true') return json(await hubTree(folder, extra));
    if (!url.pathname.startsWith(prefix)) {
      log(404);
      res.writeHead(404).end();
      return;
    }
    let rest = url.pathname.slice(prefix.length);
    if (hub) {
      const [revision, ...path] = rest.split('/');
      if (revision !== 'main' && revision !== hub.commit) {
        log(404);
        res.writeHead(404).end();
        return;
      }
      rest = path.join('/');
    }
    const file = normalize(rest);
    const mode = state.mode;
    const targeted = mode.kind !== 'ok' && mode.file === file;
    if (targeted && mode.kind === 'not-found') {
      log(404);
      res.writeHead(404, { 'content-type': 'text/plain' }).end('Entry not found');
      return;
    }
    if (targeted && mode.kind === 'html') {
      const page = '<!doctype html><html><head><title>Sign in</title></head><body><p>Please sign in to download this file.</p></body></html>';
      log(200);
      res.writeHead(200, { 'content-type': 'text/html', 'content-length': Buffer.byteLength(page) }).end(req.method === 'HEAD' ? undefined : page);
      return;
    }
    let bytes: Buffer;
    try {
      bytes = file in extra ? Buffer.from(extra[file]!) : await readFile(join(folder, file));
    } catch {
      log(404);
      res.writeHead(404).end();
      return;
    }
    if (targeted && mode.kind === 'corrupt') {
      bytes = Buffer.from(bytes);
      const at = bytes.length >> 1;
      bytes[at] = bytes[at]! ^ 0xff;
    }
    const match = state.ranges ? /^bytes=(\d+)-$/.exec(range ?? '') : null;
    const start = match ? Number(match[1]) : 0;
    if (match && start >= bytes.length) {
      log(416);
      res.writeHead(416, { 'content-range': `bytes */${bytes.length}` }).end();
      return;
    }
    const body = bytes.subarray(start);
    const headers = { 'content-type': 'application/octet-stream', 'content-length': body.length, 'accept-ranges': 'bytes', ...(match ? { 'content-range': `bytes ${start}-${bytes.length - 1}/${bytes.length}` } : {}) };
    log(match ? 206 : 200);
    res.writeHead(match ? 206 : 200, headers);
    if (req.method === 'HEAD') {
      res.end();
      return;
    }
    if (targeted && mode.kind === 'drop' && !match) {
      // Half the file, then the connection is cut: the client sees a body shorter than its Content-Length.
      state.mode = { kind: 'ok' };
      const half = body.length >> 1;
      for (let at = 0; at < half; at += 65_536) {
        res.write(body.subarray(at, Math.min(half, at + 65_536)));
        await new Promise((ok) => setTimeout(ok, 100));
      }
      res.socket?.destroy();
      return;
    }
    res.end(body);
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const origin = `http://127.0.0.1:${port}`;
  return Object.assign(state, {
    origin,
    base: `${origin}${prefix}`,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  }) as ModelServer;
}
