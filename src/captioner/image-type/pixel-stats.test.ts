import { describe, expect, it } from 'vitest';
import { pixelStats } from './pixel-stats';

function image(width: number, height: number, pixel: (x: number, y: number) => [number, number, number, number]) {
  const data = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(pixel(x, y), (y * width + x) * 4);
  return { width, height, data };
}

describe('pixelStats', () => {
  it('sees a white card with black bars as flat, few-coloured and hard-edged', () => {
    const card = pixelStats(image(200, 100, (x, y) => (y > 40 && y < 60 && x % 20 < 10 ? [0, 0, 0, 255] : [255, 255, 255, 255])));
    expect(card.dominantColour).toBeGreaterThan(0.7);
    expect(card.topColours).toBe(1);
    expect(card.flat).toBeGreaterThan(0.7);
    expect(card.hardEdges).toBeGreaterThan(0.01);
    expect(card.white).toBeGreaterThan(0.7);
    expect(card.aspect).toBeCloseTo(Math.log(2));
  });
  it('sees noise as many-coloured, textured and not flat', () => {
    let seed = 7;
    const rand = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31) * 255;
    const noise = pixelStats(image(128, 128, () => [rand(), rand(), rand(), 255]));
    expect(noise.dominantColour).toBeLessThan(0.01);
    expect(noise.colourCount).toBeLessThan(0.2); // spread over thousands of bins, none holds 0.5%
    expect(noise.flat).toBeLessThan(0.05);
    expect(noise.lumaEntropy).toBeGreaterThan(0.6);
  });
  it('counts transparent pixels and sees them over white', () => {
    const icon = pixelStats(image(32, 32, (x) => (x < 16 ? [0, 0, 0, 0] : [0, 0, 0, 255])));
    expect(icon.transparent).toBeCloseTo(0.5);
    expect(icon.white).toBeCloseTo(0.5);
    expect(icon.black).toBeCloseTo(0.5);
  });
  it('costs the same on a huge image: it samples a grid', () => {
    const big = { width: 4000, height: 3000, data: new Uint8Array(4000 * 3000 * 4).fill(200) };
    const t0 = performance.now();
    const stats = pixelStats(big);
    expect(stats.dominantColour).toBe(1);
    expect(performance.now() - t0).toBeLessThan(1000);
  });
});
