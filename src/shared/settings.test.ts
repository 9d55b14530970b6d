import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, normalizeHost, normalizeSettings, siteAllowed } from './settings';

describe('normalizeSettings', () => {
  it('gives the defaults for empty or malformed storage', () => {
    expect(normalizeSettings({})).toEqual(DEFAULT_SETTINGS);
    expect(normalizeSettings({ mode: 'sometimes', speech: 'yes', rate: Number.NaN, deniedSites: 'a.com' })).toEqual(DEFAULT_SETTINGS);
  });
  it('clamps numbers and keeps the plain threshold at or above the floor', () => {
    const s = normalizeSettings({ rate: 9, pitch: -1, withholdBelow: 0.5, confidentAt: 0.3 });
    expect(s.rate).toBe(4);
    expect(s.pitch).toBe(0);
    expect(s.withholdBelow).toBe(0.5);
    expect(s.confidentAt).toBe(0.5);
  });
  it('takes the engine thread count from the offered choices, as a number or as a <select> gives it', () => {
    expect(normalizeSettings({ threads: '2' }).threads).toBe(2);
    expect(normalizeSettings({ threads: 4 }).threads).toBe(4);
    expect(normalizeSettings({ threads: 3 }).threads).toBe(0);
    expect(normalizeSettings({ threads: '' }).threads).toBe(0);
    expect(normalizeSettings({ threads: true }).threads).toBe(0);
  });
  it('stores site lists as unique lower-case hostnames', () => {
    expect(normalizeSettings({ deniedSites: ['https://News.Example.com/a?b', 'news.example.com', '', 3] }).deniedSites).toEqual(['news.example.com']);
  });
});

describe('siteAllowed', () => {
  it('honours the global switch, the deny list and a non-empty allow list', () => {
    expect(siteAllowed(DEFAULT_SETTINGS, 'a.com')).toBe(true);
    expect(siteAllowed({ ...DEFAULT_SETTINGS, enabled: false }, 'a.com')).toBe(false);
    expect(siteAllowed({ ...DEFAULT_SETTINGS, deniedSites: ['a.com'] }, 'A.com')).toBe(false);
    expect(siteAllowed({ ...DEFAULT_SETTINGS, allowedSites: ['b.com'] }, 'a.com')).toBe(false);
    expect(siteAllowed({ ...DEFAULT_SETTINGS, allowedSites: ['b.com'] }, 'b.com')).toBe(true);
  });
  it('normalizes typed hosts', () => {
    expect(normalizeHost(' Example.org:8080/path ')).toBe('example.org');
    expect(normalizeHost('')).toBe('');
  });
});
