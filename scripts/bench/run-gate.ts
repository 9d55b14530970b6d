/**
 * Child process: the cost of the image-type gate and OCR. Every image is
 * described twice in one process, alternating which goes first: the plain
 * captioner (encoder + decoder) and the engine's full path (encoder, OCR,
 * gate, and the decoder only for photos). Photos show what the gate + OCR
 * add; non-photos also show what skipping the decoder saves.
 *
 * Options: the RunOptions JSON plus `nonPhotos` (paths of rendered charts,
 * banners, screenshots, logos).
 */
import { basename, join } from 'node:path';
import { readFileSync } from 'node:fs';
import { checkGateModel, configureRuntime, createCaptioner, describeImage } from '../../src/captioner/index';
import { createOcr } from '../../src/captioner/ocr/index';
import { loadImage } from '../lib/load-image';
import { modelDir } from '../lib/model-dir';
import { ocrModelSource } from '../lib/ocr-models';
import { maxRssMb, readRunOptions } from './run-options';

export interface GateRun {
  image: string;
  photo: boolean;
  type: string;
  plainMs: number;
  describeMs: number;
  ocrMs: number;
  gateMs: number;
}

export interface GateReport {
  threads: number;
  maxRssMb: number;
  runs: GateRun[];
}

const options = readRunOptions(process.argv.slice(2)) as ReturnType<typeof readRunOptions> & { nonPhotos: string[] };
configureRuntime({ numThreads: options.threads });
const captioner = createCaptioner();
await captioner.load(modelDir(options.model), { backend: 'wasm' });
const gate = checkGateModel(JSON.parse(readFileSync(join(options.model, 'image-type-gate.json'), 'utf8')));
const ocr = await createOcr(ocrModelSource());
const generate = { numBeams: 1, maxLength: options.maxLength, noRepeatNgramSize: options.noRepeatNgramSize };
const runs: GateRun[] = [];
const all = [...options.images.map((p) => ({ p, photo: true })), ...options.nonPhotos.map((p) => ({ p, photo: false }))];
for (const [i, { p, photo }] of all.entries()) {
  const rgba = await loadImage(p);
  const plain = async (): Promise<number> => {
    const t = performance.now();
    await captioner.caption(rgba, generate);
    return performance.now() - t;
  };
  const full = async () => {
    const t = performance.now();
    const d = await describeImage({ captioner, gate, ocr }, rgba, { generate });
    return { ms: performance.now() - t, d };
  };
  let plainMs: number;
  let described: Awaited<ReturnType<typeof full>>;
  if (i % 2 === 0) {
    plainMs = await plain();
    described = await full();
  } else {
    described = await full();
    plainMs = await plain();
  }
  runs.push({ image: basename(p), photo, type: described.d.type?.type ?? 'photo', plainMs, describeMs: described.ms, ocrMs: described.d.timings.ocr, gateMs: described.d.timings.gate });
}
await captioner.dispose();
await ocr.dispose();
const report: GateReport = { threads: options.threads, maxRssMb: maxRssMb(), runs };
process.stdout.write(`${JSON.stringify(report)}\n`);
