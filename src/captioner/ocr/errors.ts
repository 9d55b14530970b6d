/**
 * OCR errors. Model-file problems reuse the captioner's {@link ModelError}
 * (`model-missing` / `model-invalid`, message naming the file); pixels the
 * reader cannot use are an {@link OcrInputError}.
 *
 * @example
 *   try { await ocr.read(image); }
 *   catch (e) { if (e instanceof OcrInputError) skip(image); }
 */
export { describeError, invalidFile, missingFile, ModelError, type ModelErrorCode } from '../errors';

export type OcrInputErrorCode = 'image-invalid' | 'disposed';

export class OcrInputError extends Error {
  override readonly name = 'OcrInputError';

  constructor(
    readonly code: OcrInputErrorCode,
    message: string,
  ) {
    super(message);
  }
}
