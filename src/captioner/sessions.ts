/**
 * Creates the encoder and decoder sessions on one backend and checks that
 * their inputs and outputs are the Optimum VisionEncoderDecoder layout. A file
 * onnxruntime cannot parse, or one with the wrong names, becomes a
 * ModelError('model-invalid') naming the file.
 *
 * @example
 *   const pair = await createSessionPair(env, source, files, 'wasm', spec);
 *   pair.decoderLayout.past.length // 2 × layers
 */
import { describeError, invalidFile } from './errors';
import type { CaptionerEnv, SessionLike } from './env';
import type { ModelSpec } from './model-config';
import { readOnnx } from './model-files';
import type { ExecutionBackend, ModelSource } from './types';

export interface EncoderLayout {
  input: string;
  output: string;
  /** The backbone's ImageNet logits output (`logits`), when the graph has one. */
  logits: string | null;
  /** The backbone's spatially pooled features (`pooled`), when the graph has them. */
  pooled: string | null;
  /** Fixed input height/width from the graph, when it has them. */
  height: number | null;
  width: number | null;
}

export interface PastInput {
  /** e.g. `past_key_values.0.key` */
  name: string;
  /** The output that feeds it on the next step, e.g. `present.0.key` */
  present: string;
  heads: number;
  headDim: number;
}

export interface DecoderLayout {
  past: PastInput[];
  /** Optimum's merged decoder switches between its two graphs with this input. */
  useCacheBranch: boolean;
  /** Some exports also take masks; they are all ones here (no padding). */
  attentionMask: boolean;
  encoderAttentionMask: boolean;
}

export interface SessionPair {
  backend: ExecutionBackend;
  encoder: SessionLike;
  decoder: SessionLike;
  encoderLayout: EncoderLayout;
  decoderLayout: DecoderLayout;
}

function tensorShape(session: SessionLike, name: string): readonly (number | string)[] | null {
  const meta = session.inputMetadata.find((m) => m.name === name);
  return meta && meta.isTensor ? meta.shape : null;
}

function fixed(dim: number | string | undefined): number | null {
  return typeof dim === 'number' && dim > 0 ? dim : null;
}

/** Checks the encoder's names: `pixel_values` in, `last_hidden_state` out. */
export function checkEncoder(session: SessionLike, file: string): EncoderLayout {
  if (!session.inputNames.includes('pixel_values')) {
    throw invalidFile(file, `has inputs ${session.inputNames.join(', ')}; an image encoder needs "pixel_values".`);
  }
  const extra = session.inputNames.filter((n) => n !== 'pixel_values');
  if (extra.length) throw invalidFile(file, `needs inputs Glimpse cannot supply: ${extra.join(', ')}.`);
  if (!session.outputNames.includes('last_hidden_state')) {
    throw invalidFile(file, `has outputs ${session.outputNames.join(', ')}; an image encoder needs "last_hidden_state".`);
  }
  const shape = tensorShape(session, 'pixel_values');
  const logits = session.outputNames.includes('logits') ? 'logits' : null;
  const pooled = session.outputNames.includes('pooled') ? 'pooled' : null;
  return { input: 'pixel_values', output: 'last_hidden_state', logits, pooled, height: fixed(shape?.[2]), width: fixed(shape?.[3]) };
}

const PAST = /^past_key_values\.(\d+)\.(.+)$/;
const KNOWN_INPUTS = new Set(['input_ids', 'encoder_hidden_states', 'use_cache_branch', 'attention_mask', 'encoder_attention_mask']);

/**
 * Checks the merged decoder: `input_ids`, `encoder_hidden_states`,
 * `past_key_values.N.*` (each fed by a `present.N.*` output) and optionally
 * `use_cache_branch`; `logits` out. Heads and head size come from the graph's
 * input shapes, else from config.json.
 */
export function checkDecoder(session: SessionLike, file: string, spec: ModelSpec): DecoderLayout {
  const inputs = session.inputNames;
  for (const needed of ['input_ids', 'encoder_hidden_states']) {
    if (!inputs.includes(needed)) throw invalidFile(file, `has no "${needed}" input (inputs: ${inputs.join(', ')}).`);
  }
  if (!session.outputNames.includes('logits')) throw invalidFile(file, `has no "logits" output (outputs: ${session.outputNames.join(', ')}).`);
  const pastNames = inputs.filter((n) => PAST.test(n));
  if (!pastNames.length) {
    throw invalidFile(file, 'has no past_key_values inputs. Glimpse needs the merged decoder with a key/value cache (Optimum exports it as decoder_model_merged.onnx).');
  }
  const crossCache = pastNames.filter((n) => !/\.(key|value)$/.test(n) || /\.(encoder|decoder)\.(key|value)$/.test(n));
  if (crossCache.length) {
    throw invalidFile(file, `caches more than self-attention (${crossCache.slice(0, 2).join(', ')}): an encoder-decoder cache layout (BART, T5, TrOCR) Glimpse does not read. It reads GPT-2-style past_key_values.N.key|value.`);
  }
  const unknown = inputs.filter((n) => !KNOWN_INPUTS.has(n) && !PAST.test(n));
  if (unknown.length) throw invalidFile(file, `needs inputs Glimpse cannot supply: ${unknown.join(', ')}.`);
  const past = pastNames.map((name): PastInput => {
    const present = name.replace(/^past_key_values/, 'present');
    if (!session.outputNames.includes(present)) throw invalidFile(file, `has input ${name} but no matching output ${present}.`);
    const meta = session.inputMetadata.find((m) => m.name === name);
    if (meta?.isTensor && meta.type !== 'float32') throw invalidFile(file, `${name} is ${meta.type}; Glimpse supports float32 caches only.`);
    const shape = tensorShape(session, name);
    const heads = fixed(shape?.[1]) ?? spec.heads;
    const headDim = fixed(shape?.[3]) ?? spec.headDim;
    if (heads === null || headDim === null) throw invalidFile(file, `the shape of ${name} is not fixed and config.json gives no decoder n_head/n_embd to fill it in.`);
    if (spec.heads !== null && spec.heads !== heads) throw invalidFile(file, `${name} has ${heads} heads but config.json says ${spec.heads}.`);
    return { name, present, heads, headDim };
  });
  const layerCount = new Set(pastNames.map((n) => PAST.exec(n)![1])).size;
  if (spec.layers !== null && layerCount !== spec.layers) throw invalidFile(file, `has a cache for ${layerCount} layers but config.json says ${spec.layers}.`);
  const orphan = session.outputNames.filter((n) => n.startsWith('present') && !pastNames.includes(n.replace(/^present/, 'past_key_values')));
  if (orphan.length) throw invalidFile(file, `has outputs ${orphan.join(', ')} with no matching past_key_values input.`);
  return {
    past,
    useCacheBranch: inputs.includes('use_cache_branch'),
    attentionMask: inputs.includes('attention_mask'),
    encoderAttentionMask: inputs.includes('encoder_attention_mask'),
  };
}

async function openSession(env: CaptionerEnv, source: ModelSource, path: string, backend: ExecutionBackend, bytes?: Uint8Array): Promise<SessionLike> {
  const model = bytes ?? (await readOnnx(source, path)).bytes;
  try {
    return await env.createSession(model, backend);
  } catch (error) {
    throw new SessionCreationError(path, backend, error);
  }
}

/** onnxruntime refused a file on one backend. On WASM that means the file is bad; on WebGPU it may be the GPU. */
export class SessionCreationError extends Error {
  constructor(
    readonly file: string,
    readonly backend: ExecutionBackend,
    override readonly cause: unknown,
  ) {
    super(`${file} could not be opened on ${backend}: ${describeError(cause)}`);
  }
}

/**
 * Opens and checks both sessions. If anything fails, whatever was opened is
 * released before the error propagates. Layout errors are ModelErrors;
 * onnxruntime's own refusals are SessionCreationErrors for the caller to
 * judge (fall back from WebGPU, or report an invalid file on WASM).
 */
export async function createSessionPair(
  env: CaptionerEnv,
  source: ModelSource,
  files: { encoderPath: string; decoderPath: string; encoderBytes?: Uint8Array; decoderBytes?: Uint8Array },
  backend: ExecutionBackend,
  spec: ModelSpec,
): Promise<SessionPair> {
  const opened: SessionLike[] = [];
  try {
    const encoder = await openSession(env, source, files.encoderPath, backend, files.encoderBytes);
    opened.push(encoder);
    const encoderLayout = checkEncoder(encoder, files.encoderPath);
    const decoder = await openSession(env, source, files.decoderPath, backend, files.decoderBytes);
    opened.push(decoder);
    const decoderLayout = checkDecoder(decoder, files.decoderPath, spec);
    return { backend, encoder, decoder, encoderLayout, decoderLayout };
  } catch (error) {
    await releaseAll(opened);
    throw error;
  }
}

/** Releases sessions, ignoring errors: a lost GPU device may refuse to release cleanly. */
export async function releaseAll(sessions: SessionLike[]): Promise<void> {
  for (const s of sessions) {
    try {
      await s.release();
    } catch {
      // Nothing left to free on a dead device; the WASM side is unaffected.
    }
  }
}
