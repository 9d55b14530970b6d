// The float rewrite of the int8 MobileNetV2 backbone, on onnxruntime-web's
// WASM build (the runtime Glimpse ships): with rounded activations each layer
// matches the int8 graph to the last 8-bit step except where float and integer
// arithmetic round a tie apart, and the rewritten graph holds no quantized op.
// Not onnxruntime-node: its native int8 convolution on x86 CPUs without VNNI
// (AVX2's vpmaddubsw) saturates 16-bit pair sums, so its own int8 answer is
// off by up to ~22 steps there, and the reference would depend on the CPU.
import { join, resolve } from 'node:path';
import { configureRuntime, ort } from '../../src/captioner/env';
import { describe, expect, it } from 'vitest';
import { BACKBONE_FILE, BACKBONE_SHA256, readVerified, thirdPartyModelDir } from './backbone';
import { floatFromQLinear } from './float-graph';
import { encodeModel, loadModel, valueInfo } from './onnx-graph';

const root = resolve(import.meta.dirname, '../..');

describe('floatFromQLinear on the MobileNetV2 int8 backbone', () => {
  it('leaves no quantized op, and with rounded activations the first layers agree with the int8 graph step for step', async () => {
    const bytes = readVerified(join(thirdPartyModelDir(root), BACKBONE_FILE), BACKBONE_SHA256);
    const int8 = await loadModel(bytes);
    const float = await loadModel(bytes);
    const { converted } = floatFromQLinear(float, { activations: 'rounded' });
    expect(converted.QLinearConv).toBe(52);
    expect(float.graph.node.filter((n: { opType: string }) => n.opType.startsWith('QLinear'))).toEqual([]);
    // The first two convolutions' outputs, dequantized in the int8 graph, as float in the other.
    const probes = int8.graph.node.filter((n: { opType: string }) => n.opType === 'QLinearConv').slice(0, 2);
    for (const n of probes) {
      int8.graph.node.push({ opType: 'DequantizeLinear', name: `probe_${n.output[0]}`, input: [n.output[0], n.input[6], n.input[7]], output: [`probe_${n.output[0]}`], attribute: [] });
      int8.graph.output.push(valueInfo(`probe_${n.output[0]}`, [null, null, null, null]));
      float.graph.output.push(valueInfo(String(n.output[0]).replace(/_quantized$/, ''), [null, null, null, null]));
    }
    configureRuntime({ numThreads: 1 });
    const options = { extra: { session: { disable_quant_qdq: '1' } } } as ort.InferenceSession.SessionOptions;
    const a = await ort.InferenceSession.create(await encodeModel(int8), options);
    const b = await ort.InferenceSession.create(await encodeModel(float), options);
    const x = new Float32Array(3 * 224 * 224).map((_, i) => Math.sin(i * 0.01) * 2);
    const input = { input: new ort.Tensor('float32', x, [1, 3, 224, 224]) };
    const [oa, ob] = [await a.run(input), await b.run(input)];
    for (const n of probes) {
      const scale = (int8.graph.initializer.find((t: { name: string }) => t.name === n.input[6]).floatData as number[])[0]!;
      const p = oa[`probe_${n.output[0]}`]!.data as Float32Array;
      const q = ob[String(n.output[0]).replace(/_quantized$/, '')]!.data as Float32Array;
      let apart = 0;
      let worst = 0;
      for (let i = 0; i < p.length; i++) {
        const steps = Math.abs(p[i]! - q[i]!) / scale;
        worst = Math.max(worst, steps);
        if (steps > 0.01) apart++;
      }
      expect(worst).toBeLessThan(6); // a tie rounded apart upstream moves a value a few 8-bit steps at most
      expect(apart / p.length).toBeLessThan(1e-3);
    }
    await a.release();
    await b.release();
  }, 60_000);
});
