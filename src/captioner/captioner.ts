/**
 * The captioner: loads a VisionEncoderDecoder export, then turns RGBA pixels
 * into a caption (preprocess → encoder → KV-cached greedy or beam decoding →
 * detokenize), on WebGPU when asked for and available, else WASM.
 *
 * WebGPU fallback: if session creation on WebGPU fails at load, or a caption
 * fails on WebGPU (unsupported op, device lost), both sessions are released
 * and re-created on WASM, the caption is re-run, and `backend` says 'wasm'
 * from then on. A WASM failure is not retried: there is nothing left to fall back to.
 *
 * @example
 *   const captioner = createCaptioner();
 *   const info = await captioner.load(source, { backend: 'webgpu' });
 *   const { text, confidence, backend } = await captioner.caption(rgba, { numBeams: 3 });
 */
import { captionConfidence } from './confidence';
import { decoderRunner } from './decoder-runner';
import { chooseBackend, configureRuntime, defaultEnv, describeBackendFailure, ort, type CaptionerEnv } from './env';
import { describeError, invalidFile, ModelError } from './errors';
import { generateBeam } from './generate-beam';
import { generateGreedy } from './generate-greedy';
import type { BeamSettings, Generated } from './generation';
import { readModelSpec, type ModelSpec } from './model-config';
import { readModelFiles } from './model-files';
import { preprocess, readPreprocessor, targetSize, type PreprocessorConfig } from './preprocess';
import { createSessionPair, releaseAll, SessionCreationError, type SessionPair } from './sessions';
import { loadTokenizer, type CaptionTokenizer } from './tokenizer';
import type { Caption, Captioner, ExecutionBackend, GenerateOptions, LoadOptions, ModelInfo, ModelSource, RgbaImage } from './types';

export interface CaptionerOptions {
  /** Replaces parts of the environment: tests inject failing WebGPU sessions here. */
  env?: Partial<CaptionerEnv>;
}

/** A {@link Captioner} that also tells which backend is in use right now. */
export interface LocalCaptioner extends Captioner {
  /** The backend of the live sessions, or null before load / after dispose. */
  readonly backend: ExecutionBackend | null;
  readonly info: ModelInfo | null;
}

interface Loaded {
  source: ModelSource;
  encoderPath: string;
  decoderPath: string;
  spec: ModelSpec;
  tokenizer: CaptionTokenizer;
  preprocessor: PreprocessorConfig;
  pair: SessionPair;
  info: ModelInfo;
}

const now = (): number => globalThis.performance.now();

/** Creates an unloaded captioner. */
export function createCaptioner(options: CaptionerOptions = {}): LocalCaptioner {
  const env: CaptionerEnv = { ...defaultEnv, ...options.env };
  let loaded: Loaded | null = null;
  // onnxruntime-web runs one inference per session at a time; calls queue here.
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => undefined);
    return run;
  };

  async function openOnWasm(state: Omit<Loaded, 'pair' | 'info'>, bytes?: { encoder: Uint8Array; decoder: Uint8Array }): Promise<SessionPair> {
    try {
      return await createSessionPair(env, state.source, { encoderPath: state.encoderPath, decoderPath: state.decoderPath, encoderBytes: bytes?.encoder, decoderBytes: bytes?.decoder }, 'wasm', state.spec);
    } catch (error) {
      if (error instanceof SessionCreationError) {
        throw invalidFile(error.file, `is damaged or not an ONNX model onnxruntime can open (${describeError(error.cause)}).`, error.cause);
      }
      throw error;
    }
  }

  async function fallBackToWasm(state: Loaded, reason: string): Promise<void> {
    await releaseAll([state.pair.encoder, state.pair.decoder]);
    state.pair = await openOnWasm(state);
    state.info = { ...state.info, backend: 'wasm', fallbackReason: reason };
  }

  async function load(source: ModelSource, loadOptions: LoadOptions = {}): Promise<ModelInfo> {
    await dispose();
    const files = await readModelFiles(source, { quantized: loadOptions.quantized !== false });
    const spec = readModelSpec(files.config, files.generationConfig);
    const tokenizer = loadTokenizer(files.tokenizer, files.tokenizerConfig);
    const preprocessor = readPreprocessor(files.preprocessorConfig);
    const { threads } = configureRuntime();
    const state: Omit<Loaded, 'pair' | 'info'> = { source, encoderPath: files.encoderPath, decoderPath: files.decoderPath, spec, tokenizer, preprocessor };
    const bytes = { encoder: files.encoder.bytes, decoder: files.decoder.bytes };
    const choice = await chooseBackend(loadOptions.backend, env);
    let fallbackReason = choice.reason;
    let pair: SessionPair | null = null;
    if (choice.backend === 'webgpu') {
      try {
        pair = await createSessionPair(env, source, { ...state, encoderBytes: bytes.encoder, decoderBytes: bytes.decoder }, 'webgpu', spec);
      } catch (error) {
        if (error instanceof ModelError) throw error; // a layout problem is the same on every backend
        fallbackReason = describeBackendFailure(error);
      }
    }
    pair ??= await openOnWasm(state, bytes);
    state.preprocessor = fitToEncoder(pair, preprocessor);
    const info: ModelInfo = { id: source.id, backend: pair.backend, encoderFile: files.encoderPath, decoderFile: files.decoderPath, threads, ...(fallbackReason ? { fallbackReason } : {}) };
    loaded = { ...state, pair, info };
    return info;
  }

  async function caption(image: RgbaImage, generate: GenerateOptions = {}): Promise<Caption> {
    const state = loaded;
    if (!state) throw new Error('No model is loaded: call load() before caption().');
    checkImage(image);
    const started = now();
    try {
      return await captionOnce(state, image, generate, started);
    } catch (error) {
      if (state.pair.backend !== 'webgpu' || error instanceof ModelError) throw error;
      await fallBackToWasm(state, describeBackendFailure(error));
      return captionOnce(state, image, generate, started);
    }
  }

  async function dispose(): Promise<void> {
    const state = loaded;
    loaded = null;
    if (state) await releaseAll([state.pair.encoder, state.pair.decoder]);
  }

  return {
    load: (source, loadOptions) => serial(() => load(source, loadOptions)),
    caption: (image, generate) => serial(() => caption(image, generate)),
    dispose: () => serial(dispose),
    get backend() {
      return loaded?.pair.backend ?? null;
    },
    get info() {
      return loaded?.info ?? null;
    },
  };
}

async function captionOnce(state: Loaded, image: RgbaImage, options: GenerateOptions, started: number): Promise<Caption> {
  const { pair, spec, tokenizer } = state;
  const t0 = now();
  const pixels = preprocess(image, state.preprocessor);
  const t1 = now();
  const encoded = await pair.encoder.run({ [pair.encoderLayout.input]: new ort.Tensor('float32', pixels.data, pixels.dims) });
  const hidden = encoded[pair.encoderLayout.output];
  if (!hidden) throw new Error(`the encoder returned no ${pair.encoderLayout.output}`);
  const t2 = now();
  const imagenetLogits = pair.encoderLayout.logits ? (encoded[pair.encoderLayout.logits]?.data as Float32Array | undefined) ?? null : null;
  const pooled = pair.encoderLayout.pooled ? (encoded[pair.encoderLayout.pooled]?.data as Float32Array | undefined) ?? null : null;
  if (options.beforeDecode && !(await options.beforeDecode({ imagenetLogits, pooled }))) {
    return { text: '', confidence: 0, tokens: [], truncated: false, decoded: false, imagenetLogits, backend: pair.backend, timings: { preprocess: t1 - t0, encoder: t2 - t1, decoder: 0, total: now() - started } };
  }
  const settings = generationSettings(spec, tokenizer, options);
  const next = decoderRunner(pair.decoder, pair.decoderLayout, hidden, { useCache: options.useCache !== false });
  const generated: Generated = settings.numBeams > 1 ? await generateBeam(next, settings) : await generateGreedy(next, settings);
  const t3 = now();
  return {
    text: tokenizer.decode(generated.tokens),
    confidence: captionConfidence(generated.logProbs),
    tokens: generated.tokens,
    truncated: !generated.finished,
    decoded: true,
    imagenetLogits,
    backend: pair.backend,
    timings: { preprocess: t1 - t0, encoder: t2 - t1, decoder: t3 - t2, total: now() - started },
  };
}

/** Merges caller options over generation_config.json defaults. */
export function generationSettings(spec: ModelSpec, tokenizer: Pick<CaptionTokenizer, 'unkId'>, options: GenerateOptions): BeamSettings {
  const wanted = options.maxLength ?? spec.generation.maxLength;
  // The decoder cannot attend past its position table; longer requests are cut there.
  const maxLength = Math.max(2, Math.min(wanted, spec.maxPositions ?? Infinity));
  const unk = tokenizer.unkId;
  return {
    decoderStartId: spec.decoderStartId,
    eosIds: spec.eosIds,
    maxLength,
    noRepeatNgramSize: options.noRepeatNgramSize ?? spec.generation.noRepeatNgramSize,
    // GPT-2's vocabulary uses one token for unknown and end; banning it would forbid ending.
    bannedIds: unk !== null && !spec.eosIds.includes(unk) ? [unk] : [],
    numBeams: Math.max(1, Math.floor(options.numBeams ?? spec.generation.numBeams)),
    lengthPenalty: options.lengthPenalty ?? spec.generation.lengthPenalty,
    earlyStopping: options.earlyStopping ?? spec.generation.earlyStopping,
  };
}

function checkImage(image: RgbaImage): void {
  const { width, height, data } = image;
  if (!(width > 0 && height > 0 && Number.isInteger(width) && Number.isInteger(height))) throw new RangeError(`Image size ${width}×${height} is not a positive whole number of pixels.`);
  if (data.length !== width * height * 4) throw new RangeError(`Image data holds ${data.length} bytes; ${width}×${height} RGBA needs ${width * height * 4}.`);
}

/**
 * Reconciles the preprocessor with an encoder graph of fixed input size. A
 * `shortest_edge` resize keeps the aspect ratio, which a fixed-size encoder
 * can't take, so it becomes a resize to the graph's size; an explicit size
 * that disagrees with the graph would fail on every image, so it is reported
 * at load instead.
 */
function fitToEncoder(pair: SessionPair, preprocessor: PreprocessorConfig): PreprocessorConfig {
  const { height, width } = pair.encoderLayout;
  if (height === null || width === null) return preprocessor;
  if (preprocessor.do_resize === false) return preprocessor;
  const size = preprocessor.size;
  if (size !== undefined && typeof size === 'object' && 'shortest_edge' in size) return { ...preprocessor, size: { height, width } };
  const target = targetSize(preprocessor, { width, height });
  if (target.width !== width || target.height !== height) {
    throw invalidFile('preprocessor_config.json', `resizes images to ${target.width}×${target.height}, but the encoder takes ${width}×${height}.`);
  }
  return preprocessor;
}
