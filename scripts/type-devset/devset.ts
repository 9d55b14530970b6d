/**
 * The plan of the dev set, without a browser: which scenes each split gets,
 * their seeds, file names and formats, and the label record written for
 * each image.
 */
import { Rng } from './rng';
import { CHARTS } from './charts';
import { ILLUSTRATIONS } from './illustrations';
import { LOGOS } from './logos';
import type { ImageType, Scene, SceneFamily } from './scene';
import { SCREENS } from './screens';
import { TEXT_IMAGES } from './text-images';

export type Split = 'train' | 'test';
export type RenderedType = Exclude<ImageType, 'photo'>;

export interface Label {
  /** Relative to the folder of labels.json (photos too: they point into the Flickr8k folder). */
  file: string;
  split: Split;
  type: ImageType;
  kind: string;
  /** Every word on screen in reading order, space-separated; '' when there is none. */
  text: string;
  width: number;
  height: number;
}

export const FAMILIES: Record<RenderedType, SceneFamily> = {
  chart: CHARTS,
  screenshot: SCREENS,
  text: TEXT_IMAGES,
  logo: LOGOS,
  illustration: ILLUSTRATIONS,
};

/** Different seeds per split, so no scene is in both. */
export const SPLIT_SEEDS: Record<Split, string> = { train: 'glimpse-type-devset/train/v1', test: 'glimpse-type-devset/test/v1' };

/** How often each type is saved as JPEG (the rest are PNG). */
const JPEG_SHARE: Record<RenderedType, number> = { chart: 0.2, screenshot: 0.3, text: 0.3, logo: 0.1, illustration: 0.35 };

export interface Job {
  split: Split;
  type: RenderedType;
  kind: string;
  index: number;
  /** The scene seed, without the attempt number. */
  seed: string;
  format: 'png' | 'jpeg';
  quality?: number;
  /** Base file name without extension. */
  name: string;
}

/**
 * `perType` images of each type spread over its kinds (the first kinds get
 * one more when it does not divide), or exactly `perKind` of every kind.
 */
export function planJobs(split: Split, options: { perType?: number; perKind?: number }): Job[] {
  const jobs: Job[] = [];
  for (const [type, family] of Object.entries(FAMILIES) as [RenderedType, SceneFamily][]) {
    const kinds = Object.keys(family);
    kinds.forEach((kind, k) => {
      const n = options.perKind ?? Math.floor((options.perType ?? 60) / kinds.length) + (k < (options.perType ?? 60) % kinds.length ? 1 : 0);
      for (let index = 0; index < n; index++) {
        const seed = `${SPLIT_SEEDS[split]}/${type}/${kind}/${index}`;
        const rng = new Rng(`${seed}/format`);
        const jpeg = rng.chance(JPEG_SHARE[type]);
        jobs.push({ split, type, kind, index, seed, format: jpeg ? 'jpeg' : 'png', ...(jpeg ? { quality: rng.int(75, 85) } : {}), name: `${split}-${type}-${kind}-${String(index).padStart(3, '0')}` });
      }
    });
  }
  return jobs;
}

/** The scene for a job; `attempt` > 0 re-rolls a scene whose text did not fit. */
export function buildScene(type: RenderedType, kind: string, seed: string, attempt = 0): Scene {
  const builder = FAMILIES[type][kind];
  if (!builder) throw new Error(`no ${type} kind ${kind}`);
  return builder(new Rng(attempt === 0 ? seed : `${seed}/retry${attempt}`));
}

/** A full HTML document around a scene. */
export function documentOf(scene: Scene): string {
  return `<!doctype html><html><head><meta charset="utf-8"><style>html,body{margin:0;padding:0}</style></head><body>${scene.html}</body></html>`;
}
