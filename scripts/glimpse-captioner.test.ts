// The shipped captioner, end to end: committed files → `npm run models`
// assembly (backbone + trained head) → captioner core on WASM → caption. A
// broken export, quantization or assembly makes captions stop naming what all
// five human references name, so it can't land unnoticed.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCaptioner, type LocalCaptioner } from '../src/captioner/index';
import { parseCaptions, parseSplit } from './eval/captions-file';
import { loadImage } from './lib/load-image';
import { modelDir } from './lib/model-dir';

const root = fileURLToPath(new URL('..', import.meta.url));
const flickr = join(root, '../shared/data/flickr8k');
const MODEL = join(root, '.cache/models/glimpse-captioner');

// What a caption must name when every reference does. Synonyms count: a
// reference saying "puppy" and a caption saying "dog" agree.
const GROUPS: Record<string, string[]> = {
  dog: ['dog', 'dogs', 'puppy'],
  person: ['man', 'men', 'woman', 'women', 'boy', 'boys', 'girl', 'girls', 'child', 'children', 'person', 'people', 'kid', 'kids', 'player', 'biker', 'skier'],
  snow: ['snow', 'snowy'],
};
const PER_GROUP = 2;

const words = (text: string): string[] => text.toLowerCase().match(/[a-z]+/g) ?? [];

/** The first dev images, in split order, whose five references all name the group. */
function agreedImages(): { image: string; group: string }[] {
  const { references } = parseCaptions(readFileSync(join(flickr, 'Flickr8k.token.txt'), 'utf8'));
  const dev = parseSplit(readFileSync(join(flickr, 'Flickr_8k.devImages.txt'), 'utf8'));
  return Object.entries(GROUPS).flatMap(([group, names]) =>
    dev
      .filter((image) => {
        const refs = references.get(image) ?? [];
        return refs.length === 5 && refs.every((r) => words(r).some((w) => names.includes(w)));
      })
      .slice(0, PER_GROUP)
      .map((image) => ({ image, group })),
  );
}

let captioner: LocalCaptioner;

beforeAll(async () => {
  // Assembles .cache/models (verifies every sha256 in models/manifest.json on the way).
  execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/assemble-models.ts')], { cwd: root, stdio: 'pipe' });
  captioner = createCaptioner();
  await captioner.load(modelDir(MODEL), { backend: 'wasm' });
}, 120_000);

afterAll(() => captioner?.dispose(), 60_000);

describe('glimpse-captioner (int8, shipped)', () => {
  const cases = agreedImages();

  it('has test images for every group', () => {
    expect(cases).toHaveLength(Object.keys(GROUPS).length * PER_GROUP);
  });

  it.each(cases)('names the $group in $image', async ({ image, group }) => {
    const caption = await captioner.caption(await loadImage(join(flickr, 'images', image)));
    expect(words(caption.text).some((w) => GROUPS[group]!.includes(w)), `"${caption.text}"`).toBe(true);
  });
});
