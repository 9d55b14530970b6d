/**
 * Checks that the assembled encoder (.cache/models/<id>/onnx/encoder_model_quantized.onnx,
 * built by `npm run models`) computes exactly backbone -> trained head: runs
 * both paths on a few dev images and compares `last_hidden_state`.
 *
 * Usage: npx tsx training/check-assembly.ts <assembledModelDir> <headFile>
 */
import { join, resolve } from 'node:path';
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { preprocess, type PreprocessorConfig } from '../src/captioner/preprocess';
import { backboneWithFeatures, thirdPartyModelDir } from '../scripts/lib/backbone';

const root = resolve(import.meta.dirname, '..');
const [dir, headFile] = process.argv.slice(2) as [string, string];
const config = JSON.parse(readFileSync(join(dir, 'preprocessor_config.json'), 'utf8')) as PreprocessorConfig;
const images = ['1000268201_693b08cb0e.jpg', '2513260012_03d33305cf.jpg', '3637013_c675de7705.jpg'];

// ORT fuses DequantizeLinear into neighbouring MatMuls differently in one graph
// than in two, so compare with graph optimizations off: this checks the wiring.
const opts: ort.InferenceSession.SessionOptions = { graphOptimizationLevel: 'disabled' };
const merged = await ort.InferenceSession.create(join(dir, 'onnx/encoder_model_quantized.onnx'), opts);
const backbone = await ort.InferenceSession.create(await backboneWithFeatures(thirdPartyModelDir(root)), opts);
const head = await ort.InferenceSession.create(headFile, opts);
let worst = 0;
for (const name of images) {
  const { data, info } = await sharp(join(root, '../shared/data/flickr8k/images', name)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const pre = preprocess({ width: info.width, height: info.height, data: new Uint8Array(data) }, config);
  const pixels = new ort.Tensor('float32', pre.data, pre.dims);
  const a = await merged.run({ pixel_values: pixels });
  const b = await backbone.run({ input: pixels });
  const c = await head.run({ features: b['627']!, imagenet_logits: b['output']! });
  const x = a.last_hidden_state!.data as Float32Array;
  const y = c.last_hidden_state!.data as Float32Array;
  let max = 0;
  for (let i = 0; i < y.length; i++) max = Math.max(max, Math.abs(x[i]! - y[i]!));
  worst = Math.max(worst, max);
  console.log(`${name}: assembled vs backbone->head max |diff| ${max.toExponential(2)}, dims ${a.last_hidden_state!.dims.join('x')}`);
}
process.exit(worst <= 1e-4 ? 0 : 1);
