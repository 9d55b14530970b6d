/**
 * Flickr8k photos: which ones each split references (train: a seeded sample
 * of the train list; test: the whole dev list), and the 'photo-with-text'
 * scenes that put a meme caption, a watermark or a sign over a photo.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { Rng } from './rng';
import { CITIES, FIRST_NAMES, LAST_NAMES, NOUNS, brand, cap, phrase } from './words';
import { STRONG, esc, fitFont, font, frame, type Scene } from './scene';
import type { Split } from './devset';

/** GLIMPSE_FLICKR8K, else the sibling shared checkout's copy. */
export function flickrDir(repoRoot: string): string {
  return resolve(process.env.GLIMPSE_FLICKR8K ?? join(repoRoot, '../shared/data/flickr8k'));
}

/** File names of a split: train → Flickr_8k.trainImages.txt, test → Flickr_8k.devImages.txt. */
export function splitList(dir: string, split: Split): string[] {
  const list = split === 'train' ? 'Flickr_8k.trainImages.txt' : 'Flickr_8k.devImages.txt';
  return readFileSync(join(dir, list), 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
}

/**
 * Photos referenced as-is (`count` of them; all when count is undefined) and,
 * disjoint from them, the photos that get a text overlay.
 */
export function choosePhotos(names: string[], seed: string, count: number | undefined, withText: number): { plain: string[]; overlay: string[] } {
  const shuffled = new Rng(`${seed}/photos`).shuffle(names);
  const plain = count === undefined ? [...names] : shuffled.slice(0, count);
  const taken = new Set(plain);
  const rest = shuffled.filter((n) => !taken.has(n));
  const overlay = (rest.length >= withText ? rest : shuffled).slice(0, withText);
  return { plain, overlay };
}

const SIGNS = ['OPEN', 'EXIT', 'CAFE', 'NO PARKING', 'STOP', 'BEACH', 'PARK', 'BUS STOP', 'SLOW', 'WELCOME', 'ONE WAY', 'MARKET'];

export const PHOTO_TEXT_KINDS = ['meme', 'watermark', 'sign', 'caption-bar'] as const;
export type PhotoTextKind = (typeof PHOTO_TEXT_KINDS)[number];

/** A photo (as a data URL) with a caption, watermark or sign drawn over it; the kind drawn at random unless given. */
export function photoWithText(rng: Rng, src: string, width: number, height: number, kind: PhotoTextKind = rng.pick(['meme', 'meme', 'watermark', 'sign', 'caption-bar'])): Scene {
  const img = `<img src="${src}" width="${width}" height="${height}" style="display:block">`;
  const family = font(rng, 'sans');
  let overlay: string;
  if (kind === 'meme') {
    const outline = 'color:#ffffff;-webkit-text-stroke:1.5px #000;paint-order:stroke fill;text-shadow:0 0 3px #000';
    const top = rng.chance(0.7) ? `${rng.pick(['when you', 'me after', 'nobody', 'that moment', 'how it started'])} ${phrase(rng, 1, 3)}`.toUpperCase() : '';
    const bottom = `${rng.pick(['best', 'worst', 'every', 'just'])} ${rng.pick(NOUNS)} ${rng.pick(['ever', 'again', 'today', 'like this'])}`.toUpperCase();
    const line = (t: string, where: string) => (t ? `<div style="position:absolute;left:4%;right:4%;${where}:3%;text-align:center;font-weight:bold;font-size:${fitFont(t, width * 0.9, 12, Math.round(height / 7), 0.7)}px;line-height:1.1;${outline}">${esc(t)}</div>` : '');
    overlay = line(top, 'top') + line(bottom, 'bottom');
  } else if (kind === 'watermark') {
    const mark = rng.chance(0.5) ? `© ${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)} Photography` : `${brand(rng).toLowerCase()}.com`;
    const fs = fitFont(mark, width * 0.6, 11, 22);
    overlay = `<div style="position:absolute;${rng.pick(['right', 'left'])}:10px;bottom:8px;font-size:${fs}px;color:#ffffff;opacity:0.9;text-shadow:0 0 3px #000,0 0 1px #000">${esc(mark)}</div>`;
  } else if (kind === 'sign') {
    const t = rng.chance(0.7) ? rng.pick(SIGNS) : `${rng.pick(CITIES)} ${rng.pick(['St', 'Road', 'Ave'])}`;
    const fs = fitFont(t, width * 0.4, 12, Math.round(height / 9), 0.7);
    const bg = rng.pick(STRONG);
    overlay = `<div style="position:absolute;left:${rng.int(5, 45)}%;top:${rng.int(8, 55)}%;padding:${fs * 0.3}px ${fs * 0.5}px;background:${bg};color:#ffffff;border:3px solid #ffffff;border-radius:4px;font-weight:bold;font-size:${fs}px;line-height:1.1;transform:rotate(${rng.int(-6, 6)}deg)">${esc(t)}</div>`;
  } else {
    const t = `${cap(phrase(rng, 3, 7))}`;
    const fs = fitFont(t, width * 0.9, 11, 26);
    overlay = `<div style="position:absolute;left:0;right:0;bottom:0;padding:${fs * 0.4}px ${fs * 0.6}px;background:rgba(0,0,0,0.65);color:#ffffff;font-size:${fs}px">${esc(t)}</div>`;
  }
  return frame({ width, height, background: '#000', color: '#fff', fontFamily: family }, img + overlay);
}
