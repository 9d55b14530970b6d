/**
 * The dedicated worker that hosts the captioning model. It loads the model
 * once (per engine document, i.e. per browser session), and captions one image
 * at a time: bitmap → OffscreenCanvas → RGBA → captioner core.
 *
 * onnxruntime sessions must not run concurrently, and Comlink delivers calls
 * as they arrive, so captions are chained on one promise.
 */
import * as Comlink from 'comlink';
import { answerOf, gatedCaptioner, checkGateModel, configureRuntime, threadLimitReason, createCaptioner, useRuntime, webGpuAvailable, describeImage, ModelError, PlaceholderImageError, type GateModel, type LocalCaptioner, type ModelSource, type RgbaImage } from '../captioner/index';
import { createOcr, type Ocr } from '../captioner/ocr/index';
import { checkConceptModel, conceptTables, conceptTerms, createObjectDetector, type ConceptParts, type ObjectDetector } from '../captioner/concepts/index';
import { fetchModelSource } from './model-source';
import { storedModelSource } from '../model-store/opfs-store';
import { DEFAULT_MODEL_ID, EMBEDDED_MODEL_NAME } from '../shared/model-id';
import type { CaptionModel } from '../shared/messages';
import type { ImageType } from '../shared/image-type';
import { ortFilePaths } from './ort-files';
import { holdLife } from './worker-life';
import { ort } from '../captioner/env';
import { GPU_LOST, type GpuLostMessage } from './worker-api';
import type { StoredModel } from '../model-store/stored-model';
import type { CaptionWorkerApi, WorkerCaption, WorkerFailure, WorkerLoadRequest, WorkerReady } from './worker-api';

let captioner: LocalCaptioner | null = null;
/** A downloaded model that writes the captions, when one was chosen and loaded. */
let speaking: LocalCaptioner | null = null;
const EMBEDDED: CaptionModel = { id: DEFAULT_MODEL_ID, name: EMBEDDED_MODEL_NAME, calibrated: true };
let speaker: CaptionModel = EMBEDDED;
let gate: GateModel | null = null;
let ocr: Ocr | null = null;
let concepts: ConceptParts | null = null;
let detector: ObjectDetector | null = null;
/** Parts of the describe path that could not be loaded, in plain words, for the popup and overlay. */
let missing: string[] = [];
let loading: Promise<WorkerReady | WorkerFailure> | null = null;
let chain: Promise<unknown> = Promise.resolve();

function failure(error: unknown): WorkerFailure {
  if (error instanceof ModelError) return { ok: false, code: error.code, message: error.message };
  if (error instanceof PlaceholderImageError) return { ok: false, code: 'placeholder', message: error.message };
  return { ok: false, code: 'engine-error', message: `The caption engine failed: ${error instanceof Error ? error.message : String(error)}` };
}

async function load(request: WorkerLoadRequest): Promise<WorkerReady | WorkerFailure> {
  try {
    // The WebGPU build only when a GPU will really be used; otherwise the plain WASM build (ort-files.ts).
    // It runs on WebAssembly's JavaScript Promise Integration: a browser without it describes on WASM.
    const jspi = typeof (WebAssembly as { Suspending?: unknown }).Suspending === 'function';
    if (request.backend === 'webgpu' && !jspi) console.info('[glimpse] WebGPU needs WebAssembly JavaScript Promise Integration, which this browser lacks: describing on WASM');
    const gpu = request.backend === 'webgpu' && jspi && (await webGpuAvailable());
    if (gpu) useRuntime(await import('onnxruntime-web/jspi'));
    configureRuntime({ wasmPaths: ortFilePaths(self.location.href, gpu ? 'webgpu' : 'wasm'), numThreads: request.numThreads });
    const oneThread = threadLimitReason();
    if (oneThread) console.info(`[glimpse] ${oneThread}`);
    const instance = createCaptioner();
    const source = fetchModelSource(request.modelId, request.modelUrl);
    const t0 = performance.now();
    const info = await instance.load(source, { backend: request.backend });
    gate = await loadGate(source);
    const t1 = performance.now();
    ocr = await loadOcr(new URL('../ocr/', request.modelUrl).href);
    const t2 = performance.now();
    concepts = await loadConcepts(source, new URL('../detector/', request.modelUrl).href, request.backend);
    const loadMs = { captioner: Math.round(t1 - t0), ocr: Math.round(t2 - t1), concepts: Math.round(performance.now() - t2) };
    if (info.fallbackReason) console.info(`[glimpse] captioning on WASM: ${info.fallbackReason}`);
    if (info.backend === 'webgpu') await watchGpuDevice();
    captioner = instance;
    const t3 = performance.now();
    const fallback = request.captionModel ? await loadSpeaker(request.captionModel, request.backend) : null;
    loadMs.captioner += Math.round(performance.now() - t3);
    return { ok: true, backend: info.backend, threads: info.threads, crossOriginIsolated: self.crossOriginIsolated, encoderFile: info.encoderFile, decoderFile: info.decoderFile, missing, speaker, fallback, loadMs };
  } catch (error) {
    return failure(error);
  }
}

/**
 * The downloaded model chosen in the options, from OPFS. A model that can't
 * be loaded (damaged file, unsupported layout) leaves the embedded one
 * speaking, and the reason is returned for the popup and options.
 */
async function loadSpeaker(model: StoredModel, backend: 'webgpu' | 'wasm'): Promise<string | null> {
  const instance = createCaptioner();
  try {
    await instance.load(storedModelSource(model), { backend });
  } catch (error) {
    await instance.dispose().catch(() => undefined);
    const why = failure(error).message;
    console.warn(`[glimpse] ${model.name} could not be loaded: ${why}`);
    return `${model.name} could not be loaded (${why}), so the embedded model describes images instead.`;
  }
  speaking = instance;
  speaker = { id: model.id, name: model.name, ...(model.calibration ? { calibrated: true, thresholds: model.calibration } : { calibrated: false }) };
  return null;
}

/**
 * A lost GPU device (its GPU process crashed, the driver reset) can leave a
 * WebGPU session that never answers: tell the engine document, which ends
 * this worker and describes the image again on a WASM one.
 */
async function watchGpuDevice(): Promise<void> {
  const device = await ort.env.webgpu.device;
  void device.lost.then((info) => {
    const message: GpuLostMessage = { type: GPU_LOST, reason: info.message || info.reason || 'no reason given' };
    self.postMessage(message);
  });
}

/** The model's image-type gate; without one every image is captioned (and the engine says so). */
async function loadGate(source: ModelSource): Promise<GateModel | null> {
  const bytes = await source.read('image-type-gate.json');
  if (!bytes) {
    console.warn('[glimpse] this model has no image-type gate: every image is captioned as a photo');
    return null;
  }
  try {
    return checkGateModel(JSON.parse(new TextDecoder().decode(bytes)));
  } catch (error) {
    throw new ModelError('model-invalid', `image-type-gate.json is damaged: ${error instanceof Error ? error.message : String(error)}`, 'image-type-gate.json');
  }
}

/**
 * OCR (PaddleOCR, shipped under models/ocr/). Without it images are still
 * described, but text can't be quoted and the gate sees no text: said once in
 * the console rather than failing every caption.
 */
async function loadOcr(folderUrl: string): Promise<Ocr | null> {
  try {
    return await createOcr(fetchModelSource('ocr', folderUrl), { backend: 'wasm' });
  } catch (error) {
    console.warn(`[glimpse] text in images can't be read: ${error instanceof Error ? error.message : String(error)}`);
    return null;
  }
}

/**
 * The concept models (concepts.json in the model folder) and the object
 * detector (shipped under models/detector/). Either may be missing: without
 * the models photos get only their caption; without the detector the ImageNet
 * and colour evidence still answers. Each absence is said once and shown in
 * the popup, never thrown at every image.
 */
async function loadConcepts(source: ModelSource, detectorUrl: string, backend: 'webgpu' | 'wasm'): Promise<ConceptParts | null> {
  const bytes = await source.read('concepts.json');
  if (!bytes) {
    missing.push('concept models (concepts.json): photos get only their caption');
    return null;
  }
  let model;
  try {
    model = checkConceptModel(JSON.parse(new TextDecoder().decode(bytes)));
  } catch (error) {
    throw new ModelError('model-invalid', `concepts.json is damaged: ${error instanceof Error ? error.message : String(error)}`, 'concepts.json');
  }
  let detectorMissing: string | null = null;
  try {
    detector = await createObjectDetector(fetchModelSource('detector', detectorUrl), { backend });
  } catch (error) {
    detectorMissing = `The object detector could not be loaded: ${error instanceof Error ? error.message : String(error)}`;
    missing.push('object detector: people and objects are named from ImageNet evidence only');
    console.warn(`[glimpse] ${detectorMissing}`);
  }
  return { detector, detectorMissing, model, tables: conceptTables(), terms: conceptTerms() };
}

function pixels(image: ImageBitmap): RgbaImage {
  const canvas = new OffscreenCanvas(image.width, image.height);
  const context = canvas.getContext('2d', { willReadFrequently: true });
  if (!context) throw new Error('no 2d canvas context in the worker');
  context.drawImage(image, 0, 0);
  const { data, width, height } = context.getImageData(0, 0, image.width, image.height);
  return { data, width, height };
}

async function caption(image: ImageBitmap, url: string, placeHint: ImageType | null): Promise<WorkerCaption> {
  try {
    if (!captioner) return { ok: false, code: 'engine-error', message: 'The model is not loaded.' };
    const rgba = pixels(image);
    image.close();
    // The embedded encoder feeds the gate and concepts; a photo is then captioned by the chosen model.
    const parts = { captioner: speaking ? gatedCaptioner(captioner, speaking) : captioner, gate, ocr, concepts };
    return { ...answerOf(await describeImage(parts, rgba, { url, placeHint })), model: speaker };
  } catch (error) {
    return failure(error);
  } finally {
    image.close();
  }
}

const api: CaptionWorkerApi = {
  load(request) {
    loading ??= load(request);
    return loading;
  },
  caption(image, url, placeHint) {
    const next = chain.then(() => caption(image, url, placeHint));
    chain = next;
    return next;
  },
  async dispose() {
    await captioner?.dispose();
    await speaking?.dispose();
    await ocr?.dispose();
    await detector?.dispose();
    captioner = null;
    speaking = null;
    speaker = EMBEDDED;
    ocr = null;
    detector = null;
    concepts = null;
    missing = [];
    loading = null;
  },
  holdLife,
};

Comlink.expose(api);
