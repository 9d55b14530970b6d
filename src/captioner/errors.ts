/**
 * Typed errors for model files the captioner cannot use. `code` is stable for
 * programs (it maps onto the engine's CaptionFailure codes); `message` is plain
 * words for people and always names the file at fault.
 *
 * @example
 *   try { await captioner.load(source); }
 *   catch (e) { if (e instanceof ModelError && e.code === 'model-missing') showSetupHelp(e.message); }
 */
export type ModelErrorCode = 'model-missing' | 'model-invalid';

export class ModelError extends Error {
  override readonly name = 'ModelError';

  constructor(
    readonly code: ModelErrorCode,
    message: string,
    /** The model file at fault, relative to the model root, when there is one. */
    readonly file?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A required file is absent. */
export function missingFile(file: string, sourceId: string, hint = ''): ModelError {
  return new ModelError('model-missing', `The model "${sourceId}" has no ${file}.${hint ? ` ${hint}` : ''}`, file);
}

/** A file exists but cannot be used (bad JSON, corrupt ONNX, unsupported layout). */
export function invalidFile(file: string, problem: string, cause?: unknown): ModelError {
  return new ModelError('model-invalid', `${file}: ${problem}`, file, { cause });
}

/** Shortest useful description of an unknown thrown value. */
export function describeError(error: unknown): string {
  if (error instanceof Error) return error.message;
  return String(error);
}

/** Why a part of the describe path could not use an image: pixels it cannot read, or a call after dispose(). */
export type ImageInputErrorCode = 'image-invalid' | 'disposed';

/** The shared base of OCR's and the detector's input errors; each subclass names itself. */
export class ImageInputError extends Error {
  constructor(
    readonly code: ImageInputErrorCode,
    message: string,
  ) {
    super(message);
  }
}

/**
 * The picture has nothing in it (fully transparent, one flat colour): a
 * placeholder or spacer, not content. The describe path gives it no type and
 * no caption; the engine answers with this message.
 */
export class PlaceholderImageError extends Error {
  override readonly name = 'PlaceholderImageError';
  readonly code = 'placeholder';
  constructor(readonly blank: string) {
    super(`Placeholder, not described: the picture is ${blank} (a lazy-loading placeholder or a spacer, not content).`);
  }
}
