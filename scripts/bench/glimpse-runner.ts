/** Glimpse's captioner core set up for the bench: WASM, a fixed thread count, greedy decoding. */
import * as ort from 'onnxruntime-web';
import { configureRuntime, createCaptioner } from '../../src/captioner/index';
import type { RgbaImage } from '../../src/captioner/types';
import { modelDir } from '../lib/model-dir';
import type { RunOptions } from './run-options';

export interface GlimpseRunner {
  ort: string;
  threads: number;
  files: string[];
  loadMs: number;
  caption(image: RgbaImage): Promise<{ text: string; steps: number; stages: { preprocess: number; encoder: number; decoder: number } }>;
  dispose(): Promise<void>;
}

/**
 * Loads the model with Glimpse's captioner and returns a greedy captioner.
 *
 * @example const g = await openGlimpse(options); const { text } = await g.caption(rgba);
 */
export async function openGlimpse(options: RunOptions): Promise<GlimpseRunner> {
  const { threads } = configureRuntime({ numThreads: options.threads });
  if (threads !== options.threads) throw new Error(`asked for ${options.threads} WASM threads, onnxruntime will use ${threads}`);
  const captioner = createCaptioner();
  const start = performance.now();
  const info = await captioner.load(modelDir(options.model), { backend: 'wasm', quantized: options.dtype !== 'fp32' });
  const loadMs = performance.now() - start;
  const generate = { numBeams: 1, maxLength: options.maxLength, noRepeatNgramSize: options.noRepeatNgramSize };
  return {
    ort: `onnxruntime-web ${ort.env.versions.web ?? '?'} (${info.backend})`,
    threads: info.threads,
    files: [info.encoderFile, info.decoderFile],
    loadMs,
    async caption(image) {
      const c = await captioner.caption(image, generate);
      const { preprocess, encoder, decoder } = c.timings;
      return { text: c.text, steps: c.tokens.length + (c.truncated ? 0 : 1), stages: { preprocess, encoder, decoder } };
    },
    dispose: () => captioner.dispose(),
  };
}
