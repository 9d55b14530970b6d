// The encoder's `pooled` output: appendSpatialMean on the MobileNetV2 int8
// backbone gives, per channel, the mean over space of the feature map the
// captioner's head reads (tensor 627, [1, 1280, 7, 7]), on onnxruntime-web WASM.
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configureRuntime, ort } from '../../src/captioner/env';
import { BACKBONE_FILE, BACKBONE_SHA256, readVerified, thirdPartyModelDir } from './backbone';
import { appendSpatialMean, encodeModel, exposeOutput, loadModel } from './onnx-graph';

const root = resolve(import.meta.dirname, '../..');

describe('appendSpatialMean', () => {
  it('adds an output holding each channel of the feature map averaged over space', async () => {
    const model = await loadModel(readVerified(join(thirdPartyModelDir(root), BACKBONE_FILE), BACKBONE_SHA256));
    exposeOutput(model, '627', ['batch_size', 1280, 7, 7]);
    appendSpatialMean(model, '627', 'pooled', 1280);
    configureRuntime({ numThreads: 1 });
    const session = await ort.InferenceSession.create(await encodeModel(model));
    const x = new Float32Array(3 * 224 * 224).map((_, i) => Math.sin(i * 0.013) * 1.5);
    const out = await session.run({ input: new ort.Tensor('float32', x, [1, 3, 224, 224]) });
    const grid = out['627']!.data as Float32Array;
    const pooled = out.pooled!;
    expect(pooled.dims).toEqual([1, 1280]);
    const data = pooled.data as Float32Array;
    let active = 0;
    for (let c = 0; c < 1280; c++) {
      let sum = 0;
      for (let i = 0; i < 49; i++) sum += grid[c * 49 + i]!;
      expect(data[c]).toBeCloseTo(sum / 49, 5);
      if (data[c]! > 0) active++;
    }
    expect(active).toBeGreaterThan(100); // a real feature map, not zeros
  });

  it('refuses a tensor no node produces', async () => {
    const model = await loadModel(readVerified(join(thirdPartyModelDir(root), BACKBONE_FILE), BACKBONE_SHA256));
    expect(() => appendSpatialMean(model, 'no-such-tensor', 'pooled', 1280)).toThrow(/no node produces tensor no-such-tensor/);
  });
});
