import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VIT_GPT2_STANDIN } from '../../scripts/lib/test-model';
import { parseSha256Manifest, verifyFile, verifyModel, type ManifestFile } from './model-verify';
import { sha256Hex } from './sha256';
import { standardModel } from './standard-models';

const ENCODER = 'onnx/encoder_model_quantized.onnx';
const read = async (path: string): Promise<Uint8Array | null> => new Uint8Array(await readFile(join(VIT_GPT2_STANDIN, path)));
// node:crypto is a second, independent sha256 to check Web Crypto's against.
const nodeSha = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

async function pinnedManifest(): Promise<ManifestFile[]> {
  const files = standardModel('Xenova/vit-gpt2-image-captioning')!.files;
  return Promise.all(files.map(async ({ path }) => {
    const bytes = (await read(path))!;
    return { path, size: bytes.length, sha256: nodeSha(bytes) };
  }));
}

describe('sha256Hex', () => {
  it('agrees with node:crypto and with the published test vector', async () => {
    expect(await sha256Hex(new TextEncoder().encode('abc'))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    const bytes = (await read(ENCODER))!;
    expect(await sha256Hex(bytes)).toBe(nodeSha(bytes));
  });
});

describe('verifyModel on the vit-gpt2 stand-in', () => {
  it('verifies every file against a pinned manifest', async () => {
    const verdict = await verifyModel(await pinnedManifest(), read);
    expect(verdict).toMatchObject({ ok: true, verified: true, failed: [] });
    expect(verdict.files.every((f) => f.status === 'ok')).toBe(true);
    expect(verdict.message).toBe('All 7 files match their sha256.');
  });

  it('passes the data file\'s unpinned entries as unverified, with the hashes to pin', async () => {
    const manifest = standardModel('Xenova/vit-gpt2-image-captioning')!.files;
    const verdict = await verifyModel(manifest, read);
    expect(verdict).toMatchObject({ ok: true, verified: false });
    expect(verdict.files.map((f) => f.status)).toEqual(manifest.map(() => 'unpinned'));
    const encoder = verdict.files.find((f) => f.path === ENCODER)!;
    expect(encoder).toMatchObject({ sha256: nodeSha((await read(ENCODER))!) });
    expect(verdict.message).toContain('unverified');
  });

  it('refuses one damaged byte, naming the file and both hashes', async () => {
    const manifest = await pinnedManifest();
    const verdict = await verifyModel(manifest, async (path) => {
      const bytes = (await read(path))!;
      if (path === ENCODER) bytes[bytes.length >> 1]! ^= 1;
      return bytes;
    });
    expect(verdict).toMatchObject({ ok: false, verified: false });
    expect(verdict.failed.map((f) => [f.path, f.status])).toEqual([[ENCODER, 'wrong-hash']]);
    const expected = manifest.find((f) => f.path === ENCODER)!.sha256!;
    expect(verdict.message).toContain(`${ENCODER} has sha256 `);
    expect(verdict.message).toContain(`not the expected ${expected.slice(0, 12)}`);
  });

  it('refuses a truncated file by its size before hashing, and lists every refused file', async () => {
    const verdict = await verifyModel(await pinnedManifest(), async (path) => {
      if (path === 'tokenizer.json') return null;
      const bytes = (await read(path))!;
      return path === ENCODER ? bytes.subarray(0, 1000) : bytes;
    });
    expect(verdict.failed.map((f) => [f.path, f.status])).toEqual([['tokenizer.json', 'missing'], [ENCODER, 'wrong-size']]);
    expect(verdict.message).toMatch(/^2 files were refused: tokenizer\.json, onnx\/encoder_model_quantized\.onnx\. tokenizer\.json is missing\.$/);
    expect(verdict.failed[1]!.message).toContain('1,000 bytes; the manifest says');
    expect(verdict.failed[1]!.message).toContain('cut short');
  });
});

describe('verifyFile content checks (what a server may answer instead)', () => {
  const unknown = (path: string): ManifestFile => ({ path, size: null, sha256: null });
  const text = (s: string) => new TextEncoder().encode(s);

  it.each([
    [ENCODER, '\n<!DOCTYPE html><html><body>Sign in</body></html>', 'not-onnx', /web page, not an ONNX model/],
    [ENCODER, 'version https://git-lfs.github.com/spec/v1\noid sha256:ab\nsize 12\n', 'not-onnx', /Git LFS pointer/],
    [ENCODER, '{"error":"Repository not found"}', 'not-onnx', /JSON text/],
    [ENCODER, '\u0008\u0007', 'not-onnx', /only 2 bytes/],
    ['config.json', '<html>404</html>', 'not-json', /web page, not JSON/],
    ['config.json', '{"model_type": "vision-enc', 'not-json', /not valid JSON/],
  ])('%s answered with %j → %s', async (path, body, status, message) => {
    const verdict = await verifyFile(unknown(path), text(body));
    expect(verdict.status).toBe(status);
    expect('message' in verdict && verdict.message).toMatch(message);
  });

  it('a web page of another length than the file says it is a web page, not a short download', async () => {
    const verdict = await verifyFile({ path: ENCODER, size: 117_727, sha256: null }, text('<!doctype html><p>Not found</p>'));
    expect(verdict.status).toBe('not-onnx');
    expect('message' in verdict && verdict.message).toMatch(/web page/);
    expect((await verifyFile({ path: ENCODER, size: 117_727, sha256: null }, new Uint8Array(100).fill(8))).status).toBe('wrong-size');
  });

  it('takes the real files when nothing is pinned', async () => {
    for (const path of ['config.json', ENCODER]) expect((await verifyFile(unknown(path), await read(path))).status).toBe('unpinned');
  });
});

describe('parseSha256Manifest', () => {
  const hex = 'ab'.repeat(32);

  it('reads sha256sum output (text and binary mode) and both JSON shapes', () => {
    expect(parseSha256Manifest(`# model files\n${hex}  config.json\n${hex.toUpperCase()} *./onnx/encoder_model_quantized.onnx\n`)).toEqual([
      { path: 'config.json', sha256: hex, size: null },
      { path: ENCODER, sha256: hex, size: null },
    ]);
    expect(parseSha256Manifest(JSON.stringify({ 'config.json': hex }))).toEqual([{ path: 'config.json', sha256: hex, size: null }]);
    expect(parseSha256Manifest(JSON.stringify({ files: [{ path: ENCODER, sha256: hex, size: 12 }] }))).toEqual([{ path: ENCODER, sha256: hex, size: 12 }]);
  });

  it.each([
    [`${hex.slice(2)}  config.json`, /Line 1 .* not "<64 hex digits> {2}<path>"/],
    [JSON.stringify({ 'config.json': 'abc' }), /entry for config.json is not 64 hex digits/],
    [JSON.stringify({ files: [{ path: 'a.onnx', sha256: hex, size: -1 }] }), /size for a.onnx/],
    ['{"config.json": ', /not valid JSON/],
  ])('refuses %j with a message saying where', (text, message) => {
    expect(() => parseSha256Manifest(text)).toThrow(message);
  });
});
