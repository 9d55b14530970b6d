/**
 * What a smaller detector input costs in accuracy: the same YOLOX-Nano
 * weights rewritten for 320×320 and 256×256 (scripts/lib/yolox-graph.ts),
 * compared with the shipped 416×416 on Flickr8k dev photos. There is no box
 * ground truth for Flickr8k, so 416 is the reference: a detection agrees when
 * the other size has one of the same class with IoU ≥ 0.5. Reports, per score
 * threshold, recall of the 416 detections, precision against them, and how
 * often the set of class names said for an image is the same.
 *
 * Against the captions, for every size including 416: on photos whose five
 * Flickr8k references all name a dog (or a person), how often a dog (person)
 * is detected at score ≥ 0.5; on photos where none does, how often one is
 * anyway (Flickr8k captions miss things, so this overstates false alarms).
 *
 * Runs the detector core on onnxruntime-node sessions for speed; the
 * detector test checks that they give the same boxes as onnxruntime-web.
 *
 * @example
 *   nice -n 10 npx tsx scripts/bench/detector-sizes.ts --images 100 --sizes 320,256
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ortNode from 'onnxruntime-node';
import { createObjectDetector, type Detection } from '../../src/captioner/concepts/index';
import { iou } from '../../src/captioner/concepts/nms';
import type { SessionFactory } from '../../src/captioner/env';
import { parseCaptions } from '../eval/captions-file';
import { verifiedDetectorFile } from '../lib/detector-model';
import { loadImage } from '../lib/load-image';
import { yoloxAtSize } from '../lib/yolox-graph';

const FLICKR = new URL('../../../shared/data/flickr8k/', import.meta.url).pathname;

function arg(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] ? process.argv[i + 1]! : fallback;
}

const count = Number(arg('images', '100'));
const sizes = arg('sizes', '320,256').split(',').map(Number);
const thresholds = [0.3, 0.5];
const nativeFactory: SessionFactory = (model) => ortNode.InferenceSession.create(model, { intraOpNumThreads: 1, interOpNumThreads: 1 });
const original = verifiedDetectorFile().bytes;

async function detectorAt(size: number) {
  const bytes = size === 416 ? original : await yoloxAtSize(original, size, size);
  return createObjectDetector({ id: `detector-${size}`, read: async () => bytes }, { createSession: nativeFactory });
}

const corners = (d: Detection) => ({ x1: d.box.x, y1: d.box.y, x2: d.box.x + d.box.width, y2: d.box.y + d.box.height });
/** Detections of `a` with a same-class box in `b` at IoU ≥ 0.5 (each b box used once, best score first). */
function matched(a: Detection[], b: Detection[]): number {
  const used = new Set<number>();
  let n = 0;
  for (const d of a) {
    let best = -1;
    let bestIou = 0.5;
    b.forEach((e, k) => {
      if (used.has(k) || e.classId !== d.classId) return;
      const o = iou(corners(d), corners(e));
      if (o >= bestIou) [best, bestIou] = [k, o];
    });
    if (best >= 0) {
      used.add(best);
      n++;
    }
  }
  return n;
}

const GROUPS: Record<string, { label: string; words: string[] }> = {
  dog: { label: 'dog', words: ['dog', 'dogs', 'puppy', 'puppies'] },
  person: { label: 'person', words: ['man', 'men', 'woman', 'women', 'boy', 'boys', 'girl', 'girls', 'child', 'children', 'person', 'people', 'kid', 'kids', 'player', 'players', 'biker', 'skier', 'baby', 'lady', 'guy', 'crowd'] },
};
const { references } = parseCaptions(readFileSync(join(FLICKR, 'Flickr8k.token.txt'), 'utf8'));
const words = (text: string): string[] => text.toLowerCase().match(/[a-z]+/g) ?? [];
/** 'yes' when all five references name the group, 'no' when none does, else null. */
function truth(file: string, group: string): 'yes' | 'no' | null {
  const refs = references.get(file) ?? [];
  const says = refs.map((r) => words(r).some((w) => GROUPS[group]!.words.includes(w)));
  if (refs.length === 5 && says.every(Boolean)) return 'yes';
  if (says.every((x) => !x)) return 'no';
  return null;
}
const allSizes = [416, ...sizes];
const caption = allSizes.map(() => Object.fromEntries(Object.keys(GROUPS).map((g) => [g, { yes: 0, found: 0, no: 0, alarms: 0 }])));

const images = readFileSync(join(FLICKR, 'Flickr_8k.devImages.txt'), 'utf8').split(/\s+/).filter(Boolean).slice(0, count);
const reference = await detectorAt(416);
const others = await Promise.all(sizes.map(detectorAt));
const totals = sizes.map(() => thresholds.map(() => ({ ref: 0, other: 0, refMatched: 0, otherMatched: 0, sameLabels: 0 })));
const refCounts = thresholds.map(() => 0);
for (const file of images) {
  const image = await loadImage(join(FLICKR, 'images', file));
  const ref = await reference.detect(image);
  const perSize: Detection[][] = [ref];
  for (const [s, detector] of others.entries()) {
    const found = await detector.detect(image);
    perSize.push(found);
    thresholds.forEach((t, k) => {
      const a = ref.filter((d) => d.score >= t);
      const b = found.filter((d) => d.score >= t);
      const row = totals[s]![k]!;
      row.ref += a.length;
      row.other += b.length;
      row.refMatched += matched(a, b);
      row.otherMatched += matched(b, a);
      const labels = (ds: Detection[]) => [...new Set(ds.map((d) => d.label))].sort().join(',');
      if (labels(a) === labels(b)) row.sameLabels++;
    });
  }
  thresholds.forEach((t, k) => (refCounts[k]! += ref.filter((d) => d.score >= t).length));
  for (const group of Object.keys(GROUPS)) {
    const t = truth(file, group);
    if (!t) continue;
    perSize.forEach((found, s) => {
      const row = caption[s]![group]!;
      const seen = found.some((d) => d.label === GROUPS[group]!.label && d.score >= 0.5);
      if (t === 'yes') [row.yes, row.found] = [row.yes + 1, row.found + Number(seen)];
      else [row.no, row.alarms] = [row.no + 1, row.alarms + Number(seen)];
    });
  }
}
const pct = (n: number, d: number): string => (d ? `${((100 * n) / d).toFixed(1)}%` : '–');
console.log(`Agreement with 416×416 on ${images.length} Flickr8k dev photos (same class, IoU ≥ 0.5)`);
console.log('| input | score ≥ | 416 boxes | boxes | recall of 416 | precision vs 416 | same class set per image |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
sizes.forEach((size, s) =>
  thresholds.forEach((t, k) => {
    const r = totals[s]![k]!;
    console.log(`| ${size}×${size} | ${t} | ${r.ref} | ${r.other} | ${pct(r.refMatched, r.ref)} | ${pct(r.otherMatched, r.other)} | ${pct(r.sameLabels, images.length)} |`);
  }),
);
console.log(`\nAgainst the five Flickr8k captions (detected at score ≥ 0.5)`);
console.log('| input | ' + Object.keys(GROUPS).map((g) => `${g}: found where all 5 name it | ${g}: found where none does`).join(' | ') + ' |');
console.log('| --- |' + ' ---: | ---: |'.repeat(Object.keys(GROUPS).length));
allSizes.forEach((size, s) => {
  const cells = Object.keys(GROUPS).map((g) => {
    const r = caption[s]![g]!;
    return `${pct(r.found, r.yes)} of ${r.yes} | ${pct(r.alarms, r.no)} of ${r.no}`;
  });
  console.log(`| ${size}×${size} | ${cells.join(' | ')} |`);
});
await Promise.all([reference, ...others].map((d) => d.dispose()));
