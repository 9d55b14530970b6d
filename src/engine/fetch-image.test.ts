// Runs in Node: fetch, AbortSignal.any and web streams are the same APIs the engine document uses.
import { createServer, type Server } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchImageBytes } from './fetch-image';

let server: Server;
let origin: string;
const seen: { path: string; cookie: string | undefined }[] = [];

beforeAll(async () => {
  server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', cookie: req.headers.cookie });
    if (req.url === '/drip.png') {
      // One byte a second, forever.
      res.writeHead(200, { 'content-type': 'image/png' });
      const timer = setInterval(() => res.write('x'), 1000);
      res.on('close', () => clearInterval(timer));
      return;
    }
    if (req.url === '/silent.png') return; // never answers
    res.writeHead(200, { 'content-type': 'image/png' });
    res.end(Buffer.from([0x89, 0x50, 0x4e, 0x47]));
  });
  await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  origin = `http://127.0.0.1:${address.port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((ok) => server.close(ok));
});

const never = new AbortController().signal;

describe('fetchImageBytes', () => {
  it('downloads an image without credentials', async () => {
    const { bytes, type } = await fetchImageBytes(`${origin}/ok.png`, never, { allowPrivate: true });
    expect(Array.from(bytes)).toEqual([0x89, 0x50, 0x4e, 0x47]);
    expect(type).toBe('image/png');
    expect(seen.find((s) => s.path === '/ok.png')?.cookie).toBeUndefined();
  });

  it('fails a server that trickles bytes with timed-out at the total deadline', async () => {
    const started = Date.now();
    await expect(fetchImageBytes(`${origin}/drip.png`, never, { allowPrivate: true, connectMs: 5000, totalMs: 1500 })).rejects.toMatchObject({
      code: 'timed-out',
      message: expect.stringMatching(/took longer than 1.5 s/),
    });
    expect(Date.now() - started).toBeLessThan(10_000);
  });

  it('fails a server that never answers with timed-out at the connect deadline', async () => {
    await expect(fetchImageBytes(`${origin}/silent.png`, never, { allowPrivate: true, connectMs: 500, totalMs: 5000 })).rejects.toMatchObject({
      code: 'timed-out',
      message: expect.stringMatching(/did not answer within 0.5 s/),
    });
  });

  it('reports cancellation as cancelled, not as a timeout', async () => {
    const controller = new AbortController();
    const download = fetchImageBytes(`${origin}/drip.png`, controller.signal, { allowPrivate: true, totalMs: 5000 });
    setTimeout(() => controller.abort(), 300);
    await expect(download).rejects.toMatchObject({ code: 'cancelled' });
  });

  it('refuses a private-network address for a page that is not on one, before any request', async () => {
    const before = seen.length;
    await expect(fetchImageBytes(`${origin}/ok.png`, never)).rejects.toMatchObject({
      code: 'private-address',
      message: expect.stringMatching(/^Not described: private address\. .*loopback address/),
    });
    await expect(fetchImageBytes('http://192.168.0.1/cam.jpg', never)).rejects.toMatchObject({ code: 'private-address' });
    expect(seen.length).toBe(before);
  });
});
