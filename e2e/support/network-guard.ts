/**
 * Records every request the browser tries to send off the machine. Chromium
 * is pointed at this loopback proxy (`--proxy-server`), so any request to a
 * non-loopback host, from any context (pages, the service worker, offscreen
 * documents and their workers), arrives here, is recorded and refused.
 * Loopback hosts (the fixture servers) bypass proxies in Chromium by default.
 *
 * @example
 *   const guard = await startNetworkGuard();
 *   launchWithExtension({ args: guard.args });
 *   expect(guard.foreign()).toEqual([]);
 */
import { createServer } from 'node:http';

/**
 * Chromium's own background services, which reach out even with
 * --disable-background-networking and --disable-component-update (the
 * extension/component updater, Google account checks and the GCM push
 * channel, android.clients.google.com, which the browser opens at start-up
 * on some runs). They are the browser's, not the extension's: no Glimpse code
 * names these hosts, and the extension asks for no gcm or push permission.
 */
export const CHROMIUM_SERVICES = /^(CONNECT (update\.googleapis\.com|accounts\.google\.com|android\.clients\.google\.com):443|POST http:\/\/update\.googleapis\.com\/service\/update2\/)/;

export interface NetworkGuard {
  /** Chromium flags that route all non-loopback traffic here. */
  args: string[];
  /** `METHOD url` for HTTP, `CONNECT host:port` for HTTPS/WebSocket tunnels. */
  attempts: string[];
  /** The attempts that are not {@link CHROMIUM_SERVICES}. */
  foreign(): string[];
  close(): Promise<void>;
}

export async function startNetworkGuard(): Promise<NetworkGuard> {
  const attempts: string[] = [];
  const server = createServer((req, res) => {
    attempts.push(`${req.method} ${req.url}`);
    res.writeHead(502, { 'content-type': 'text/plain' });
    res.end('blocked by the test network guard');
  });
  server.on('connect', (req, socket) => {
    attempts.push(`CONNECT ${req.url}`);
    // Node hands a CONNECT socket over without an error listener; Chromium may
    // reset the tunnel it was refused, which must not crash the test process.
    socket.on('error', () => undefined);
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('guard has no port');
  return {
    args: [`--proxy-server=http://127.0.0.1:${address.port}`],
    attempts,
    foreign: () => attempts.filter((attempt) => !CHROMIUM_SERVICES.test(attempt)),
    close: () => new Promise<void>((ok) => server.close(() => ok())),
  };
}
