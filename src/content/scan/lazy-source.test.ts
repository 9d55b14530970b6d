import { describe, expect, it } from 'vitest';
import { lazySourcePending } from './lazy-source';

const BASE = 'https://news.example/2024/story.html';
const GIF = 'data:image/gif;base64,R0lGODlhAQABAIAAAAAAAP///yH5BAEAAAAALAAAAAABAAEAAAIBRAA7';

function img(attrs: Record<string, string>, currentSrc = attrs.src ? new URL(attrs.src, BASE).href : '') {
  return { getAttribute: (k: string) => attrs[k] ?? null, currentSrc, src: currentSrc, baseURI: BASE };
}

describe('lazySourcePending', () => {
  it('is true while data-src, data-lazy-src or data-original names another picture than the one shown', () => {
    expect(lazySourcePending(img({ src: GIF, 'data-src': '/img/harbour.jpg' }))).toBe(true);
    expect(lazySourcePending(img({ src: GIF, 'data-lazy-src': 'https://cdn.example/a.jpg' }))).toBe(true);
    expect(lazySourcePending(img({ src: '/blank.png', 'data-original': 'a.jpg' }))).toBe(true);
    // No src at all yet.
    expect(lazySourcePending(img({ 'data-src': 'a.jpg' }))).toBe(true);
  });
  it('is true while data-srcset names none of the picture shown', () => {
    expect(lazySourcePending(img({ src: GIF, 'data-srcset': '/a-480.jpg 480w, /a-960.jpg 960w' }))).toBe(true);
  });
  it('is false once the real source is shown (relative or absolute, any srcset candidate)', () => {
    expect(lazySourcePending(img({ src: '/img/harbour.jpg', 'data-src': '/img/harbour.jpg' }))).toBe(false);
    expect(lazySourcePending(img({ src: 'https://news.example/img/harbour.jpg', 'data-src': '../img/harbour.jpg' }))).toBe(false);
    expect(lazySourcePending(img({ src: GIF, 'data-srcset': '/a-480.jpg 480w, /a-960.jpg 960w' }, 'https://news.example/a-960.jpg'))).toBe(false);
  });
  it('is false once a script put the same file in from another origin (a CDN, a second server)', () => {
    expect(lazySourcePending(img({ src: 'https://cdn.example/photos/1022454332_6af2c1449a.jpg', 'data-src': '1022454332_6af2c1449a.jpg' }))).toBe(false);
    // A stand-in from elsewhere is still a stand-in.
    expect(lazySourcePending(img({ src: 'https://cdn.example/img/spacer.gif', 'data-src': '1022454332_6af2c1449a.jpg' }))).toBe(true);
  });
  it('is false without lazy-loading attributes, or with empty ones', () => {
    expect(lazySourcePending(img({ src: '/a.jpg' }))).toBe(false);
    expect(lazySourcePending(img({ src: '/a.jpg', 'data-src': '  ' }))).toBe(false);
  });
});
