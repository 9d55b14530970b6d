/**
 * Which captioning model the extension uses. Model folders ship inside the
 * extension at `models/<id>/` (Hugging Face Optimum VisionEncoderDecoder layout).
 *
 * The trained model is the default; the format-identical random test model is
 * used only when a build has no trained model in it (e.g. before training ran),
 * so captions are never silently produced by random weights when real ones exist.
 *
 * @example
 *   modelFolder(DEFAULT_MODEL_ID) // 'models/glimpse-captioner/'
 */
export const DEFAULT_MODEL_ID = 'glimpse-captioner';
export const FALLBACK_MODEL_ID = 'tiny-random';

/** Model ids in order of preference. */
export const MODEL_PREFERENCE = [DEFAULT_MODEL_ID, FALLBACK_MODEL_ID] as const;

/** Path of a model's folder relative to the extension root, with a trailing slash. */
export function modelFolder(id: string): string {
  return `models/${id}/`;
}
