// The YOLOX-Nano pin in models/manifest.json and the checks that the build
// (vite.config.ts) and the tests rely on: the right file passes, a changed or
// missing one is refused with its path in the message.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { checkDetectorBytes, detectorPin, installedDetectorFile, shippedDetectorBytes, verifiedDetectorFile } from './lib/detector-model';
import { sha256 } from './lib/backbone';
import { yoloxAtSize } from './lib/yolox-graph';

const root = fileURLToPath(new URL('..', import.meta.url));

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A throwaway repository root holding the real manifest and, optionally, an installed detector. */
function fakeRoot(installed?: Uint8Array): string {
  const dir = mkdtempSync(join(tmpdir(), 'glimpse-detector-'));
  made.push(dir);
  mkdirSync(join(dir, 'models'));
  writeFileSync(join(dir, 'models/manifest.json'), readFileSync(join(root, 'models/manifest.json')));
  if (installed) {
    mkdirSync(join(dir, '.cache/models/detector'), { recursive: true });
    const target = join(dir, '.cache/models', detectorPin(dir).install);
    writeFileSync(target, installed);
  }
  return dir;
}

describe('thirdParty.yolox_nano', () => {
  it('pins the file by sha256, size, licence and public source, installed under detector/', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'models/manifest.json'), 'utf8')) as { thirdParty: Record<string, Record<string, unknown>> };
    const entry = manifest.thirdParty.yolox_nano!;
    expect(entry).toMatchObject({ file: 'yolox_nano.onnx', size: 3659407, licence: 'Apache-2.0', install: 'detector/yolox_nano.onnx' });
    expect(entry.sha256).toBe('4903c9058f6e2553834e9905be1ae5d67e262cb6321964dbc57a49edc6fa10da');
    expect(entry.source).toBe('https://github.com/Megvii-BaseDetection/YOLOX/releases/download/0.1.1rc0/yolox_nano.onnx');
  });

  it('accepts the shared copy, and an installed copy of its shipped 320×320 form', async () => {
    expect(verifiedDetectorFile().bytes.length).toBe(3659407);
    expect(detectorPin().shipped).toMatchObject({ inputSize: 320, size: 3647711 });
    const shipped = await shippedDetectorBytes(verifiedDetectorFile().bytes);
    expect(installedDetectorFile(fakeRoot(shipped)).install).toBe('detector/yolox_nano.onnx');
  }, 120_000);

  it('makes the shipped form reproducibly, and refuses a rewrite that is not the pinned one', async () => {
    const original = verifiedDetectorFile().bytes;
    const shipped = await shippedDetectorBytes(original);
    expect(sha256(shipped)).toBe(sha256(await yoloxAtSize(original, 320, 320)));
    expect(() => checkDetectorBytes(shipped, 'shipped', detectorPin().shipped)).not.toThrow();
    const other = await yoloxAtSize(original, 256, 256);
    expect(() => checkDetectorBytes(other, 'detector/yolox_nano.onnx', detectorPin().shipped)).toThrow(/detector\/yolox_nano\.onnx: \d+ bytes|sha256/);
    // The original 416×416 file is not what is installed either.
    expect(() => installedDetectorFile(fakeRoot(original))).toThrow(/models\/manifest\.json says/);
  }, 120_000);

  it('refuses a changed file, naming it', () => {
    const bytes = new Uint8Array(verifiedDetectorFile().bytes);
    bytes[bytes.length - 1]! ^= 1;
    expect(() => checkDetectorBytes(bytes, 'x/yolox_nano.onnx')).toThrow(/x\/yolox_nano\.onnx: sha256 [0-9a-f]{64}, models\/manifest\.json says 4903c9/);
    expect(() => checkDetectorBytes(bytes.slice(1), 'x/yolox_nano.onnx')).toThrow(/3659406 bytes/);
    const dir = fakeRoot(bytes);
    expect(() => installedDetectorFile(dir)).toThrow(dir);
  });

  it('tells the build to run npm run models when the installed copy is missing', () => {
    expect(() => installedDetectorFile(fakeRoot())).toThrow(/is missing: run npm run models/);
  });
});

describe('yoloxAtSize', () => {
  it('rewrites only the declared input and output shapes, and refuses sides that are not multiples of 32', async () => {
    const { loadModel } = await import('./lib/onnx-graph');
    const original = verifiedDetectorFile().bytes;
    const small = await loadModel(await yoloxAtSize(original, 320, 256));
    const dims = (v: { type: { tensorType: { shape: { dim: { dimValue: unknown }[] } } } }) => v.type.tensorType.shape.dim.map((d) => Number(d.dimValue));
    expect(dims(small.graph.input[0])).toEqual([1, 3, 256, 320]);
    expect(dims(small.graph.output[0])).toEqual([1, 40 * 32 + 20 * 16 + 10 * 8, 85]);
    const base = await loadModel(original);
    expect(small.graph.node.length).toBe(base.graph.node.length);
    expect(small.graph.initializer.length).toBe(base.graph.initializer.length);
    await expect(yoloxAtSize(original, 300, 300)).rejects.toThrow(/multiples of 32/);
  });
});
