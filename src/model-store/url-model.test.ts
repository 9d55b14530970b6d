import { describe, expect, it } from 'vitest';
import { parseSha256Manifest } from '../shared/model-verify';
import { OPTIMUM_FILES } from './stored-model';
import { normalizeBaseUrl, urlModelPlan } from './url-model';

describe('urlModelPlan', () => {
  it('asks for the Optimum layout under the base URL, with the manifest\'s hashes where it has them', () => {
    const hex = 'a'.repeat(64);
    const plan = urlModelPlan('http://127.0.0.1:8080/vit?x=1#y', parseSha256Manifest(`${hex}  onnx/encoder_model_quantized.onnx\n${'b'.repeat(64)}  README.md\n`));
    expect(plan.id).toBe('http://127.0.0.1:8080/vit/');
    expect(plan.name).toBe('127.0.0.1:8080/vit');
    expect(plan.files.map((f) => f.path)).toEqual(OPTIMUM_FILES);
    expect(plan.files.find((f) => f.path === 'onnx/encoder_model_quantized.onnx')?.sha256).toBe(hex);
    expect(plan.files.filter((f) => f.sha256 !== null)).toHaveLength(1); // README.md is not fetched
  });
  it('refuses what is not an http(s) address, in words', () => {
    expect(() => normalizeBaseUrl('models/vit')).toThrow(/not a web address/);
    expect(() => normalizeBaseUrl('file:///tmp/model/')).toThrow(/http or https, not file:/);
  });
});
