/**
 * Simple icon glyphs as SVG markup on a 24×24 grid, drawn in `currentColor`:
 * the shapes of app icons, icon grids and favicons. No text.
 */
export const GLYPHS: Record<string, string> = {
  star: '<path d="M12 2l3 6.5 7 .8-5.2 4.8 1.5 7L12 17.6 5.7 21.1l1.5-7L2 9.3l7-.8z" fill="currentColor"/>',
  heart: '<path d="M12 21s-8-5.2-8-11a4.5 4.5 0 0 1 8-2.8A4.5 4.5 0 0 1 20 10c0 5.8-8 11-8 11z" fill="currentColor"/>',
  home: '<path d="M3 11l9-8 9 8v10h-6v-6H9v6H3z" fill="currentColor"/>',
  search: '<circle cx="10" cy="10" r="6" fill="none" stroke="currentColor" stroke-width="2.5"/><path d="M14.5 14.5L21 21" stroke="currentColor" stroke-width="3" stroke-linecap="round"/>',
  bell: '<path d="M12 3a6 6 0 0 0-6 6v5l-2 3h16l-2-3V9a6 6 0 0 0-6-6z" fill="currentColor"/><circle cx="12" cy="20" r="2" fill="currentColor"/>',
  mail: '<rect x="2" y="5" width="20" height="14" rx="2" fill="none" stroke="currentColor" stroke-width="2"/><path d="M3 6l9 7 9-7" fill="none" stroke="currentColor" stroke-width="2"/>',
  check: '<path d="M4 12.5l5 5L20 6.5" fill="none" stroke="currentColor" stroke-width="3" stroke-linecap="round" stroke-linejoin="round"/>',
  plus: '<path d="M12 4v16M4 12h16" stroke="currentColor" stroke-width="3" stroke-linecap="round"/>',
  arrow: '<path d="M4 12h14M13 6l6 6-6 6" fill="none" stroke="currentColor" stroke-width="2.5" stroke-linecap="round" stroke-linejoin="round"/>',
  cloud: '<path d="M7 19a5 5 0 0 1-.5-10A6 6 0 0 1 18 8a5.5 5.5 0 0 1-.5 11z" fill="currentColor"/>',
  bolt: '<path d="M13 2L4 14h7l-1 8 9-12h-7z" fill="currentColor"/>',
  leaf: '<path d="M20 4C9 4 4 9 4 16c0 2 1 4 1 4s2-7 9-10c-5 4-6 8-6 10 8 0 12-6 12-16z" fill="currentColor"/>',
  play: '<path d="M7 4l13 8-13 8z" fill="currentColor"/>',
  user: '<circle cx="12" cy="8" r="4.5" fill="currentColor"/><path d="M3 21a9 9 0 0 1 18 0z" fill="currentColor"/>',
  lock: '<rect x="5" y="10" width="14" height="11" rx="2" fill="currentColor"/><path d="M8 10V7a4 4 0 0 1 8 0v3" fill="none" stroke="currentColor" stroke-width="2.5"/>',
  camera: '<path d="M3 8h4l2-3h6l2 3h4v12H3z" fill="currentColor"/><circle cx="12" cy="13.5" r="3.5" fill="#ffffff"/>',
  cart: '<path d="M2 4h3l3 11h11l2-8H7" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round"/><circle cx="9" cy="19" r="1.8" fill="currentColor"/><circle cx="18" cy="19" r="1.8" fill="currentColor"/>',
  gear: '<circle cx="12" cy="12" r="7" fill="none" stroke="currentColor" stroke-width="4" stroke-dasharray="3.2 2.3"/><circle cx="12" cy="12" r="4.5" fill="none" stroke="currentColor" stroke-width="2.5"/>',
  chat: '<path d="M3 5h18v11H9l-5 4v-4H3z" fill="currentColor"/>',
  music: '<path d="M9 17V5l11-2v12" fill="none" stroke="currentColor" stroke-width="2"/><circle cx="6.5" cy="17.5" r="2.8" fill="currentColor"/><circle cx="17.5" cy="15.5" r="2.8" fill="currentColor"/>',
  pin: '<path d="M12 22s7-7.5 7-13a7 7 0 0 0-14 0c0 5.5 7 13 7 13z" fill="currentColor"/><circle cx="12" cy="9" r="2.6" fill="#ffffff"/>',
  sun: '<circle cx="12" cy="12" r="5" fill="currentColor"/><path d="M12 1v3M12 20v3M1 12h3M20 12h3M4.2 4.2l2.1 2.1M17.7 17.7l2.1 2.1M4.2 19.8l2.1-2.1M17.7 6.3l2.1-2.1" stroke="currentColor" stroke-width="2"/>',
};

export const GLYPH_NAMES = Object.keys(GLYPHS);

export function glyphSvg(name: string, size: number, color: string): string {
  return `<svg width="${size}" height="${size}" viewBox="0 0 24 24" style="display:block;color:${color}">${GLYPHS[name] ?? ''}</svg>`;
}
