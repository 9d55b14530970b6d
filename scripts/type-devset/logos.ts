/**
 * Logos and icons: wordmarks, emblems with initials, app icons, icon grids,
 * single small icons and favicons. Icons carry no text; wordmarks and
 * emblems carry the brand name or its initials.
 */
import type { Rng } from './rng';
import { GLYPH_NAMES, glyphSvg } from './glyphs';
import { brand, cap } from './words';
import { PALE, STRONG, esc, fitFont, font, frame, hsl, type Scene, type SceneFamily } from './scene';

function brandColor(rng: Rng): string {
  return rng.chance(0.5) ? rng.pick(STRONG) : hsl(rng.int(0, 359), rng.int(55, 85), rng.int(28, 45));
}

/** Transparent (the renderer keeps PNG alpha), white or pale. */
function logoBackground(rng: Rng): string {
  return rng.pick(['transparent', 'transparent', '#ffffff', rng.pick(PALE)]);
}

function wordmark(rng: Rng): Scene {
  const name = rng.chance(0.7) ? brand(rng) : `${cap(brand(rng))} ${rng.pick(['Coffee', 'Bank', 'Studio', 'Books', 'Health', 'Travel', 'Foods'])}`;
  const display = rng.pick([name, name.toUpperCase(), name.toLowerCase()]);
  const lineHeight = rng.int(48, 160);
  const withGlyph = rng.chance(0.5);
  const fs = Math.round(lineHeight * rng.float(0.38, 0.55));
  const textW = display.length * fs * 0.68;
  const width = Math.max(96, Math.min(1200, Math.round(textW + (withGlyph ? fs * 1.6 : 0) + lineHeight * 0.5)));
  // No wider than 4:1: long names get a taller canvas around the same line.
  const height = Math.max(lineHeight, Math.ceil(width / 4));
  const color = brandColor(rng);
  const glyph = withGlyph ? `<div style="margin-right:${Math.round(fs * 0.3)}px">${glyphSvg(rng.pick(GLYPH_NAMES), Math.round(fs * 1.2), rng.chance(0.5) ? color : brandColor(rng))}</div>` : '';
  const tagline = rng.chance(0.25) && height > 90 ? `<div style="font-size:${Math.max(9, Math.round(fs * 0.3))}px;letter-spacing:2px;color:#555;font-weight:normal">${esc(rng.pick(['SINCE 1998', 'EST 2012', 'GOOD THINGS', 'MADE LOCAL']))}</div>` : '';
  const family = font(rng, rng.pick(['sans', 'serif'] as const));
  return frame(
    { width, height, background: logoBackground(rng), color, fontFamily: family, style: 'display:flex;align-items:center;justify-content:center' },
    `${glyph}<div style="text-align:left"><div style="font-size:${fs}px;font-weight:${rng.pick(['bold', 'bold', 'normal'])};letter-spacing:${rng.pick([-1, 0, 1, 2])}px;line-height:1.1">${esc(display)}</div>${tagline}</div>`,
  );
}

function emblem(rng: Rng): Scene {
  const name = brand(rng);
  const initials = (name.slice(0, 1) + (rng.chance(0.6) ? name.slice(1).replace(/[^A-Z]/g, '').slice(0, 1) || name.slice(-1).toUpperCase() : '')).toUpperCase();
  const side = rng.int(96, 320);
  const color = brandColor(rng);
  const shape = rng.pick(['circle', 'shield', 'ring', 'hexagon']);
  const fs = Math.round(side * (initials.length > 1 ? 0.3 : 0.4));
  const showName = rng.chance(0.4);
  const height = showName ? Math.round(side * 1.3) : side;
  const nameFs = fitFont(name, side * 0.95, 9, Math.round(side * 0.14));
  const shapes: Record<string, string> = {
    circle: `<circle cx="50" cy="50" r="48" fill="${color}"/>`,
    ring: `<circle cx="50" cy="50" r="45" fill="#ffffff" stroke="${color}" stroke-width="6"/>`,
    shield: `<path d="M50 3L93 16v30c0 27-19 43-43 51C26 89 7 73 7 46V16z" fill="${color}"/>`,
    hexagon: `<path d="M50 2l42 24v48L50 98 8 74V26z" fill="${color}"/>`,
  };
  const fg = shape === 'ring' ? color : '#ffffff';
  return frame(
    { width: side, height, background: logoBackground(rng), color, fontFamily: font(rng, rng.pick(['sans', 'serif'] as const)) },
    `<div style="position:relative;width:${side}px;height:${side}px"><svg width="${side}" height="${side}" viewBox="0 0 100 100" style="position:absolute;inset:0">${shapes[shape]}</svg><div style="position:absolute;inset:0;display:flex;align-items:center;justify-content:center;font-weight:bold;font-size:${fs}px;color:${fg}">${esc(initials)}</div></div>${showName ? `<div style="text-align:center;font-size:${nameFs}px;font-weight:bold;margin-top:${Math.round(side * 0.04)}px">${esc(name)}</div>` : ''}`,
  );
}

function appIcon(rng: Rng): Scene {
  const side = rng.int(96, 256);
  const h = rng.int(0, 359);
  const bg = rng.chance(0.5) ? `linear-gradient(${rng.int(0, 360)}deg, ${hsl(h, 75, 55)}, ${hsl((h + 40) % 360, 75, 40)})` : brandColor(rng);
  const radius = Math.round(side * rng.float(0.18, 0.26));
  return frame(
    { width: side, height: side, background: 'transparent', style: 'display:flex;align-items:center;justify-content:center' },
    `<div style="width:${side}px;height:${side}px;border-radius:${radius}px;background:${bg};display:flex;align-items:center;justify-content:center">${glyphSvg(rng.pick(GLYPH_NAMES), Math.round(side * 0.55), '#ffffff')}</div>`,
  );
}

function iconGrid(rng: Rng): Scene {
  const cols = rng.int(2, 6);
  const rows = rng.int(1, 4);
  const cell = rng.int(28, 72);
  const gap = Math.round(cell * rng.float(0.2, 0.6));
  const width = Math.max(96, cols * cell + (cols + 1) * gap);
  const height = rows * cell + (rows + 1) * gap;
  const mono = rng.chance(0.5) ? brandColor(rng) : null;
  const bg = rng.pick(['#ffffff', '#f8fafc', '#111827', rng.pick(PALE)]);
  const onDark = bg === '#111827';
  const icons = Array.from({ length: cols * rows }, () => glyphSvg(rng.pick(GLYPH_NAMES), Math.round(cell * 0.8), mono ?? (onDark ? hsl(rng.int(0, 359), 70, 70) : brandColor(rng))));
  return frame(
    { width, height, background: bg, style: `display:grid;grid-template-columns:repeat(${cols},${cell}px);gap:${gap}px;padding:${gap}px;justify-content:center;align-content:center;place-items:center` },
    icons.join(''),
  );
}

function smallIcon(rng: Rng): Scene {
  const side = rng.pick([16, 20, 24, 32, 40, 48, 64]);
  const framed = rng.chance(0.4);
  const color = brandColor(rng);
  const inner = framed
    ? `<div style="width:${side}px;height:${side}px;border-radius:${rng.pick([side / 2, side * 0.2, 0])}px;background:${color};display:flex;align-items:center;justify-content:center">${glyphSvg(rng.pick(GLYPH_NAMES), Math.round(side * 0.65), '#ffffff')}</div>`
    : glyphSvg(rng.pick(GLYPH_NAMES), side, color);
  return frame({ width: side, height: side, background: rng.pick(['transparent', 'transparent', '#ffffff']) }, inner);
}

function favicon(rng: Rng): Scene {
  const side = rng.pick([16, 32, 48, 64, 96]);
  const letter = brand(rng).slice(0, 1).toUpperCase();
  const color = brandColor(rng);
  const useLetter = side >= 32 && rng.chance(0.6);
  const inner = useLetter
    ? `<div style="width:${side}px;height:${side}px;border-radius:${rng.pick([0, side * 0.2, side / 2])}px;background:${color};color:#ffffff;display:flex;align-items:center;justify-content:center;font-weight:bold;font-size:${Math.round(side * 0.62)}px;line-height:1">${letter}</div>`
    : `<div style="width:${side}px;height:${side}px;background:${color};display:flex;align-items:center;justify-content:center">${glyphSvg(rng.pick(GLYPH_NAMES), Math.round(side * 0.75), '#ffffff')}</div>`;
  return frame({ width: side, height: side, background: 'transparent', fontFamily: font(rng, 'sans') }, inner);
}

export const LOGOS: SceneFamily = {
  wordmark,
  emblem,
  'app-icon': appIcon,
  'icon-grid': iconGrid,
  'small-icon': smallIcon,
  favicon,
};
