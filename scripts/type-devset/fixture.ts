/**
 * The images of e2e/fixtures/pages/mixed-types.html that the generator
 * draws (a bar chart, a sale banner, a wordmark logo), and the page's
 * expected.json: an array of each image's src, type, kind and words.
 */
import { statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildScene, type RenderedType } from './devset';
import { openRenderer } from './render-page';
import type { ImageType } from './scene';

interface FixtureImage {
  src: string;
  type: RenderedType;
  kind: string;
  seed: string;
  /** The scene must say this, e.g. a sale banner must say SALE. */
  wants: (words: string[]) => boolean;
  /** Widths that suit an article column. */
  widths: [number, number];
}

const RENDERED: FixtureImage[] = [
  { src: 'img/dinner-2024.png', type: 'chart', kind: 'bar', seed: 'glimpse-fixture/chart', wants: (w) => w.length >= 6, widths: [420, 720] },
  { src: 'img/spring-deals.png', type: 'text', kind: 'sale', seed: 'glimpse-fixture/banner', wants: (w) => w.includes('SALE') && w.includes('OFF'), widths: [420, 760] },
  { src: 'img/maplestack.png', type: 'logo', kind: 'wordmark', seed: 'glimpse-fixture/logo', wants: (w) => w.length >= 1, widths: [160, 420] },
];

/** Committed fixture images stay small. */
const MAX_BYTES = 60_000;

/** Photos already in the fixture folder (Flickr8k-like). */
const PHOTOS = ['img/dogs-grass.jpg', 'img/climber.jpg'];

export interface ExpectedImage {
  src: string;
  type: ImageType;
  kind: string;
  words: string[];
}

export async function writeFixture(repo: string): Promise<void> {
  const pages = join(repo, 'e2e/fixtures/pages');
  const renderer = await openRenderer();
  const expected: ExpectedImage[] = PHOTOS.map((src) => ({ src, type: 'photo', kind: 'photo', words: [] }));
  try {
    for (const image of RENDERED) {
      let done = false;
      for (let n = 0; n < 40 && !done; n++) {
        const seed = `${image.seed}/${n}`;
        const result = await renderer.render((attempt) => buildScene(image.type, image.kind, seed, attempt), { path: join(pages, image.src), format: 'png' });
        // Plain tokens only (letters, digits, % and $), so a reader's words compare one to one.
        const plain = result?.words.every((w) => /^[\p{L}\p{N}%$]+$/u.test(w)) ?? false;
        if (!result || !plain || !image.wants(result.words) || result.width < image.widths[0] || result.width > image.widths[1]) continue;
        if (statSync(join(pages, image.src)).size > MAX_BYTES) continue;
        expected.push({ src: image.src, type: image.type, kind: image.kind, words: result.words });
        console.log(`${image.src}: ${result.width}×${result.height} "${result.words.join(' ')}"`);
        done = true;
      }
      if (!done) throw new Error(`no seed gave a ${image.kind} that fits`);
    }
  } finally {
    await renderer.close();
  }
  // The order they appear in mixed-types.html. File names say nothing of the type, so the
  // gate's file-name hints can't help in tests.
  const order = ['img/maplestack.png', 'img/dogs-grass.jpg', 'img/climber.jpg', 'img/dinner-2024.png', 'img/spring-deals.png'];
  expected.sort((a, b) => order.indexOf(a.src) - order.indexOf(b.src));
  writeFileSync(join(pages, 'mixed-types.expected.json'), `[\n${expected.map((e) => `  ${JSON.stringify(e)}`).join(',\n')}\n]\n`);
}
