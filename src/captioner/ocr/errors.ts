/**
 * OCR errors. Model-file problems reuse the captioner's {@link ModelError}
 * (`model-missing` / `model-invalid`, message naming the file); pixels the
 * reader cannot use are an {@link OcrInputError}.
 *
 * @example
 *   try { await ocr.read(image); }
 *   catch (e) { if (e instanceof OcrInputError) skip(image); }
 */
import { ImageInputError, type ImageInputErrorCode } from '../errors';

export { describeError, invalidFile, missingFile, ModelError, type ModelErrorCode } from '../errors';

export type OcrInputErrorCode = ImageInputErrorCode;

export class OcrInputError extends ImageInputError {
  override readonly name = 'OcrInputError';
}
