/**
 * `npm run models`: writes every model in models/manifest.json, complete, to
 * .cache/models/<id>/ (which the build ships as dist/models/<id>/).
 *
 * - Files the project trained are checked against their manifest sha256 and copied.
 * - Third-party models used as they are (`thirdParty.<name>.install`, e.g.
 *   the YOLOX-Nano detector) are verified against their pinned sha256 and
 *   written to .cache/models/<install>, e.g. .cache/models/detector/yolox_nano.onnx
 *   (the detector in its `shipped` 320×320 form, checked against that pin too).
 * - Encoders built on a third-party backbone are assembled here: the backbone
 *   (never committed; read from GLIMPSE_THIRD_PARTY_MODELS or ../shared/models,
 *   else downloaded from its public source) is verified against its pinned
 *   sha256, its feature map, logits and pooled features are exposed, its input is renamed
 *   `pixel_values`, and the trained head is appended behind it.
 *
 * - The InceptionV3 backbone graph (a candidate encoder backbone, not shipped)
 *   is derived from npm nsfwjs's files, which are checked against their pins
 *   in `packaged.inception` (a wrong or missing file fails with its name and
 *   expected sha256), and written to .cache/models/backbones/inception_v3.onnx,
 *   itself checked against the pin of the conversion.
 *
 * `--write-manifest` recomputes sha256/size of the project's own files after
 * a new training run (the recipe calls it; builds never do).
 *
 * @example
 *   npm run models
 *   GLIMPSE_THIRD_PARTY_MODELS=/opt/models npm run models
 */
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256, thirdPartyModelDir } from './lib/backbone';
import { DETECTOR_ID, shippedDetectorBytes } from './lib/detector-model';
import { floatFromQLinear } from './lib/float-graph';
import { inceptionOnnxBytes } from './lib/inception-backbone';
import { inceptionManifest } from './lib/nsfwjs-inception';
import { appendHead, appendSpatialMean, encodeModel, exposeOutput, loadModel, renameTensor, upgradeOpset12To13 } from './lib/onnx-graph';

interface FileEntry { path: string; sha256: string; size: number }
interface ThirdParty {
  file: string;
  sha256: string;
  size: number;
  licence: string;
  source: string;
  tensors: { features: string; logits: string; input: string };
  /** Shipped at .cache/models/<install> (e.g. the detector), rather than only built into an assembled encoder. */
  install?: string;
  /** The installed form when it is a rewrite of the file (the detector's smaller input), with its own pin. */
  shipped?: { inputSize: number; sha256: string; size: number };
}
interface Assembly { output: string; backbone: string; head: string }
interface ModelEntry { licence: string; source: string; files: FileEntry[]; assemble?: Assembly[] }
interface Manifest { thirdParty: Record<string, ThirdParty>; models: Record<string, ModelEntry> }

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const manifestPath = join(root, 'models/manifest.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8')) as Manifest;
/**
 * `--float-backbone clipped|rounded` assembles the encoder with the int8
 * backbone rewritten as float kernels over its own dequantized weights
 * (scripts/lib/float-graph.ts), into .cache/models-float-<mode>/ beside the
 * shipped form, for measuring (BENCHMARKS.md, "Encoder backbone: int8 vs float").
 */
const floatArg = process.argv.indexOf('--float-backbone');
const floatBackbone = floatArg > 0 ? (process.argv[floatArg + 1] as 'clipped' | 'rounded') : undefined;
if (floatBackbone !== undefined && floatBackbone !== 'clipped' && floatBackbone !== 'rounded') throw new Error('--float-backbone takes clipped or rounded');
const outRoot = join(root, floatBackbone ? `.cache/models-float-${floatBackbone}` : '.cache/models');

function verify(path: string, expected: string): Uint8Array {
  const bytes = readFileSync(path);
  const actual = sha256(bytes);
  if (actual !== expected) throw new Error(`${path}: sha256 ${actual}, manifest says ${expected}`);
  return bytes;
}

/** The backbone from the local directory, else its public source; always hash-checked. */
async function thirdParty(name: string): Promise<Uint8Array> {
  const entry = manifest.thirdParty[name];
  if (!entry) throw new Error(`models/manifest.json names no third-party model ${name}`);
  const local = join(thirdPartyModelDir(root), entry.file);
  if (existsSync(local)) return verify(local, entry.sha256);
  const cached = join(root, '.cache/third-party', entry.file);
  if (existsSync(cached)) return verify(cached, entry.sha256);
  console.log(`${entry.file} not in ${dirname(local)}; downloading ${entry.source}`);
  const response = await fetch(entry.source);
  if (!response.ok) throw new Error(`${entry.source}: HTTP ${response.status}; set GLIMPSE_THIRD_PARTY_MODELS to a folder holding ${entry.file}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  if (sha256(bytes) !== entry.sha256) throw new Error(`${entry.source}: sha256 mismatch, refusing it`);
  mkdirSync(dirname(cached), { recursive: true });
  writeFileSync(cached, bytes);
  return bytes;
}

async function assemble(id: string, a: Assembly): Promise<void> {
  const spec = manifest.thirdParty[a.backbone]!;
  const base = await loadModel(await thirdParty(a.backbone));
  if (floatBackbone) floatFromQLinear(base, { activations: floatBackbone });
  exposeOutput(base, spec.tensors.features, ['batch_size', 1280, 7, 7]);
  // The head is exported at opset 13; one graph has one opset.
  upgradeOpset12To13(base);
  appendSpatialMean(base, spec.tensors.features, 'pooled', 1280);
  renameTensor(base, spec.tensors.input, 'pixel_values');
  renameTensor(base, spec.tensors.logits, 'logits');
  const head = await loadModel(readFileSync(join(outRoot, id, a.head)));
  appendHead(base, head, { features: spec.tensors.features, imagenet_logits: 'logits' }, ['last_hidden_state', 'logits', 'pooled']);
  const out = join(outRoot, id, a.output);
  writeFileSync(out, await encodeModel(base));
  console.log(`${id}/${a.output}: ${(statSync(out).size / 1e6).toFixed(2)} MB (${floatBackbone ? `backbone as float kernels, activations ${floatBackbone}` : 'backbone'} + ${a.head})`);
}

/** Derives the InceptionV3 graph from the pinned nsfwjs files; rewritten only when it changed. */
async function installInception(): Promise<void> {
  const spec = inceptionManifest(root).onnx;
  const bytes = await inceptionOnnxBytes(root);
  const actual = sha256(bytes);
  if (actual !== spec.sha256) {
    throw new Error(`${spec.install}: the conversion gives sha256 ${actual}, models/manifest.json pins ${spec.sha256}; check it with scripts/inception/check.ts, then re-pin packaged.inception.onnx`);
  }
  const dest = join(outRoot, spec.install);
  if (existsSync(dest) && sha256(readFileSync(dest)) === spec.sha256) {
    console.log(`inception: .cache/models/${spec.install} is up to date`);
    return;
  }
  mkdirSync(dirname(dest), { recursive: true });
  writeFileSync(dest, bytes);
  console.log(`inception: derived from nsfwjs and written to .cache/models/${spec.install} (${(bytes.length / 1e6).toFixed(1)} MB; outputs ${spec.outputs.join(', ')})`);
}

function writeManifest(): void {
  for (const [id, model] of Object.entries(manifest.models)) {
    for (const file of model.files) {
      const bytes = readFileSync(join(root, 'models', id, file.path));
      file.sha256 = sha256(bytes);
      file.size = bytes.length;
    }
  }
  writeFileSync(manifestPath, `${JSON.stringify(manifest, null, 2)}\n`);
  console.log(`updated ${manifestPath}`);
}

async function main(): Promise<void> {
  if (process.argv.includes('--write-manifest')) return writeManifest();
  for (const [id, model] of Object.entries(manifest.models)) {
    for (const file of model.files) {
      const bytes = verify(join(root, 'models', id, file.path), file.sha256);
      const dest = join(outRoot, id, file.path);
      mkdirSync(dirname(dest), { recursive: true });
      if (!existsSync(dest) || sha256(readFileSync(dest)) !== file.sha256) writeFileSync(dest, bytes);
    }
    for (const a of model.assemble ?? []) await assemble(id, a);
    console.log(`${id}: ${model.files.length} files${model.assemble ? ` + ${model.assemble.length} assembled` : ''} in ${outRoot}/${id}`);
  }
  for (const [name, entry] of Object.entries(manifest.thirdParty)) {
    if (!entry.install) continue;
    const dest = join(outRoot, entry.install);
    const expected = entry.shipped?.sha256 ?? entry.sha256;
    if (existsSync(dest) && sha256(readFileSync(dest)) === expected) {
      console.log(`${name}: .cache/models/${entry.install} is up to date`);
      continue;
    }
    const original = await thirdParty(name);
    // The detector ships rewritten for its smaller input, checked against its own pin.
    const bytes = name === DETECTOR_ID ? await shippedDetectorBytes(original, root) : original;
    mkdirSync(dirname(dest), { recursive: true });
    writeFileSync(dest, bytes);
    console.log(`${name}: verified and written to .cache/models/${entry.install}${entry.shipped ? ` (${entry.shipped.inputSize}×${entry.shipped.inputSize} form)` : ''}`);
  }
  // The float-backbone folders are for measuring the shipped encoder only.
  if (!floatBackbone) await installInception();
}

await main();
