/**
 * Detector errors. Model-file problems reuse the captioner's {@link ModelError}
 * (`model-missing` / `model-invalid`, message naming the file); pixels the
 * detector cannot use, or a call after dispose(), are a {@link DetectorInputError}.
 *
 * @example
 *   try { await detector.detect(image); }
 *   catch (e) { if (e instanceof DetectorInputError) skip(image); }
 */
export { describeError, invalidFile, missingFile, ModelError, type ModelErrorCode } from '../errors';

export type DetectorInputErrorCode = 'image-invalid' | 'disposed';

export class DetectorInputError extends Error {
  override readonly name = 'DetectorInputError';

  constructor(
    readonly code: DetectorInputErrorCode,
    message: string,
  ) {
    super(message);
  }
}
