/**
 * Detector errors. Model-file problems reuse the captioner's {@link ModelError}
 * (`model-missing` / `model-invalid`, message naming the file); pixels the
 * detector cannot use, or a call after dispose(), are a {@link DetectorInputError}.
 *
 * @example
 *   try { await detector.detect(image); }
 *   catch (e) { if (e instanceof DetectorInputError) skip(image); }
 */
import { ImageInputError, type ImageInputErrorCode } from '../errors';

export { describeError, invalidFile, missingFile, ModelError, type ModelErrorCode } from '../errors';

export type DetectorInputErrorCode = ImageInputErrorCode;

export class DetectorInputError extends ImageInputError {
  override readonly name = 'DetectorInputError';
}
