/**
 * Runs the concept evidence over Flickr8k photos and writes one JSON line per
 * photo: the backbone's ImageNet distribution, the detector's boxes, the
 * pixel statistics and scene colours, and (with --captions) the shipped
 * captioner's sentence and confidence. scripts/concepts/featurize.ts turns it
 * into the named features of src/captioner/concepts/concept-features.ts, and
 * training/train-concepts.py fits and calibrates the concept models on them.
 *
 * The graphs are the shipped ones, run by the captioner core and the
 * detector core; `--native` runs them on onnxruntime-node, which is many
 * times faster over thousands of photos and gives the same numbers to a few
 * decimals. Resumable: photos already in the output are skipped.
 * `--reuse OLD.jsonl` keeps each photo's ImageNet distribution, statistics,
 * colours and caption from an earlier dump and runs only the detector again
 * (after a change to the detector alone).
 *
 *   npx tsx scripts/concepts/dump-evidence.ts --list ../shared/data/flickr8k/Flickr_8k.trainImages.txt \
 *     --out .cache/concepts/train.jsonl --native
 *   npx tsx scripts/concepts/dump-evidence.ts --list ../shared/data/flickr8k/Flickr_8k.devImages.txt \
 *     --out .cache/concepts/dev.jsonl --native --captions
 *   npx tsx scripts/concepts/dump-evidence.ts --list ../shared/data/flickr8k/Flickr_8k.trainImages.txt \
 *     --out .cache/concepts/train.jsonl --native --reuse .cache/concepts/train-416.jsonl
 */
import { appendFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseArgs } from 'node:util';
import { configureRuntime, createCaptioner } from '../../src/captioner/index';
import { createObjectDetector } from '../../src/captioner/concepts/index';
import { pixelStats, type PixelStats } from '../../src/captioner/image-type/pixel-stats';
import { softmax } from '../../src/captioner/image-type/evidence';
import { sceneColours, type SceneColours } from '../../src/captioner/concepts/scene-colours';
import { detectorModelSource } from '../lib/detector-model';
import { loadImage } from '../lib/load-image';
import { modelDir } from '../lib/model-dir';
import { nativeSessionFactory } from '../lib/native-session';

export interface EvidenceLine {
  file: string;
  /** Softmax over the 1000 ImageNet classes, 3 significant digits. */
  imagenet: number[];
  detections: { label: string; score: number; area: number }[];
  stats: PixelStats;
  colours: SceneColours;
  caption?: { text: string; confidence: number };
}

const round = (v: number, d = 4): number => Number(v.toFixed(d));

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      list: { type: 'string' },
      images: { type: 'string', default: '../shared/data/flickr8k/images' },
      out: { type: 'string' },
      model: { type: 'string', default: '.cache/models/glimpse-captioner' },
      native: { type: 'boolean', default: false },
      captions: { type: 'boolean', default: false },
      limit: { type: 'string' },
      reuse: { type: 'string' },
    },
  });
  if (!values.list || !values.out) throw new Error('usage: dump-evidence.ts --list FILE --out FILE.jsonl [--native] [--captions] [--limit N] [--reuse OLD.jsonl]');
  const out = values.out;
  mkdirSync(dirname(out), { recursive: true });
  const done = new Set(existsSync(out) ? readFileSync(out, 'utf8').split('\n').filter(Boolean).map((l) => (JSON.parse(l) as EvidenceLine).file) : []);
  const files = readFileSync(values.list, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
  const todo = files.filter((f) => !done.has(f)).slice(0, values.limit ? Number(values.limit) : undefined);
  configureRuntime({ numThreads: 1 });
  const createSession = values.native ? nativeSessionFactory(1) : undefined;
  const reused = new Map<string, EvidenceLine>();
  if (values.reuse) for (const l of readFileSync(values.reuse, 'utf8').split('\n').filter(Boolean)) reused.set((JSON.parse(l) as EvidenceLine).file, JSON.parse(l) as EvidenceLine);
  const captioner = createCaptioner(createSession ? { env: { createSession } } : {});
  if (!values.reuse) await captioner.load(modelDir(values.model!));
  const detector = await createObjectDetector(detectorModelSource(), createSession ? { createSession } : {});
  console.log(`${todo.length} photos to do (${done.size} already in ${out})`);
  const t0 = performance.now();
  let n = 0;
  for (const file of todo) {
    const rgba = await loadImage(join(values.images!, file));
    const detections = (await detector.detect(rgba)).map((d) => ({ label: d.label, score: round(d.score), area: round(d.area) }));
    let line: EvidenceLine;
    if (values.reuse) {
      const old = reused.get(file);
      if (!old) throw new Error(`${file} is not in ${values.reuse}`);
      line = { ...old, detections };
    } else {
      let logits: Float32Array | null = null;
      const caption = await captioner.caption(rgba, {
        beforeDecode: ({ imagenetLogits }) => {
          logits = imagenetLogits && Float32Array.from(imagenetLogits);
          return values.captions!;
        },
      });
      line = {
        file,
        imagenet: Array.from(logits ? softmax(logits) : [], (p) => Number(p.toPrecision(3))),
        detections,
        stats: Object.fromEntries(Object.entries(pixelStats(rgba)).map(([k, v]) => [k, round(v)])) as unknown as PixelStats,
        colours: Object.fromEntries(Object.entries(sceneColours(rgba)).map(([k, v]) => [k, round(v)])) as unknown as SceneColours,
        ...(values.captions ? { caption: { text: caption.text, confidence: round(caption.confidence) } } : {}),
      };
    }
    appendFileSync(out, `${JSON.stringify(line)}\n`);
    if (++n % 100 === 0) console.log(`${n}/${todo.length} (${((performance.now() - t0) / n).toFixed(0)} ms a photo)`);
  }
  if (!values.reuse) await captioner.dispose();
  await detector.dispose();
}

if (import.meta.url === `file://${process.argv[1]}`) await main();
