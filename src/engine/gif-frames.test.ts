import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { gifWithFrames } from '../../e2e/support/broken-files';
import { animationNote, gifFrameCount } from './gif-frames';

describe('gifFrameCount', () => {
  it('counts the frames of a still GIF and of a 5,000-frame animation without decoding them', async () => {
    const still = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3a7' } }).gif().toBuffer();
    expect(gifFrameCount(still)).toBe(1);
    expect(animationNote(still)).toBeNull();
    const animated = gifWithFrames(still, 5000);
    expect(gifFrameCount(animated)).toBe(5000);
    expect(animationNote(animated)).toBe('The GIF is an animation of 5,000 frames; it was described from its first frame.');
  });

  it('agrees with libvips on an animation sharp wrote itself', async () => {
    const colours = ['#e63946', '#f1faee', '#a8dadc', '#457b9d', '#1d3557', '#2a9d8f', '#e9c46a'];
    const frames = await Promise.all(colours.map((background) => sharp({ create: { width: 32, height: 32, channels: 3, background } }).png().toBuffer()));
    const animated = await sharp(frames, { join: { animated: true } }).gif().toBuffer();
    expect((await sharp(animated, { animated: true }).metadata()).pages).toBe(7);
    expect(gifFrameCount(animated)).toBe(7);
  });

  it('is null for what is not a GIF, and counts what a truncated GIF holds', () => {
    expect(gifFrameCount(new Uint8Array([0xff, 0xd8, 0xff]))).toBeNull();
    expect(gifFrameCount(new TextEncoder().encode('GIF89a'))).toBe(0);
  });
});
