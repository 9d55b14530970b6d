import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { VIT_GPT2_STANDIN } from '../../scripts/lib/test-model';
import { STANDARD_MODELS, standardModel, totalBytes } from './standard-models';

// What the captioner reads (src/captioner/model-files.ts), int8 variants.
const LAYOUT = ['config.json', 'preprocessor_config.json', 'tokenizer.json', 'onnx/encoder_model_quantized.onnx', 'onnx/decoder_model_merged_quantized.onnx'];

describe('standard-models.json', () => {
  it('lists distilvit and vit-gpt2, each with the int8 files of the layout the captioner reads', () => {
    expect(STANDARD_MODELS.map((m) => m.id)).toEqual(['Mozilla/distilvit', 'Xenova/vit-gpt2-image-captioning']);
    for (const model of STANDARD_MODELS) {
      const paths = model.files.map((f) => f.path);
      expect(new Set(paths).size).toBe(paths.length);
      expect(paths).toEqual(expect.arrayContaining(LAYOUT));
      expect(model.baseUrl).toBe(`https://huggingface.co/${model.id}/resolve/main/`);
      expect(model.licence).toMatch(/^[A-Za-z0-9.-]+$/); // an SPDX id
    }
  });

  it('says unknown (null) rather than inventing sizes and hashes', () => {
    for (const model of STANDARD_MODELS) {
      for (const file of model.files) {
        expect(file.sha256 === null || /^[0-9a-f]{64}$/.test(file.sha256)).toBe(true);
        expect(file.size === null || (Number.isInteger(file.size) && file.size > 0)).toBe(true);
      }
      if (model.files.some((f) => f.size === null)) expect(totalBytes(model)).toBeNull();
    }
    expect(totalBytes({ files: [{ path: 'a', size: 3, sha256: null }, { path: 'b', size: 4, sha256: null }] })).toBe(7);
  });

  it('matches the vit-gpt2 stand-in file for file', () => {
    for (const { path } of standardModel('Xenova/vit-gpt2-image-captioning')!.files) expect(existsSync(join(VIT_GPT2_STANDIN, path)), path).toBe(true);
  });
});
