/**
 * A tiny static file server for fixture pages, started by the tests on a
 * loopback port. Two servers on two ports give a cross-origin pair.
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, resolve, sep } from 'node:path';

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.css': 'text/css',
  '.json': 'application/json',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.svg': 'image/svg+xml',
  '.wasm': 'application/wasm',
};

/** The percent-decoded path, or null when it is not valid percent-encoded UTF-8. */
function decodePath(pathname: string): string | null {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return null;
  }
}

export interface StaticServer {
  origin: string;
  close(): Promise<void>;
  /** Paths requested so far, in order. */
  requests: string[];
  /** Each request so far, in order, with its query and User-Agent header. */
  hits: Array<{ path: string; search: string; userAgent: string }>;
}

/**
 * Serves `roots` (first match wins) on 127.0.0.1 at a free port. `aliases`
 * maps a URL path to a file served under it (data served under a neutral
 * name, never copied beside the fixtures).
 */
export async function serveStatic(roots: string[], headers: Record<string, string> = {}, aliases: Record<string, string> = {}): Promise<StaticServer> {
  const requests: string[] = [];
  const hits: StaticServer['hits'] = [];
  const absRoots = roots.map((r) => resolve(r));
  const server: Server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push(url.pathname);
    hits.push({ path: url.pathname, search: url.search, userAgent: req.headers['user-agent'] ?? '' });
    const path = decodePath(url.pathname);
    if (path === null) {
      // A lone "%" or a broken UTF-8 escape: a client error, not a crash of the CLI serving the page.
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end('bad path');
      return;
    }
    const alias = aliases[path];
    if (alias !== undefined) {
      try {
        const body = await readFile(alias);
        res.writeHead(200, { 'content-type': TYPES[extname(alias).toLowerCase()] ?? 'application/octet-stream', ...headers });
        res.end(body);
      } catch {
        res.writeHead(404, { 'content-type': 'text/plain' });
        res.end('not found');
      }
      return;
    }
    const rel = normalize(path).replace(/^([/\\])+/, '');
    for (const root of absRoots) {
      const file = join(root, rel);
      if (file !== root && !file.startsWith(root + sep)) break;
      try {
        const info = await stat(file);
        if (!info.isFile()) continue;
        const body = await readFile(file);
        res.writeHead(200, { 'content-type': TYPES[extname(file).toLowerCase()] ?? 'application/octet-stream', ...headers });
        res.end(body);
        return;
      } catch {
        // try the next root
      }
    }
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('server has no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    requests,
    hits,
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
