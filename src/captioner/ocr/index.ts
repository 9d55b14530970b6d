/**
 * Local OCR (PaddleOCR PP-OCRv4 on onnxruntime-web). Pure: Node and worker.
 *
 * @example
 *   import { createOcr } from '../captioner/ocr';
 *   const ocr = await createOcr(source);
 *   const { lines, text, coverage, ms } = await ocr.read(rgba);
 */
export { createOcr, DEFAULT_OCR_FILES, OCR_DEFAULTS } from './ocr';
export { ModelError, OcrInputError, type OcrInputErrorCode } from './errors';
export type * from './types';
