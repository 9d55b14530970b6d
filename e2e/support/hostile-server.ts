/**
 * A fixture server that misbehaves on purpose, for the hostile-page
 * scenarios: `/drip/<name>` answers 200 and then sends the file <name> one
 * byte a second (a valid start, so the page's own <img> keeps loading rather
 * than failing); `/redirect?to=<url>` answers 302 to `to`; `/page?...` returns the
 * HTML passed in `html`; `/cloak/<name>?decoy=<file>` sends <file> to the
 * page's own <img> (Sec-Fetch-Dest: image) and <name> to everyone else (the
 * engine's fetch), so a file that would hang the page's own renderer reaches
 * only the engine; anything else is a file from `roots`. It records
 * when each drip connection opened and closed, and the Cookie header of
 * every request.
 *
 * @example
 *   const server = await serveHostile(['e2e/scenarios/describe-photos']);
 *   await page.goto(`${server.origin}/page?html=${encodeURIComponent('<img src="/drip/a.jpg">')}`);
 */
import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { join, normalize } from 'node:path';

export interface HostileServer {
  port: number;
  origin: string;
  /** Every drip request: its Sec-Fetch-Dest, when it opened and (once the client gave up) closed, in ms since the epoch. */
  drips: { path: string; dest: string | undefined; opened: number; closed: number | null }[];
  /**
   * Every request: path and query, the Cookie header it carried, Sec-Fetch-Dest ('image' for an <img>, 'empty' for a fetch();
   * sent to trustworthy origins only) and Accept (an <img> asks for image/…, a fetch() for any type).
   */
  requests: { path: string; search: string; cookie: string | undefined; dest: string | undefined; accept: string | undefined }[];
  close(): Promise<void>;
}

/** By the file's extension; everything else is served as a JPEG (whatever it holds). */
function typeOf(path: string): string {
  if (path.endsWith('.png')) return 'image/png';
  if (path.endsWith('.svg')) return 'image/svg+xml';
  if (path.endsWith('.html')) return 'text/html';
  return 'image/jpeg';
}

export async function serveHostile(roots: string[]): Promise<HostileServer> {
  const drips: HostileServer['drips'] = [];
  const file = async (path: string): Promise<Buffer | null> => {
    for (const root of roots) {
      try {
        return await readFile(join(root, normalize(path).replace(/^\/+/, '')));
      } catch {
        // next root
      }
    }
    return null;
  };
  const requests: HostileServer['requests'] = [];
  const server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    requests.push({ path: url.pathname, search: url.search, cookie: req.headers.cookie, dest: req.headers['sec-fetch-dest'] as string | undefined, accept: req.headers.accept });
    if (url.pathname.startsWith('/drip/')) {
      const record = { path: url.pathname, dest: req.headers['sec-fetch-dest'] as string | undefined, opened: Date.now(), closed: null as number | null };
      drips.push(record);
      const bytes = (await file(url.pathname.slice('/drip'.length))) ?? Buffer.alloc(0);
      res.writeHead(200, { 'content-type': 'image/jpeg' });
      let sent = 0;
      const timer = setInterval(() => {
        if (sent < bytes.length) res.write(bytes.subarray(sent, ++sent));
      }, 1000);
      res.on('close', () => {
        clearInterval(timer);
        record.closed = Date.now();
      });
      return;
    }
    if (url.pathname === '/redirect') {
      res.writeHead(302, { location: url.searchParams.get('to') ?? '/' });
      res.end();
      return;
    }
    if (url.pathname.startsWith('/cloak/')) {
      const name = req.headers['sec-fetch-dest'] === 'image' ? `/${url.searchParams.get('decoy') ?? ''}` : url.pathname.slice('/cloak'.length);
      const body = await file(name);
      res.writeHead(body ? 200 : 404, { 'content-type': typeOf(name) });
      res.end(body ?? '');
      return;
    }
    if (url.pathname === '/page') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      res.end(url.searchParams.get('html') ?? '');
      return;
    }
    const body = await file(url.pathname);
    if (body) {
      res.writeHead(200, { 'content-type': typeOf(url.pathname) });
      res.end(body);
      return;
    }
    res.writeHead(404);
    res.end();
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    port: address.port,
    origin: `http://127.0.0.1:${address.port}`,
    drips,
    requests,
    close: () =>
      new Promise<void>((ok) => {
        server.closeAllConnections();
        server.close(() => ok());
      }),
  };
}
