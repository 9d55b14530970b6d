/**
 * Child process: one interleaved run, 1 WASM thread, every image measured
 * four ways moments apart, the order rotating from image to image so that
 * machine load falls on all of them alike:
 *
 * - `describe`: Glimpse per photo as shipped — encoder, OCR, image-type gate,
 *   then the decoder with the model's own generation settings (beams), on
 *   onnxruntime-web WASM;
 * - `native`: the same code path on onnxruntime-node (native CPU, 1 thread),
 *   the same graphs and session options: the native reference;
 * - `caption` and `transformers`: a greedy caption by Glimpse and by
 *   transformers.js's `image-to-text` pipeline on the same shipped files and
 *   the same onnxruntime-web module (transformers.js's beam search keeps only
 *   its first candidate, so greedy is what both implement alike).
 *
 * Options: the RunOptions JSON.
 */
import { basename, join } from 'node:path';
import { readFileSync } from 'node:fs';
import * as ort from 'onnxruntime-web';
import { checkGateModel, configureRuntime, createCaptioner, describeImage, type GateModel } from '../../src/captioner/index';
import { createOcr, type Ocr } from '../../src/captioner/ocr/index';
import type { RgbaImage } from '../../src/captioner/types';
import { loadImage } from '../lib/load-image';
import { modelDir } from '../lib/model-dir';
import { nativeSessionFactory } from '../lib/native-session';
import { ocrModelSource } from '../lib/ocr-models';
import { maxRssMb, readRunOptions, WAYS, type InterleavedReport, type Way } from './run-options';
import { openTransformers } from './transformers-runner';

const options = readRunOptions(process.argv.slice(2));
const { threads } = configureRuntime({ numThreads: 1 });
const gate: GateModel = checkGateModel(JSON.parse(readFileSync(join(options.model, 'image-type-gate.json'), 'utf8')));
const source = modelDir(options.model);
const time = async <T>(f: () => Promise<T>): Promise<[T, number]> => {
  const start = performance.now();
  const value = await f();
  return [value, performance.now() - start];
};

async function describer(createSession?: ReturnType<typeof nativeSessionFactory>): Promise<{ loadMs: number; run(image: RgbaImage): Promise<{ text: string; type: string }>; ocr: Ocr }> {
  const env = createSession ? { createSession } : undefined;
  const [parts, loadMs] = await time(async () => {
    const captioner = createCaptioner({ env });
    await captioner.load(source, { backend: 'wasm' });
    const ocr = await createOcr(ocrModelSource(), { env });
    return { captioner, ocr };
  });
  return {
    loadMs,
    ocr: parts.ocr,
    async run(image) {
      const d = await describeImage({ captioner: parts.captioner, gate, ocr: parts.ocr }, image);
      return { text: d.caption.decoded ? d.caption.text : `[${d.type?.type}] ${d.text?.text ?? ''}`, type: d.type?.type ?? 'photo' };
    },
  };
}

const wasm = await describer();
const native = await describer(nativeSessionFactory(1));
const [plain, plainLoadMs] = await time(async () => {
  const c = createCaptioner();
  await c.load(source, { backend: 'wasm' });
  return c;
});
const greedy = { numBeams: 1, maxLength: options.maxLength, noRepeatNgramSize: options.noRepeatNgramSize };
const tjs = await openTransformers({ ...options, threads: 1 });

const runners: Record<Way, (image: RgbaImage) => Promise<{ text: string; type?: string }>> = {
  describe: (image) => wasm.run(image),
  native: (image) => native.run(image),
  caption: async (image) => ({ text: (await plain.caption(image, greedy)).text }),
  transformers: (image) => tjs.caption(image),
};

const report: InterleavedReport = {
  threads,
  ort: `onnxruntime-web ${ort.env.versions.web ?? '?'} (wasm) and onnxruntime-node (cpu), 1 thread each`,
  maxRssMb: 0,
  loadMs: { describe: wasm.loadMs, native: native.loadMs, caption: plainLoadMs, transformers: tjs.loadMs },
  images: [],
};
for (const [index, path] of options.images.entries()) {
  const rgba = await loadImage(path);
  const row = { image: basename(path) } as InterleavedReport['images'][number];
  for (let k = 0; k < WAYS.length; k++) {
    const way = WAYS[(index + k) % WAYS.length]!;
    const [out, ms] = await time(() => runners[way](rgba));
    row[way] = { ms, ...out };
  }
  report.images.push(row);
}
report.ort += `; transformers.js: ${tjs.checkRuntime()}`;
report.maxRssMb = maxRssMb();
process.stdout.write(`${JSON.stringify(report)}\n`);
