import { describe, expect, it } from 'vitest';
import { storageError } from './download-error';

describe('storageError', () => {
  it('says what to do when the browser refuses to store more', () => {
    const error = storageError('onnx/decoder_model_merged_quantized.onnx', new DOMException('quota', 'QuotaExceededError'));
    expect(error.problem).toBe('quota');
    expect(error.toFailure()).toEqual({ ok: false, problem: 'quota', file: 'onnx/decoder_model_merged_quantized.onnx', message: expect.stringMatching(/not enough storage for onnx\/decoder_model_merged_quantized\.onnx.*quota exceeded.*delete another model/i) });
  });
  it('names the file for any other storage failure', () => {
    expect(storageError('config.json', new DOMException('busy', 'NoModificationAllowedError')).toFailure()).toMatchObject({ problem: 'storage', file: 'config.json', message: 'config.json could not be stored: busy' });
  });
});
