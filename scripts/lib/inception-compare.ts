/**
 * Runs the original nsfwjs InceptionV3 (its own loader, on @tensorflow/tfjs)
 * and the derived ONNX graph (onnxruntime-node) on the same pixels, and
 * reports the max abs difference per feature layer. tfjs runs on its WASM
 * backend (XNNPACK, 1 thread) by default, or on the pure-JS `cpu` backend,
 * its reference kernels, which take about 40 s an image on this machine.
 *
 * Both get nsfwjs's own preprocessing, computed once in tfjs: RGB / 255, then
 * `resizeBilinear` to 299×299 with aligned corners (`NSFWJS.infer`).
 *
 * @example
 *   const report = await compareInception(['/data/a.jpg'], onnxBytes);
 *   report.maxAbsDiff.mixed5; // e.g. 3e-6
 */
import * as tf from '@tensorflow/tfjs';
import { setThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { load } from 'nsfwjs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import * as ort from 'onnxruntime-node';
import sharp from 'sharp';
import { inceptionManifest } from './nsfwjs-inception';

export type TfjsBackend = 'wasm' | 'cpu';

export interface CompareReport {
  backend: TfjsBackend;
  images: number;
  /** Layer → max over images and elements of |tfjs − onnx|. */
  maxAbsDiff: Record<string, number>;
  /** Layer → max |tfjs value|, for scale. */
  maxAbs: Record<string, number>;
}

/** nsfwjs's preprocessing of one image file: [1, 299, 299, 3] float32, x/255. */
export async function nsfwjsPixels(path: string, size: number): Promise<tf.Tensor4D> {
  const { data, info } = await sharp(path).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  return tf.tidy(() => {
    const img = tf.tensor3d(new Int32Array(data), [info.height, info.width, 3], 'int32');
    const normalized = img.toFloat().div(tf.scalar(255));
    const resized = info.height !== size || info.width !== size ? tf.image.resizeBilinear(normalized as tf.Tensor3D, [size, size], true) : normalized;
    return resized.reshape([1, size, size, 3]) as tf.Tensor4D;
  });
}

function nhwcToNchw(data: Float32Array, [h, w, c]: number[]): Float32Array {
  const out = new Float32Array(data.length);
  for (let y = 0; y < h!; y++) for (let x = 0; x < w!; x++) for (let k = 0; k < c!; k++) out[(k * h! + y) * w! + x] = data[(y * w! + x) * c! + k]!;
  return out;
}

async function useBackend(backend: TfjsBackend): Promise<void> {
  if (backend === 'wasm') {
    setWasmPaths(`${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'))}/`);
    setThreadsCount(1);
  }
  if (!(await tf.setBackend(backend))) throw new Error(`tfjs backend ${backend} did not start`);
}

export async function compareInception(paths: string[], onnx: Uint8Array, options: { backend?: TfjsBackend; log?: (line: string) => void } = {}): Promise<CompareReport> {
  const log = options.log ?? (() => {});
  await useBackend(options.backend ?? 'wasm');
  const spec = inceptionManifest().onnx;
  const nsfw = await load('InceptionV3', { size: spec.inputSize });
  const keras = (nsfw as unknown as { model: tf.LayersModel }).model;
  const features = tf.model({ inputs: keras.inputs, outputs: spec.outputs.map((name) => keras.getLayer(name).output as tf.SymbolicTensor) });
  const session = await ort.InferenceSession.create(onnx, { intraOpNumThreads: 1, interOpNumThreads: 1 });
  const report: CompareReport = { backend: options.backend ?? 'wasm', images: 0, maxAbsDiff: {}, maxAbs: {} };
  for (const name of spec.outputs) {
    report.maxAbsDiff[name] = 0;
    report.maxAbs[name] = 0;
  }
  for (const path of paths) {
    const started = Date.now();
    const pixels = await nsfwjsPixels(path, spec.inputSize);
    const nhwc = (await pixels.data()) as Float32Array;
    const size = spec.inputSize;
    const got = await session.run({ [spec.input]: new ort.Tensor('float32', nhwcToNchw(nhwc, [size, size, 3]), [1, 3, size, size]) });
    const expected = features.predict(pixels) as tf.Tensor[];
    const line: string[] = [];
    for (const [i, name] of spec.outputs.entries()) {
      const t = expected[i]!;
      const ref = nhwcToNchw((await t.data()) as Float32Array, t.shape.slice(1) as number[]);
      const out = got[name]!.data as Float32Array;
      if (out.length !== ref.length) throw new Error(`${name}: onnx gives ${out.length} values, tfjs ${ref.length}`);
      let diff = 0;
      let scale = 0;
      for (let j = 0; j < ref.length; j++) {
        diff = Math.max(diff, Math.abs(ref[j]! - out[j]!));
        scale = Math.max(scale, Math.abs(ref[j]!));
      }
      report.maxAbsDiff[name] = Math.max(report.maxAbsDiff[name]!, diff);
      report.maxAbs[name] = Math.max(report.maxAbs[name]!, scale);
      line.push(`${name} ${diff.toExponential(2)}`);
    }
    tf.dispose([pixels, ...expected]);
    report.images++;
    log(`${path}: ${line.join(', ')} (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  }
  await session.release();
  features.dispose();
  return report;
}
