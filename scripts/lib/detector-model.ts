/**
 * The YOLOX-Nano detector file for Node tests and scripts: read from
 * GLIMPSE_THIRD_PARTY_MODELS or ../shared/models (the repository never holds
 * a copy) and refused unless its sha256 and size match models/manifest.json →
 * `thirdParty.yolox_nano`. What Glimpse installs and ships is its `shipped`
 * form: the same weights rewritten for a smaller input (scripts/lib/yolox-graph.ts),
 * pinned by its own sha256.
 *
 * @example
 *   const detector = await createObjectDetector(detectorModelSource());   // the shipped 320×320 form
 *   const { install, bytes } = installedDetectorFile(); // 'detector/yolox_nano.onnx', for the build
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { ModelSource } from '../../src/captioner/types';
import { sha256, thirdPartyModelDir } from './backbone';
import { yoloxAtSize } from './yolox-graph';

export const DETECTOR_ID = 'yolox_nano';

interface BytesPin {
  sha256: string;
  size: number;
}

export interface DetectorPin extends BytesPin {
  file: string;
  /** Where `npm run models` writes the shipped form under .cache/models/ and the build ships it under dist/models/. */
  install: string;
  /** The form installed and shipped: the same weights with a square input of this side. */
  shipped: BytesPin & { inputSize: number };
}

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

export function detectorPin(root = repoRoot): DetectorPin {
  const manifest = JSON.parse(readFileSync(join(root, 'models/manifest.json'), 'utf8')) as { thirdParty: Record<string, DetectorPin> };
  const pin = manifest.thirdParty[DETECTOR_ID];
  if (!pin) throw new Error(`models/manifest.json has no thirdParty.${DETECTOR_ID} entry`);
  return pin;
}

/** Checks bytes against a pin (the file's by default); throws naming `path` when they differ. */
export function checkDetectorBytes(bytes: Uint8Array, path: string, pin: BytesPin = detectorPin()): Uint8Array {
  if (bytes.length !== pin.size) throw new Error(`${path}: ${bytes.length} bytes, models/manifest.json says ${pin.size}`);
  const actual = sha256(bytes);
  if (actual !== pin.sha256) throw new Error(`${path}: sha256 ${actual}, models/manifest.json says ${pin.sha256}`);
  return bytes;
}

/** The pinned file's bytes from the third-party folder. */
export function verifiedDetectorFile(root = repoRoot): { path: string; bytes: Uint8Array } {
  const pin = detectorPin(root);
  const path = join(thirdPartyModelDir(root), pin.file);
  if (!existsSync(path)) throw new Error(`${path} is missing: set GLIMPSE_THIRD_PARTY_MODELS to a folder holding ${pin.file} (models/manifest.json names its source)`);
  return { path, bytes: checkDetectorBytes(new Uint8Array(readFileSync(path)), path, pin) };
}

/** The shipped form made from the verified file, refused unless it matches `shipped`'s pin. */
export async function shippedDetectorBytes(original: Uint8Array, root = repoRoot): Promise<Uint8Array> {
  const { shipped } = detectorPin(root);
  const bytes = await yoloxAtSize(original, shipped.inputSize, shipped.inputSize);
  return checkDetectorBytes(bytes, `${detectorPin(root).file} rewritten for ${shipped.inputSize}×${shipped.inputSize}`, shipped);
}

/** A ModelSource holding the shipped form (made in memory) under the file's name, for createObjectDetector. */
export function detectorModelSource(root = repoRoot): ModelSource {
  const name = detectorPin(root).file;
  let made: Promise<Uint8Array> | null = null;
  return {
    id: 'detector',
    read: async (path) => (path === name ? (made ??= shippedDetectorBytes(verifiedDetectorFile(root).bytes, root)) : null),
  };
}

/**
 * The copy `npm run models` wrote to .cache/models/<install>, checked again,
 * for the build to ship as dist/models/<install>. Throws naming the file when
 * it is missing or differs.
 */
export function installedDetectorFile(root = repoRoot): { install: string; bytes: Uint8Array } {
  const pin = detectorPin(root);
  const path = join(root, '.cache/models', pin.install);
  if (!existsSync(path)) throw new Error(`${path} is missing: run npm run models (it verifies ${pin.file} and writes its ${pin.shipped.inputSize}×${pin.shipped.inputSize} form)`);
  return { install: pin.install, bytes: checkDetectorBytes(new Uint8Array(readFileSync(path)), path, pin.shipped) };
}
