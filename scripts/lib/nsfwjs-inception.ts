/**
 * The Keras InceptionV3 inside npm `nsfwjs` (models/manifest.json →
 * `packaged.inception`): its TF.js layers topology (`model.min.js`) and its
 * uint8-quantized weight shards (base64 strings inside `group1-shard*of6.min.js`),
 * read from node_modules, checked against their pinned sha256 and size, and
 * decoded to float32 exactly as tfjs does (`q * scale + min`).
 *
 * @example
 *   const { layers, weights } = readInception();
 *   weights.get('conv2d_1/kernel'); // { shape: [3, 3, 3, 32], data: Float32Array }
 */
import { createRequire } from 'node:module';
import { packagedDir, packagedEntry, repoRoot, verifiedPackagedFiles, type PackagedEntry, type PinnedFile } from './packaged-files';

export interface InceptionFile extends PinnedFile { role: 'topology' | 'weights' }
export interface InceptionManifest extends PackagedEntry<InceptionFile> {
  /** The ONNX graph `npm run models` derives from them, with its own pin. */
  onnx: { install: string; input: string; inputSize: number; outputs: string[]; sha256: string; size: number };
}
export interface KerasLayer { name: string; class_name: string; config: Record<string, unknown>; inbound_nodes: [string, number, number, object][][] }
export interface Weight { shape: number[]; data: Float32Array }

interface WeightSpec { name: string; shape: number[]; dtype: string; quantization?: { min: number; scale: number; dtype: string } }
interface ModelJson {
  modelTopology: { model_config: { config: { layers: KerasLayer[] } } };
  weightsManifest: { paths: string[]; weights: WeightSpec[] }[];
}

export function inceptionManifest(root = repoRoot): InceptionManifest {
  return packagedEntry<InceptionManifest>('inception', root);
}

/** The package folder holding the files, e.g. node_modules/nsfwjs/dist/models/inception_v3. */
export function inceptionDir(root = repoRoot): string {
  return packagedDir(inceptionManifest(root), root);
}

/** Every pinned file checked (see verifiedPackagedFiles), by file name → path. */
function verifiedPaths(root: string): Map<string, string> {
  return new Map(verifiedPackagedFiles<InceptionFile>('inception', root).map((f) => [f.file, f.path]));
}

export function readInception(root = repoRoot): { layers: KerasLayer[]; weights: Map<string, Weight> } {
  const paths = verifiedPaths(root);
  const topology = [...inceptionManifest(root).files].find((f) => f.role === 'topology')!;
  // The files are browserify UMD bundles whose export is the JSON object / the base64 string.
  const load = createRequire(import.meta.url);
  const json = load(paths.get(topology.file)!) as ModelJson;
  const weights = new Map<string, Weight>();
  for (const group of json.weightsManifest) {
    const shards = group.paths.map((p) => {
      const path = paths.get(`${p}.min.js`);
      if (!path) throw new Error(`weight shard ${p}.min.js is not pinned in models/manifest.json`);
      return Buffer.from(load(path) as string, 'base64');
    });
    const bytes = Buffer.concat(shards);
    let offset = 0;
    for (const spec of group.weights) {
      const count = spec.shape.reduce((a, b) => a * b, 1);
      const q = spec.quantization;
      if (spec.dtype !== 'float32' || q?.dtype !== 'uint8') throw new Error(`${spec.name}: ${spec.dtype}/${q?.dtype ?? 'unquantized'} weights are not handled`);
      const data = new Float32Array(count);
      for (let i = 0; i < count; i++) data[i] = bytes[offset + i]! * q.scale + q.min;
      weights.set(spec.name, { shape: spec.shape, data });
      offset += count;
    }
    if (offset !== bytes.length) throw new Error(`weights use ${offset} bytes of ${bytes.length} in the shards`);
  }
  return { layers: json.modelTopology.model_config.config.layers, weights };
}
