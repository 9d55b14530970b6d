/**
 * The standard captioning models a user may choose to download, as data
 * (standard-models.json): where each lives, its int8 files, their sizes and
 * sha256 when known, licence and training data. Unknown sizes and hashes are
 * null, never guessed.
 *
 * @example
 *   const vitGpt2 = standardModel('Xenova/vit-gpt2-image-captioning');
 *   vitGpt2?.files.map((f) => f.path) // ['config.json', …, 'onnx/decoder_model_merged_quantized.onnx']
 */
import data from './standard-models.json' with { type: 'json' };
import type { ModelCalibration } from './engine-types';
import type { ManifestFile } from './model-verify';

export interface StandardModel {
  id: string;
  name: string;
  /** Files are fetched from `baseUrl + path`. */
  baseUrl: string;
  /** The hub commit the hashes belong to; null until pinned. */
  revision: string | null;
  architecture: string;
  licence: string;
  trainingData: string;
  approximateTotalMB: number | null;
  /**
   * Confidence thresholds measured for this model (`npm run eval -- --model DIR
   * --out F` on Flickr8k dev, then training/calibration.py); null until
   * measured, and the conservative thresholds for uncalibrated models apply.
   */
  calibration: ModelCalibration | null;
  /** False while licence and training data have not been re-read from the publisher's card. */
  publisherFactsChecked: boolean;
  /** `optional`: the captioner can do without it, so a 404 for it is not an error. */
  files: (ManifestFile & { optional?: boolean })[];
}

export const STANDARD_MODELS: readonly StandardModel[] = data.models;

/** Where the files are fetched from: pinned to `revision` when the list has one (the hashes belong to it). */
export function standardBaseUrl(model: Pick<StandardModel, 'baseUrl' | 'revision'>): string {
  return model.revision ? model.baseUrl.replace(/\/resolve\/[^/]+\//, `/resolve/${model.revision}/`) : model.baseUrl;
}

export function standardModel(id: string): StandardModel | undefined {
  return STANDARD_MODELS.find((m) => m.id === id);
}

/** Total download size in bytes, or null while any file's size is unknown. */
export function totalBytes(model: Pick<StandardModel, 'files'>): number | null {
  let sum = 0;
  for (const f of model.files) {
    if (f.size === null) return null;
    sum += f.size;
  }
  return sum;
}
