/**
 * Child process: what the concept evidence adds per photo, 1 thread. Each
 * photo is described twice in one process, alternating which goes first:
 * the engine's path without concepts (OCR, gate, caption) and with them (the
 * object detector on WASM, then the concept models and the caption
 * cross-check). The detector is also run on onnxruntime-node on the same
 * photo, as the native peer.
 *
 * Options: the RunOptions JSON.
 */
import { basename } from 'node:path';
import { describeImage, type DescribeParts } from '../../src/captioner/index';
import { createObjectDetector } from '../../src/captioner/concepts/index';
import { detectorModelSource } from '../lib/detector-model';
import { loadDescribeParts } from '../lib/describe-parts';
import { loadImage } from '../lib/load-image';
import { nativeSessionFactory } from '../lib/native-session';
import { maxRssMb, readRunOptions } from './run-options';

export interface ConceptRun {
  image: string;
  plainMs: number;
  withConceptsMs: number;
  detectorMs: number;
  conceptsMs: number;
  nativeDetectorMs: number;
  concepts: string[];
}

export interface ConceptReport {
  threads: number;
  maxRssMb: number;
  runs: ConceptRun[];
}

const options = readRunOptions(process.argv.slice(2));
const conceptParts = await loadDescribeParts(options.model, options.threads);
const plainParts: DescribeParts = { ...conceptParts, concepts: null };
const native = await createObjectDetector(detectorModelSource(), { createSession: nativeSessionFactory(options.threads) });
const generate = { numBeams: 1, maxLength: options.maxLength, noRepeatNgramSize: options.noRepeatNgramSize };
const runs: ConceptRun[] = [];
for (const [i, p] of options.images.entries()) {
  const rgba = await loadImage(p);
  const time = async (parts: DescribeParts) => {
    const t = performance.now();
    const d = await describeImage(parts, rgba, { generate });
    return { ms: performance.now() - t, d };
  };
  const order = i % 2 === 0 ? [plainParts, conceptParts] : [conceptParts, plainParts];
  const first = await time(order[0]!);
  const second = await time(order[1]!);
  const [plain, full] = i % 2 === 0 ? [first, second] : [second, first];
  const t = performance.now();
  await native.detect(rgba);
  runs.push({
    image: basename(p), plainMs: plain.ms, withConceptsMs: full.ms, detectorMs: full.d.timings.detector, conceptsMs: full.d.timings.concepts,
    nativeDetectorMs: performance.now() - t, concepts: full.d.concepts.map((c) => c.phrase),
  });
}
await conceptParts.dispose();
await native.dispose();
const report: ConceptReport = { threads: options.threads, maxRssMb: maxRssMb(), runs };
process.stdout.write(`${JSON.stringify(report)}\n`);
