// The InceptionV3 backbone derived from npm nsfwjs: the pins the build checks
// (a wrong or missing package file is refused with its name and expected
// sha256), the conversion's own pin, the layer kinds it refuses, and the
// numbers themselves against the original model on tfjs.
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { sha256 } from './lib/backbone';
import { inceptionOnnxBytes } from './lib/inception-backbone';
import { compareInception } from './lib/inception-compare';
import { kerasToOnnx } from './lib/keras-onnx';
import { encodeModel, loadModel } from './lib/onnx-graph';
import { inceptionDir, inceptionManifest, readInception, type KerasLayer } from './lib/nsfwjs-inception';

const root = fileURLToPath(new URL('..', import.meta.url));
const spec = inceptionManifest(root);

const made: string[] = [];
afterAll(() => made.forEach((dir) => rmSync(dir, { recursive: true, force: true })));

/** A throwaway repository root with the real manifest and nsfwjs's files linked in, one of them changed or left out. */
function fakeRoot(change: { file: string; bytes?: Uint8Array }): string {
  const dir = mkdtempSync(join(tmpdir(), 'glimpse-inception-'));
  made.push(dir);
  mkdirSync(join(dir, 'models'));
  copyFileSync(join(root, 'models/manifest.json'), join(dir, 'models/manifest.json'));
  const pkg = join(dir, 'node_modules', spec.package);
  mkdirSync(join(pkg, spec.folder), { recursive: true });
  copyFileSync(join(root, 'node_modules', spec.package, 'package.json'), join(pkg, 'package.json'));
  for (const f of spec.files) {
    const target = join(pkg, spec.folder, f.file);
    if (f.file !== change.file) symlinkSync(join(inceptionDir(root), f.file), target);
    else if (change.bytes) writeFileSync(target, change.bytes);
  }
  return dir;
}

describe('packaged.inception', () => {
  it('pins nsfwjs 4.4.0: the topology and six weight shards', () => {
    expect(spec).toMatchObject({ package: 'nsfwjs', version: '4.4.0', folder: 'dist/models/inception_v3' });
    expect(spec.files.map((f) => f.file)).toEqual(['model.min.js', ...[1, 2, 3, 4, 5, 6].map((i) => `group1-shard${i}of6.min.js`)]);
    for (const f of spec.files) expect(sha256(readFileSync(join(inceptionDir(root), f.file)))).toBe(f.sha256);
  });

  it('refuses a missing package file with its name and expected sha256', () => {
    const shard = spec.files[3]!;
    expect(() => readInception(fakeRoot({ file: shard.file }))).toThrow(new RegExp(`${shard.file} is missing.*${shard.sha256}`));
  });

  it('refuses a changed package file with its name and expected sha256', () => {
    const topology = spec.files[0]!;
    const bytes = new Uint8Array(readFileSync(join(inceptionDir(root), topology.file)));
    bytes[bytes.length - 2] = bytes[bytes.length - 2]! ^ 1;
    expect(() => readInception(fakeRoot({ file: topology.file, bytes }))).toThrow(new RegExp(`${topology.file}: sha256 [0-9a-f]{64}, models/manifest.json expects ${topology.sha256}`));
  });

  it('derives exactly the pinned graph', async () => {
    const bytes = await inceptionOnnxBytes(root);
    expect(bytes.length).toBe(spec.onnx.size);
    expect(sha256(bytes)).toBe(spec.onnx.sha256);
  });

  it('refuses a Keras layer kind it does not know on the path to an output', () => {
    const layers: KerasLayer[] = [
      { name: 'input_1', class_name: 'InputLayer', config: {}, inbound_nodes: [] },
      { name: 'sep', class_name: 'SeparableConv2D', config: {}, inbound_nodes: [[['input_1', 0, 0, {}]]] },
    ];
    expect(() => kerasToOnnx(layers, new Map(), { input: 'x', size: 8, outputs: ['sep'] })).toThrow(/SeparableConv2D is not handled/);
  });

  const data = join(root, '../shared/data/flickr8k');
  const devImages = (n: number): string[] => readFileSync(join(data, 'Flickr_8k.devImages.txt'), 'utf8').split('\n').filter(Boolean).slice(0, n).map((f) => join(data, 'images', f.trim()));

  it('matches nsfwjs on tfjs within 1e-3 on every feature layer (3 Flickr8k dev images)', async () => {
    const report = await compareInception(devImages(3), await inceptionOnnxBytes(root));
    expect(report.images).toBe(3);
    expect(Object.keys(report.maxAbsDiff)).toEqual(['mixed5', 'mixed6', 'mixed7']);
    for (const [layer, diff] of Object.entries(report.maxAbsDiff)) {
      expect(diff, layer).toBeLessThanOrEqual(1e-3);
      // Not trivially zero: the grids carry real activations.
      expect(report.maxAbs[layer], layer).toBeGreaterThan(1);
    }
  }, 300_000);

  it('the comparison catches a graph that is slightly off (one bias of the first convolution moved by 0.01)', async () => {
    const model = await loadModel(await inceptionOnnxBytes(root));
    const bias = model.graph.initializer.find((t: { name: string }) => t.name === 'conv2d_1/B');
    const values = new Float32Array(new Uint8Array(bias.rawData).buffer);
    values[0]! += 0.01;
    bias.rawData = new Uint8Array(values.buffer);
    const report = await compareInception(devImages(1), await encodeModel(model));
    expect(Math.max(...Object.values(report.maxAbsDiff))).toBeGreaterThan(1e-3);
  }, 300_000);
});
