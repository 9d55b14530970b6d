/**
 * Finds and reads the files of a Hugging Face Optimum VisionEncoderDecoder
 * export: config.json, generation_config.json, preprocessor_config.json,
 * tokenizer.json (+ optional tokenizer_config.json), onnx/encoder_model*.onnx
 * and onnx/decoder_model_merged*.onnx. Every failure is a {@link ModelError}
 * naming the file.
 *
 * @example
 *   const files = await readModelFiles(source, { quantized: true });
 *   files.encoder.path // 'onnx/encoder_model_quantized.onnx'
 */
import { invalidFile, missingFile } from './errors';
import type { ModelSource } from './types';

export type Json = Record<string, unknown>;

export interface OnnxFile {
  path: string;
  bytes: Uint8Array;
}

export interface ModelFiles {
  config: Json;
  /** generation_config.json is optional in older exports: `{}` when absent. */
  generationConfig: Json;
  preprocessorConfig: Json;
  tokenizer: Json;
  tokenizerConfig: Json;
  encoderPath: string;
  decoderPath: string;
}

const ONNX_DIR = 'onnx';

/** Candidate names for one part, best first. */
export function onnxCandidates(part: 'encoder_model' | 'decoder_model_merged', quantized: boolean): string[] {
  const plain = `${ONNX_DIR}/${part}.onnx`;
  const small = `${ONNX_DIR}/${part}_quantized.onnx`;
  return quantized ? [small, plain] : [plain];
}

/** Reads and parses a JSON file; null when absent and optional. */
export async function readJson(source: ModelSource, path: string, required: boolean): Promise<Json | null> {
  const bytes = await source.read(path);
  if (!bytes) {
    if (required) throw missingFile(path, source.id);
    return null;
  }
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch (error) {
    throw invalidFile(path, `is not valid JSON (${(error as Error).message}).`, error);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw invalidFile(path, 'should hold a JSON object.');
  return value as Json;
}

/**
 * Picks the ONNX file for one part. With `list`, the choice is made from the
 * folder listing and the error can say what was found instead; without it,
 * candidates are probed by reading them.
 */
export async function findOnnx(source: ModelSource, part: 'encoder_model' | 'decoder_model_merged', quantized: boolean): Promise<OnnxFile> {
  const candidates = onnxCandidates(part, quantized);
  const listing = source.list ? (await source.list(ONNX_DIR)).map((name) => (name.includes('/') ? name : `${ONNX_DIR}/${name}`)) : null;
  for (const path of candidates) {
    if (listing && !listing.includes(path)) continue;
    const bytes = await source.read(path);
    if (bytes) return { path, bytes };
  }
  const others = (listing ?? []).filter((p) => p.startsWith(`${ONNX_DIR}/${part}`) && p.endsWith('.onnx'));
  const hint = others.length
    ? `Found ${others.join(', ')}, but Glimpse reads only ${candidates.join(' or ')} (float32 or int8-quantized).`
    : part === 'decoder_model_merged'
      ? 'Glimpse needs the merged decoder (with past_key_values inputs and use_cache_branch) that Optimum exports.'
      : '';
  const plain = candidates[candidates.length - 1]!;
  const alsoMissing = candidates.slice(0, -1);
  const words = [alsoMissing.length ? `It has no ${alsoMissing.join(' or ')} either.` : '', hint].filter(Boolean).join(' ');
  throw missingFile(plain, source.id, words);
}

/**
 * Reads every JSON file and locates both ONNX files. The ONNX bytes are not
 * kept: sessions read them again when (re)created, so a WebGPU→WASM fallback
 * does not need the model held twice in memory.
 */
export async function readModelFiles(source: ModelSource, options: { quantized: boolean }): Promise<ModelFiles & { encoder: OnnxFile; decoder: OnnxFile }> {
  const config = (await readJson(source, 'config.json', true))!;
  const generationConfig = (await readJson(source, 'generation_config.json', false)) ?? {};
  const preprocessorConfig = (await readJson(source, 'preprocessor_config.json', true))!;
  const tokenizer = (await readJson(source, 'tokenizer.json', true))!;
  const tokenizerConfig = (await readJson(source, 'tokenizer_config.json', false)) ?? {};
  const encoder = await findOnnx(source, 'encoder_model', options.quantized);
  const decoder = await findOnnx(source, 'decoder_model_merged', options.quantized);
  return { config, generationConfig, preprocessorConfig, tokenizer, tokenizerConfig, encoder, decoder, encoderPath: encoder.path, decoderPath: decoder.path };
}

/** Reads one ONNX file again by path (for re-creating sessions). */
export async function readOnnx(source: ModelSource, path: string): Promise<OnnxFile> {
  const bytes = await source.read(path);
  if (!bytes) throw missingFile(path, source.id, 'It disappeared after the model was loaded.');
  return { path, bytes };
}
