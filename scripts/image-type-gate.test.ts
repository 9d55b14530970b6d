// The shipped image-type gate, end to end on the engine's code path: the
// assembled encoder (ImageNet logits), the OCR files pinned in the manifest
// and models/glimpse-captioner/image-type-gate.json decide the type of the
// mixed-types fixture's images (a wordmark logo, two photos, a bar chart, a
// sale banner) and of a few dev photos. A damaged gate file, a broken logits
// output or an OCR change that starves the gate can't land unnoticed.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkGateModel, createCaptioner, describeImage, type GateModel, type LocalCaptioner } from '../src/captioner/index';
import { createOcr, type Ocr } from '../src/captioner/ocr/index';
import { parseSplit } from './eval/captions-file';
import { loadImage } from './lib/load-image';
import { modelDir } from './lib/model-dir';
import { ocrModelSource } from './lib/ocr-models';

const root = fileURLToPath(new URL('..', import.meta.url));
const MODEL = join(root, '.cache/models/glimpse-captioner');
const PAGES = join(root, 'e2e/fixtures/pages');
const fixture = JSON.parse(readFileSync(join(PAGES, 'mixed-types.expected.json'), 'utf8')) as { src: string; type: string; words: string[] }[];
/** The page puts the wordmark in its header's home link, and the content script says so (content/place-hint.ts). */
const PLACE_HINTS: Record<string, 'logo'> = { 'img/maplestack.png': 'logo' };
const devPhotos = parseSplit(readFileSync(join(root, '../shared/data/flickr8k/Flickr_8k.devImages.txt'), 'utf8')).slice(0, 6);

let captioner: LocalCaptioner;
let ocr: Ocr;
let gate: GateModel;

beforeAll(async () => {
  execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/assemble-models.ts')], { cwd: root, stdio: 'pipe' });
  captioner = createCaptioner();
  await captioner.load(modelDir(MODEL), { backend: 'wasm' });
  ocr = await createOcr(ocrModelSource());
  gate = checkGateModel(JSON.parse(readFileSync(join(MODEL, 'image-type-gate.json'), 'utf8')));
}, 180_000);

afterAll(async () => {
  await captioner?.dispose();
  await ocr?.dispose();
}, 60_000);

describe('image-type gate (shipped)', () => {
  it.each(fixture.map((f) => [f.src, f.type]))('%s is a %s', async (src, type) => {
    // No URL: file names can't help; the place in the page is the engine's only other hint.
    const d = await describeImage({ captioner, gate, ocr }, await loadImage(join(PAGES, src)), { placeHint: PLACE_HINTS[src] ?? null });
    expect(d.type?.type, `${src}: ${JSON.stringify(d.type?.probabilities)} ${d.type?.reasons.join('; ')}`).toBe(type);
    expect(d.caption.decoded).toBe(type === 'photo');
    expect(d.type!.reasons.length).toBeGreaterThan(0);
  }, 120_000);

  it('keeps dev photos with the captioner', async () => {
    const routed: string[] = [];
    for (const name of devPhotos) {
      const d = await describeImage({ captioner, gate, ocr }, await loadImage(join(root, '../shared/data/flickr8k/images', name)));
      if (d.type?.type !== 'photo') routed.push(`${name}: ${d.type?.type} ${d.type?.reasons.join('; ')}`);
    }
    // At most one of six: the gate's bar is ≤ 5% on the whole dev split.
    expect(routed.length, routed.join('\n')).toBeLessThanOrEqual(1);
  }, 300_000);

  it('skips the full text read of photos whose glance sees no text, and reads every non-photo in full', async () => {
    const reads: string[] = [];
    // Counts only the describe path's own full reads.
    const counted = (name: string) => ({ glance: (i: Parameters<Ocr['glance']>[0]) => ocr.glance(i), read: (i: Parameters<Ocr['read']>[0]) => (reads.push(name), ocr.read(i)) });
    for (const f of fixture) {
      const image = await loadImage(join(PAGES, f.src));
      const d = await describeImage({ captioner, gate, ocr: counted(f.src) }, image, { placeHint: PLACE_HINTS[f.src] ?? null });
      expect(d.type?.type, f.src).toBe(f.type);
      // A non-photo's text is exactly what a full read gives.
      expect(d.text?.text, f.src).toBe(f.type === 'photo' ? '' : (await ocr.read(image)).text);
    }
    // Photos whose glance sees no text box are never read in full (the climber's is empty; the dogs' grass
    // has a box the recogniser then finds no letters in); the three non-photos always are.
    const glanced = new Map<string, boolean>();
    for (const f of fixture) glanced.set(f.src, (await ocr.glance(await loadImage(join(PAGES, f.src)))).likely);
    expect(glanced.get('img/climber.jpg')).toBe(false);
    expect(reads.sort()).toEqual(fixture.filter((f) => f.type !== 'photo' || glanced.get(f.src)).map((f) => f.src).sort());
  }, 120_000);
});
