/**
 * Rendered text images with known words, for the OCR tests and for
 * scripts/ocr-eval.ts when no labelled set is given. SVG → PNG through sharp
 * (librsvg draws the text with the system's DejaVu and Liberation fonts).
 * Deterministic: the same seed gives the same images.
 *
 * @example
 *   const png = await renderSvg(textSvg(600, 200, [{ text: 'SALE 50% OFF', size: 64 }]));
 *   const samples = await renderedSamples(24);
 */
import sharp from 'sharp';

export interface TextRun {
  text: string;
  x?: number;
  y?: number;
  size: number;
  font?: string;
  weight?: 'normal' | 'bold';
  fill?: string;
  anchor?: 'start' | 'middle';
}

export interface RenderedSample {
  name: string;
  type: string;
  /** Ground-truth words in reading order, space-separated ('' for no text). */
  text: string;
  png: Buffer;
}

const escape = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function textSvg(width: number, height: number, runs: readonly TextRun[], background = '#ffffff', extra = ''): string {
  const texts = runs.map((r, i) => {
    const y = r.y ?? Math.round(((i + 1) * height) / (runs.length + 1) + r.size / 3);
    const x = r.x ?? (r.anchor === 'middle' ? width / 2 : Math.round(width * 0.06));
    return `<text x="${x}" y="${y}" font-family="${r.font ?? 'DejaVu Sans'}" font-size="${r.size}" font-weight="${r.weight ?? 'normal'}" fill="${r.fill ?? '#111'}" text-anchor="${r.anchor ?? 'start'}">${escape(r.text)}</text>`;
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}"><rect width="${width}" height="${height}" fill="${background}"/>${extra}${texts.join('')}</svg>`;
}

export async function renderSvg(svg: string): Promise<Buffer> {
  return sharp(Buffer.from(svg)).png().toBuffer();
}

/** Smooth colour gradient with seeded pixel noise, like an out-of-focus photo: no text at all. */
export async function noTextImage(seed: number, width = 320, height = 240): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 3);
  let state = seed * 2654435761 >>> 0;
  const rand = (): number => ((state = (state * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      const n = (rand() - 0.5) * 40;
      data[i] = Math.max(0, Math.min(255, 40 + (180 * x) / width + n));
      data[i + 1] = Math.max(0, Math.min(255, 90 + (120 * y) / height + n));
      data[i + 2] = Math.max(0, Math.min(255, 160 - (100 * (x + y)) / (width + height) + n));
    }
  }
  return sharp(data, { raw: { width, height, channels: 3 } }).blur(1.2).png().toBuffer();
}

const WORDS = (
  'summer sale today only free shipping new arrivals members save more book your table fresh coffee daily ' +
  'annual report revenue growth market share north south east west total users monthly active login password ' +
  'search results download the app weekly forecast rain sunny cloudy open hours monday friday contact support ' +
  'limited offer best price order now learn more sign up welcome back project timeline quarter budget expenses'
).split(' ');
const FONTS = ['DejaVu Sans', 'DejaVu Serif', 'Liberation Sans', 'Liberation Serif', 'DejaVu Sans Mono', 'Liberation Sans Narrow'];
const THEMES: [background: string, fill: string][] = [['#ffffff', '#111111'], ['#1d2b53', '#ffffff'], ['#ffcc00', '#222222'], ['#f4f4f4', '#555555'], ['#c0392b', '#ffffff'], ['#e8f4ff', '#0b4f8a']];

/** A small seeded generator (mulberry32). */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * `count` images cycling through banner, headline, chart, logo, UI, paragraph
 * and no-text scenes; fonts, sizes and colours vary with the seed.
 */
export async function renderedSamples(count: number, seed = 1): Promise<RenderedSample[]> {
  const r = rng(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(r() * list.length)]!;
  const phrase = (n: number): string => Array.from({ length: n }, () => pick(WORDS)).join(' ');
  const samples: RenderedSample[] = [];
  for (let i = 0; i < count; i++) {
    const kind = ['banner', 'headline', 'chart', 'logo', 'ui', 'paragraph', 'none'][i % 7]!;
    const font = pick(FONTS);
    const [bg, fill] = pick(THEMES);
    const name = `${kind}-${i}`;
    if (kind === 'banner') {
      const text = `${phrase(2).toUpperCase()} ${10 + Math.floor(r() * 80)}% OFF`;
      const size = 36 + Math.floor(r() * 40);
      const width = Math.ceil(text.length * size * 0.7) + 60;
      samples.push({ name, type: 'text', text, png: await renderSvg(textSvg(width, size * 3, [{ text, size, font, weight: 'bold', fill, anchor: 'middle' }], bg)) });
    } else if (kind === 'headline') {
      const a = phrase(3);
      const b = phrase(4);
      const size = 24 + Math.floor(r() * 24);
      const width = Math.ceil(Math.max(a.length, b.length) * size * 0.65) + 80;
      samples.push({ name, type: 'text', text: `${a} ${b}`, png: await renderSvg(textSvg(width, size * 4, [{ text: a, size, font, fill, weight: 'bold' }, { text: b, size: Math.round(size * 0.7), font, fill }], bg)) });
    } else if (kind === 'chart') {
      const title = phrase(3);
      const labels = [pick(WORDS), pick(WORDS), pick(WORDS)];
      const size = 14 + Math.floor(r() * 8);
      const bars = labels.map((_, k) => `<rect x="${70 + k * 110}" y="${110 + k * 20}" width="60" height="${170 - k * 20}" fill="#3a7bd5"/>`).join('');
      const runs: TextRun[] = [{ text: title, size: size + 4, font, x: 240, y: 36, anchor: 'middle', fill: '#111' }, ...labels.map((l, k): TextRun => ({ text: l, size, font, x: 100 + k * 110, y: 305, anchor: 'middle', fill: '#333' }))];
      samples.push({ name, type: 'chart', text: [title, ...labels].join(' '), png: await renderSvg(textSvg(480, 320, runs, '#ffffff', bars)) });
    } else if (kind === 'logo') {
      const text = `${pick(WORDS)} ${pick(['Co', 'Labs', 'Studio', 'Market'])}`;
      const size = 18 + Math.floor(r() * 16);
      samples.push({ name, type: 'logo', text, png: await renderSvg(textSvg(Math.ceil(text.length * size * 0.75) + 24, size * 2, [{ text, size, font, weight: 'bold', fill, anchor: 'middle' }], bg)) });
    } else if (kind === 'ui') {
      const heading = phrase(2);
      const button = phrase(2);
      const note = phrase(5);
      const extra = `<rect x="40" y="150" width="240" height="44" rx="6" fill="#2563eb"/>`;
      const runs: TextRun[] = [{ text: heading, size: 28, font, x: 40, y: 70, fill: '#111', weight: 'bold' }, { text: button, size: 18, font, x: 160, y: 178, anchor: 'middle', fill: '#ffffff' }, { text: note, size: 15, font, x: 40, y: 250, fill: '#444' }];
      samples.push({ name, type: 'screenshot', text: [heading, button, note].join(' '), png: await renderSvg(textSvg(640, 300, runs, '#ffffff', extra)) });
    } else if (kind === 'paragraph') {
      const lines = [phrase(5), phrase(5), phrase(4)];
      const size = 16 + Math.floor(r() * 8);
      samples.push({ name, type: 'text', text: lines.join(' '), png: await renderSvg(textSvg(Math.ceil(40 * size * 0.65) + 60, size * 6, lines.map((text) => ({ text, size, font, fill })), bg)) });
    } else {
      samples.push({ name, type: 'none', text: '', png: await noTextImage(i + seed * 1000) });
    }
  }
  return samples;
}
