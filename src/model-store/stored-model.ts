/**
 * What Glimpse keeps about a downloaded model beside its files
 * (`glimpse-model.json` in its OPFS folder): where it came from, each file's
 * size and sha256 as checked after the download, and whether those hashes
 * matched published ones. Pure data, shared by the options page (which
 * writes it) and the engine (which reads it to load the model and key the
 * caption cache).
 */
import type { ModelCalibration } from '../shared/engine-types';
import type { ManifestFile } from '../shared/model-verify';

export interface StoredFile {
  path: string;
  size: number;
  /** Computed from the stored bytes after the download. */
  sha256: string;
  /** The published or manifest sha256 it matched; null when there was none to check against. */
  expected: string | null;
}

export interface StoredModel {
  id: string;
  name: string;
  /** Files were fetched from `baseUrl + path`. */
  baseUrl: string;
  files: StoredFile[];
  /** Every file matched a known sha256. */
  verified: boolean;
  /**
   * The confidence thresholds measured for it, from Glimpse's list of
   * standard models. Null without: its captions are held to the conservative
   * floor in the settings (uncalibratedWithholdBelow).
   */
  calibration: ModelCalibration | null;
  /** When the last file was checked, ISO 8601. */
  storedAt: string;
}

/** A file to download; an optional one the server doesn't have (404) is skipped, as the captioner does without it. */
export interface PlanFile extends ManifestFile {
  optional?: boolean;
}

/** A model to download: where from, and the files with whatever sizes and hashes are known. */
export interface DownloadPlan {
  id: string;
  name: string;
  baseUrl: string;
  files: PlanFile[];
  /** A standard model's measured thresholds, carried into its record. */
  calibration?: ModelCalibration | null;
}

/** Files of the layout the captioner can do without (it falls back to config.json's settings). */
export const OPTIONAL_FILES: ReadonlySet<string> = new Set(['generation_config.json', 'tokenizer_config.json']);

/** The file that records a stored model; written last, so a folder without it is an unfinished download. */
export const RECORD_FILE = 'glimpse-model.json';

/** The download plan, written when the user first asks for the model. */
export const PLAN_FILE = 'glimpse-plan.json';

/** The suffix of a file still being downloaded (resumed from its length). */
export const PART_SUFFIX = '.part';

/** The files of the Optimum VisionEncoderDecoder layout Glimpse fetches for a model given by its address (int8 ONNX parts). */
export const OPTIMUM_FILES: readonly string[] = [
  'config.json',
  'generation_config.json',
  'preprocessor_config.json',
  'tokenizer.json',
  'tokenizer_config.json',
  'onnx/encoder_model_quantized.onnx',
  'onnx/decoder_model_merged_quantized.onnx',
];

/**
 * The hashes of a model's files as one short text: the caption cache keys
 * answers by it, so replacing a model's files never reuses its old captions.
 */
export function filesKey(model: Pick<StoredModel, 'files'>): string {
  return [...model.files].sort((a, b) => a.path.localeCompare(b.path)).map((f) => `${f.path}=${f.sha256}`).join(',');
}
