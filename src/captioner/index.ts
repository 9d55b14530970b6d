/**
 * The captioner core: model files + pixels → caption. Pure TypeScript, no DOM
 * and no extension API; runs in Node and in the engine's dedicated worker.
 *
 * @example
 *   import { createCaptioner, configureRuntime } from '../captioner';
 *   configureRuntime({ wasmPaths: bundledOrtUrl });
 *   const captioner = createCaptioner();
 *   await captioner.load(source, { backend: 'webgpu' });
 *   const caption = await captioner.caption(rgba);
 */
export { createCaptioner, type CaptionerOptions, type LocalCaptioner } from './captioner';
export { captionConfidence } from './confidence';
export { COCO_CLASSES, createObjectDetector, DetectorInputError, type Detection, type ObjectDetector, type ObjectDetectorOptions } from './concepts';
export { configureRuntime, runtimeThreads, threadCount, threadLimitReason, useRuntime, webGpuAvailable, type CaptionerEnv, type OrtRuntime, type RuntimeSettings, type SessionFactory, type SessionLike } from './env';
export { gatedCaptioner } from './gated-captioner';
export { answerOf, describeImage, type DescribeParts, type Description, type TextReader } from './describe-image';
export { checkGateModel, classify, nameHint, type GateModel, type TypeDecision } from './image-type/gate';
export { gatherEvidence, featureValue, BASE_FEATURES, type Evidence, type TextReading } from './image-type/evidence';
export { ModelError, PlaceholderImageError, type ModelErrorCode } from './errors';
export { blankPicture, type BlankKind } from './image-type/blank';
export { preprocess, type PreprocessorConfig } from './preprocess';
export type * from './types';
