import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { modelComplete } from './model-complete';
import { TINY_MODEL } from './test-model';

describe('modelComplete', () => {
  it('accepts a folder with config and both ONNX parts, and refuses one missing any of them', async () => {
    expect(modelComplete(TINY_MODEL)).toBe(true);
    // The committed trained folder lacks its assembled encoder (built from the third-party backbone).
    expect(modelComplete('models/glimpse-captioner')).toBe(false);
    const dir = await mkdtemp(join(tmpdir(), 'glimpse-model-'));
    try {
      await cp(TINY_MODEL, dir, { recursive: true });
      await rm(join(dir, 'onnx', 'decoder_model_merged_quantized.onnx'), { force: true });
      await rm(join(dir, 'onnx', 'decoder_model_merged.onnx'), { force: true });
      expect(modelComplete(dir)).toBe(false);
      expect(modelComplete(join(dir, 'nothing-here'))).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
