import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveStatic, type StaticServer } from './static-server';

let server: StaticServer;
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'glimpse-static-'));
  await writeFile(join(root, 'page.html'), '<p>hi</p>');
  await writeFile(join(root, '100% off.html'), '<p>sale</p>');
  await writeFile(join(root, 'chart-1.png'), 'png bytes');
  server = await serveStatic([root], {}, { '/img/a.png': join(root, 'chart-1.png'), '/img/gone.png': join(root, 'nothing.png') });
});
afterAll(async () => server.close());

describe('serveStatic', () => {
  it('answers a malformed percent escape with 400 and keeps serving', async () => {
    for (const bad of ['/%E0%A4%A', '/100%_off.jpg', '/%', '/%C3%28']) {
      const response = await fetch(`${server.origin}${bad}`);
      expect(response.status, bad).toBe(400);
    }
    const ok = await fetch(`${server.origin}/page.html`);
    expect(ok.status).toBe(200);
    expect(await ok.text()).toBe('<p>hi</p>');
  });
  it('serves escaped names and refuses paths outside its roots', async () => {
    expect((await fetch(`${server.origin}/100%25%20off.html`)).status).toBe(200);
    expect((await fetch(`${server.origin}/..%2F..%2Fetc%2Fpasswd`)).status).toBe(404);
    expect((await fetch(`${server.origin}/missing.png`)).status).toBe(404);
  });
  it('serves an aliased file under its neutral path only', async () => {
    const aliased = await fetch(`${server.origin}/img/a.png`);
    expect(aliased.status).toBe(200);
    expect(aliased.headers.get('content-type')).toBe('image/png');
    expect(await aliased.text()).toBe('png bytes');
    expect((await fetch(`${server.origin}/img/gone.png`)).status).toBe(404);
  });
});
