/**
 * The InceptionV3 backbone graph that `npm run models` derives from the
 * pinned nsfwjs files (models/manifest.json → `packaged.inception`) and
 * writes to .cache/models/<onnx.install>: input `pixel_values`
 * [batch, 3, 299, 299] (RGB / 255, as nsfwjs feeds it), outputs the 17×17×768
 * grids `mixed5`, `mixed6`, `mixed7` (NCHW). The repository never holds the
 * weights; the derived graph is pinned by its own sha256 so a change in the
 * conversion is caught.
 *
 * @example
 *   const bytes = await inceptionOnnxBytes(); // Uint8Array, the ONNX model
 */
import type { PreprocessorConfig } from '../../src/captioner/preprocess';
import { encodeModel } from './onnx-graph';
import { kerasToOnnx } from './keras-onnx';
import { inceptionManifest, readInception } from './nsfwjs-inception';

/** The pinned graph; `outputs` cuts it at other layers instead (for measuring, e.g. `['mixed5']`). */
export async function inceptionOnnxBytes(root?: string, outputs?: string[]): Promise<Uint8Array> {
  const spec = inceptionManifest(root).onnx;
  const { layers, weights } = readInception(root);
  return encodeModel(kerasToOnnx(layers, weights, { input: spec.input, size: spec.inputSize, outputs: outputs ?? spec.outputs }));
}

/**
 * The extension-side preprocessing for this backbone (`src/captioner/preprocess.ts`):
 * 299×299 RGB scaled x/255, no mean/std, as nsfwjs feeds it. Its resize is
 * the extension's own, not tfjs's aligned-corners bilinear, so features for
 * training are extracted with it (what the extension would compute), while
 * the numerical check feeds both runtimes nsfwjs's pixels.
 */
export const INCEPTION_PREPROCESSOR: PreprocessorConfig = {
  do_resize: true,
  size: { height: 299, width: 299 },
  do_rescale: true,
  rescale_factor: 1 / 255,
  do_normalize: false,
};
