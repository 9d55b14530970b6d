/**
 * The third-party MobileNetV2 backbone: where it is read from, its pinned
 * hash, and the graph with its 7x7x1280 feature map (`627`) exposed. The
 * repository never holds a copy; see models/manifest.json for the source.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { encodeModel, exposeOutput, loadModel, type OnnxModel } from './onnx-graph';

export const BACKBONE_FILE = 'mobilenetv2-12-int8.onnx';
export const BACKBONE_SHA256 = 'cc028fe6cae7bc11a4ff53cfc9b79c920e8be65ce33a904ec3e2a8f66d77f95f';
export const FEATURE_TENSOR = '627';

/** GLIMPSE_THIRD_PARTY_MODELS, else the sibling shared checkout's models folder. */
export function thirdPartyModelDir(repoRoot: string): string {
  return resolve(process.env.GLIMPSE_THIRD_PARTY_MODELS ?? join(repoRoot, '../shared/models'));
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Reads a file and refuses it unless its sha256 is the pinned one. */
export function readVerified(path: string, expected: string): Uint8Array {
  const bytes = readFileSync(path);
  const actual = sha256(bytes);
  if (actual !== expected) throw new Error(`${path}: sha256 ${actual}, expected ${expected}`);
  return bytes;
}

/** The backbone graph with `627` (grid features) and `output` (ImageNet logits) as outputs. */
export async function backboneGraph(dir: string): Promise<OnnxModel> {
  const model = await loadModel(readVerified(join(dir, BACKBONE_FILE), BACKBONE_SHA256));
  exposeOutput(model, FEATURE_TENSOR, ['batch_size', 1280, 7, 7]);
  return model;
}

export async function backboneWithFeatures(dir: string): Promise<Uint8Array> {
  return encodeModel(await backboneGraph(dir));
}
