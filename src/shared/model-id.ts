/**
 * Which captioning model the extension uses. Model folders ship inside the
 * extension at `models/<id>/` (Hugging Face Optimum VisionEncoderDecoder layout).
 *
 * Only the trained model ships. There is no fallback: the format-identical
 * random-weights model lives in the test fixtures, and a build whose trained
 * model is missing or incomplete fails (vite.config.ts), so captions can never
 * come from random weights. An installed copy with a damaged model folder
 * reports that in words instead of describing anything.
 *
 * @example
 *   modelFolder(DEFAULT_MODEL_ID) // 'models/glimpse-captioner/'
 */
export const DEFAULT_MODEL_ID = 'glimpse-captioner';

/** The embedded model as the overlay, audit and options name it. */
export const EMBEDDED_MODEL_NAME = "Glimpse's embedded model (trained on Flickr8k)";

/** Path of a model's folder relative to the extension root, with a trailing slash. */
export function modelFolder(id: string): string {
  return `models/${id}/`;
}

/** What the engine says when the trained model is not in the extension. */
export const MODEL_MISSING_MESSAGE =
  'The trained captioning model is missing from this copy of Glimpse, so it describes no images (it never uses stand-in weights). Reinstall Glimpse, or rebuild it with npm run build.';
