import { createHash } from 'node:crypto';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { contentKey, fetchContents } from './content-hash';
import { HostPacer } from './host-pacer';

describe('contentKey', () => {
  it('is the sha256 of the bytes', () => {
    expect(contentKey(Buffer.from(''))).toBe('sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(contentKey(Buffer.from('a'))).not.toBe(contentKey(Buffer.from('b')));
  });
});

describe('fetchContents', () => {
  let origin = '';
  const seen: Array<{ path: string; at: number; agent: string }> = [];
  let png: Buffer;
  const server = createServer((req, res) => {
    seen.push({ path: req.url ?? '', at: Date.now(), agent: req.headers['user-agent'] ?? '' });
    if (req.url === '/gone.png') return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': 'image/png' }).end(req.url === '/other.png' ? Buffer.from('not a png') : png);
  });
  beforeAll(async () => {
    png = await sharp({ create: { width: 200, height: 100, channels: 3, background: '#c33' } }).png().toBuffer();
    await new Promise<void>((ok) => server.listen(0, '127.0.0.1', ok));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((ok) => server.close(() => ok())));

  it('gives one key to the same bytes under two URLs, fetches each URL once at the host rate, with the audit user agent', async () => {
    const a = `${origin}/a.png`, b = `${origin}/b.png?v=2`;
    const contents = await fetchContents([a, b, a, `${origin}/other.png`, `${origin}/gone.png`, 'blob:https://x.test/1'], { userAgent: 'GlimpseAudit/test', pacer: new HostPacer(4), thumbnails: new Set([a]) });
    expect(contents.get(a)?.hash).toBe(`sha256:${createHash('sha256').update(png).digest('hex')}`);
    expect(contents.get(b)?.hash).toBe(contents.get(a)?.hash);
    expect(contents.get(`${origin}/other.png`)?.hash).not.toBe(contents.get(a)?.hash);
    expect(contents.has(`${origin}/gone.png`)).toBe(false);
    expect(contents.get(a)?.thumbnail).toMatch(/^data:image\/webp;base64,/);
    expect(contents.get(b)?.thumbnail).toBeUndefined();
    expect(seen.map((s) => s.path)).toEqual(['/a.png', '/b.png?v=2', '/other.png', '/gone.png']);
    expect(seen.every((s) => s.agent === 'GlimpseAudit/test')).toBe(true);
    // 4 requests/s: at least 250 ms between two requests to the host (less a timer's slack).
    for (let i = 1; i < seen.length; i++) expect(seen[i]!.at - seen[i - 1]!.at).toBeGreaterThanOrEqual(240);
  });
});
