/**
 * Illustrations without any text: gradients, geometric patterns, blobs,
 * flat landscapes, abstract compositions, cartoon characters made of
 * shapes, and noise textures. All SVG (or CSS gradients).
 */
import type { Rng } from './rng';
import { frame, hsl, size, type Scene, type SceneFamily } from './scene';

function svgScene(width: number, height: number, background: string, inner: string): Scene {
  return frame({ width, height, background }, `<svg width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" style="display:block">${inner}</svg>`);
}

function hues(rng: Rng, n: number): number[] {
  const base = rng.int(0, 359);
  const spread = rng.pick([20, 35, 120, 150, 180]);
  return Array.from({ length: n }, (_, i) => (base + i * spread + rng.int(-10, 10) + 360) % 360);
}

function gradient(rng: Rng): Scene {
  const { width, height } = size(rng, 120, 1200, 0.25, 4);
  const [a = 0, b = 0, c = 0] = hues(rng, 3);
  const kind = rng.pick(['linear', 'radial', 'conic', 'mesh']);
  const bg =
    kind === 'linear' ? `linear-gradient(${rng.int(0, 360)}deg, ${hsl(a, 80, 60)}, ${hsl(b, 75, 50)}${rng.chance(0.5) ? `, ${hsl(c, 70, 40)}` : ''})`
    : kind === 'radial' ? `radial-gradient(circle at ${rng.int(0, 100)}% ${rng.int(0, 100)}%, ${hsl(a, 85, 70)}, ${hsl(b, 70, 35)})`
    : kind === 'conic' ? `conic-gradient(from ${rng.int(0, 360)}deg, ${hsl(a, 80, 60)}, ${hsl(b, 80, 55)}, ${hsl(c, 80, 50)}, ${hsl(a, 80, 60)})`
    : `radial-gradient(at 20% 30%, ${hsl(a, 80, 65)} 0, transparent 55%), radial-gradient(at 80% 70%, ${hsl(b, 80, 60)} 0, transparent 55%), ${hsl(c, 60, 30)}`;
  return frame({ width, height, background: bg }, '');
}

function pattern(rng: Rng): Scene {
  const { width, height } = size(rng, 120, 1000, 0.3, 3.5);
  const [a = 0, b = 0] = hues(rng, 2);
  const cell = rng.int(12, 60);
  const fg = hsl(a, 70, rng.int(35, 60));
  const bg = hsl(b, 50, rng.int(85, 96));
  const kind = rng.pick(['dots', 'stripes', 'checks', 'triangles', 'waves', 'hex']);
  const shapes: Record<string, string> = {
    dots: `<circle cx="${cell / 2}" cy="${cell / 2}" r="${cell * rng.float(0.15, 0.35)}" fill="${fg}"/>`,
    stripes: `<rect width="${cell / 2}" height="${cell}" fill="${fg}"/>`,
    checks: `<rect width="${cell / 2}" height="${cell / 2}" fill="${fg}"/><rect x="${cell / 2}" y="${cell / 2}" width="${cell / 2}" height="${cell / 2}" fill="${fg}"/>`,
    triangles: `<path d="M0 ${cell}L${cell / 2} 0L${cell} ${cell}z" fill="${fg}"/>`,
    waves: `<path d="M0 ${cell / 2}Q${cell / 4} 0 ${cell / 2} ${cell / 2}T${cell} ${cell / 2}" fill="none" stroke="${fg}" stroke-width="${Math.max(2, cell / 8)}"/>`,
    hex: `<path d="M${cell / 2} 2L${cell - 2} ${cell / 4}V${(cell * 3) / 4}L${cell / 2} ${cell - 2}L2 ${(cell * 3) / 4}V${cell / 4}z" fill="none" stroke="${fg}" stroke-width="2"/>`,
  };
  const rot = rng.pick([0, 0, 45, 30, -20]);
  return svgScene(width, height, bg, `<defs><pattern id="p" width="${cell}" height="${cell}" patternUnits="userSpaceOnUse" patternTransform="rotate(${rot})">${shapes[kind]}</pattern></defs><rect width="100%" height="100%" fill="url(#p)"/>`);
}

function blobPath(rng: Rng, cx: number, cy: number, r: number): string {
  const n = rng.int(5, 9);
  const pts = Array.from({ length: n }, (_, i) => {
    const a = (i / n) * Math.PI * 2;
    const k = r * rng.float(0.65, 1.15);
    return [cx + Math.cos(a) * k, cy + Math.sin(a) * k] as const;
  });
  let d = '';
  for (let i = 0; i < n; i++) {
    const p0 = pts[i] as readonly [number, number];
    const p1 = pts[(i + 1) % n] as readonly [number, number];
    const mx = (p0[0] + p1[0]) / 2;
    const my = (p0[1] + p1[1]) / 2;
    d += i === 0 ? `M${mx.toFixed(1)},${my.toFixed(1)}` : `Q${p0[0].toFixed(1)},${p0[1].toFixed(1)} ${mx.toFixed(1)},${my.toFixed(1)}`;
  }
  const p0 = pts[0] as readonly [number, number];
  const p1 = pts[1] as readonly [number, number];
  return `${d}Q${p0[0].toFixed(1)},${p0[1].toFixed(1)} ${((p0[0] + p1[0]) / 2).toFixed(1)},${((p0[1] + p1[1]) / 2).toFixed(1)}Z`;
}

function blobs(rng: Rng): Scene {
  const { width, height } = size(rng, 120, 1000, 0.4, 3);
  const hs = hues(rng, 4);
  const out = Array.from({ length: rng.int(2, 6) }, (_, i) => `<path d="${blobPath(rng, rng.float(0, width), rng.float(0, height), rng.float(0.2, 0.5) * Math.min(width, height))}" fill="${hsl(hs[i % hs.length] ?? 0, 75, rng.int(50, 70))}" fill-opacity="${rng.float(0.6, 0.95).toFixed(2)}"/>`);
  return svgScene(width, height, hsl(hs[0] ?? 0, 40, rng.chance(0.5) ? 95 : 15), out.join(''));
}

function landscape(rng: Rng): Scene {
  const { width, height } = size(rng, 200, 1200, 1.0, 3.2);
  const night = rng.chance(0.25);
  const sky = night ? `linear-gradient(${hsl(230, 50, 12)}, ${hsl(250, 40, 28)})` : `linear-gradient(${hsl(rng.int(190, 210), 70, 70)}, ${hsl(rng.int(20, 50), 80, 85)})`;
  const out: string[] = [];
  out.push(`<circle cx="${rng.float(0.1, 0.9) * width}" cy="${rng.float(0.12, 0.35) * height}" r="${Math.min(width, height) * rng.float(0.06, 0.12)}" fill="${night ? '#f5f3ce' : '#ffd34d'}"/>`);
  if (night) for (let i = 0; i < 30; i++) out.push(`<circle cx="${rng.float(0, width)}" cy="${rng.float(0, height * 0.5)}" r="${rng.float(0.6, 1.6)}" fill="#fff"/>`);
  else for (let i = 0; i < rng.int(1, 3); i++) {
    const x = rng.float(0, width);
    const y = rng.float(0.08, 0.3) * height;
    const s = Math.min(width, height) * 0.05;
    out.push(`<g fill="#ffffff" fill-opacity="0.9"><circle cx="${x}" cy="${y}" r="${s}"/><circle cx="${x + s}" cy="${y - s * 0.4}" r="${s * 1.2}"/><circle cx="${x + s * 2.1}" cy="${y}" r="${s}"/></g>`);
  }
  const layers = rng.int(2, 4);
  const gh = rng.int(90, 140);
  for (let l = 0; l < layers; l++) {
    const base = height * (0.5 + (l * 0.4) / layers);
    const amp = height * rng.float(0.05, 0.15);
    let d = `M0,${height}L0,${base}`;
    const steps = 6;
    for (let i = 1; i <= steps; i++) d += `Q${((i - 0.5) / steps) * width},${base - amp * rng.float(-0.5, 1.6)} ${(i / steps) * width},${base + rng.float(-amp, amp) * 0.3}`;
    out.push(`<path d="${d}L${width},${height}Z" fill="${hsl(gh + l * 8, 45, night ? 12 + l * 6 : 55 - l * 10)}"/>`);
  }
  for (let i = 0; i < rng.int(0, 7); i++) {
    const x = rng.float(0.02, 0.98) * width;
    const y = height * rng.float(0.75, 0.95);
    const s = height * rng.float(0.06, 0.14);
    out.push(`<rect x="${x - s * 0.08}" y="${y - s * 0.4}" width="${s * 0.16}" height="${s * 0.5}" fill="#6b4423"/>`, rng.chance(0.5) ? `<path d="M${x},${y - s * 1.5}L${x + s * 0.45},${y - s * 0.35}H${x - s * 0.45}z" fill="${hsl(130, 45, night ? 15 : 28)}"/>` : `<circle cx="${x}" cy="${y - s * 0.8}" r="${s * 0.45}" fill="${hsl(110, 50, night ? 18 : 35)}"/>`);
  }
  return frame({ width, height, background: sky }, `<svg width="${width}" height="${height}" style="display:block">${out.join('')}</svg>`);
}

function abstractArt(rng: Rng): Scene {
  const { width, height } = size(rng, 150, 1000, 0.5, 2.5);
  const hs = hues(rng, 5);
  const bg = rng.pick(['#f4efe6', '#111111', '#fafafa', hsl(hs[0] ?? 0, 30, 90)]);
  const out: string[] = [];
  for (let i = 0; i < rng.int(5, 16); i++) {
    const color = rng.chance(0.15) ? '#111111' : hsl(rng.pick(hs), rng.int(55, 90), rng.int(40, 65));
    const s = rng.float(0.05, 0.4) * Math.min(width, height);
    const x = rng.float(-0.1, 0.9) * width;
    const y = rng.float(-0.1, 0.9) * height;
    out.push(rng.pick([
      `<circle cx="${x}" cy="${y}" r="${s / 2}" fill="${color}"/>`,
      `<rect x="${x}" y="${y}" width="${s}" height="${s * rng.float(0.3, 2)}" fill="${color}" transform="rotate(${rng.int(-30, 30)} ${x} ${y})"/>`,
      `<path d="M${x},${y}L${x + s},${y + s * 0.2}L${x + s * 0.4},${y + s}z" fill="${color}"/>`,
      `<path d="M${x},${y}Q${x + s},${y - s} ${x + s * 2},${y}" fill="none" stroke="${color}" stroke-width="${rng.int(3, 12)}" stroke-linecap="round"/>`,
      `<path d="M${x - s / 2},${y}A${s / 2},${s / 2} 0 0 1 ${x + s / 2},${y}z" fill="${color}"/>`,
    ]));
  }
  return svgScene(width, height, bg, out.join(''));
}

function character(rng: Rng): Scene {
  const { width, height } = size(rng, 120, 600, 0.6, 1.5);
  const s = Math.min(width, height);
  const cx = width / 2;
  const cy = height / 2;
  const body = hsl(rng.int(0, 359), 70, 60);
  const bg = hsl(rng.int(0, 359), 50, 92);
  const r = s * 0.3;
  const kind = rng.pick(['round', 'cat', 'robot', 'bear']);
  const eye = (x: number, y: number) => `<circle cx="${x}" cy="${y}" r="${r * 0.16}" fill="#fff"/><circle cx="${x + r * 0.04}" cy="${y + r * 0.03}" r="${r * 0.08}" fill="#111"/>`;
  const out: string[] = [`<ellipse cx="${cx}" cy="${cy + r * 1.05}" rx="${r * 0.9}" ry="${r * 0.12}" fill="#000" fill-opacity="0.12"/>`];
  if (kind === 'robot') {
    out.push(`<line x1="${cx}" y1="${cy - r * 1.2}" x2="${cx}" y2="${cy - r * 0.8}" stroke="#555" stroke-width="3"/><circle cx="${cx}" cy="${cy - r * 1.25}" r="${r * 0.1}" fill="#ef4444"/>`);
    out.push(`<rect x="${cx - r}" y="${cy - r * 0.8}" width="${r * 2}" height="${r * 1.7}" rx="${r * 0.25}" fill="${body}"/>`);
    out.push(`<rect x="${cx - r * 0.5}" y="${cy + r * 0.35}" width="${r}" height="${r * 0.2}" rx="4" fill="#333"/>`);
  } else {
    if (kind === 'cat') out.push(`<path d="M${cx - r * 0.9},${cy - r * 0.4}L${cx - r * 0.7},${cy - r * 1.2}L${cx - r * 0.2},${cy - r * 0.85}z" fill="${body}"/><path d="M${cx + r * 0.9},${cy - r * 0.4}L${cx + r * 0.7},${cy - r * 1.2}L${cx + r * 0.2},${cy - r * 0.85}z" fill="${body}"/>`);
    if (kind === 'bear') out.push(`<circle cx="${cx - r * 0.75}" cy="${cy - r * 0.75}" r="${r * 0.32}" fill="${body}"/><circle cx="${cx + r * 0.75}" cy="${cy - r * 0.75}" r="${r * 0.32}" fill="${body}"/>`);
    out.push(`<circle cx="${cx}" cy="${cy}" r="${r}" fill="${body}"/>`);
    out.push(`<path d="M${cx - r * 0.35},${cy + r * 0.35}Q${cx},${cy + r * 0.65} ${cx + r * 0.35},${cy + r * 0.35}" fill="none" stroke="#222" stroke-width="${Math.max(2, r * 0.06)}" stroke-linecap="round"/>`);
    if (rng.chance(0.6)) out.push(`<circle cx="${cx - r * 0.6}" cy="${cy + r * 0.2}" r="${r * 0.12}" fill="#f472b6" fill-opacity="0.6"/><circle cx="${cx + r * 0.6}" cy="${cy + r * 0.2}" r="${r * 0.12}" fill="#f472b6" fill-opacity="0.6"/>`);
  }
  out.push(eye(cx - r * 0.38, cy - r * 0.15), eye(cx + r * 0.38, cy - r * 0.15));
  return svgScene(width, height, bg, out.join(''));
}

function noise(rng: Rng): Scene {
  const { width, height } = size(rng, 100, 900, 0.4, 3);
  const h = rng.int(0, 359);
  const freq = rng.float(0.005, 0.09).toFixed(3);
  const kind = rng.pick(['turbulence', 'fractalNoise']);
  return svgScene(width, height, hsl(h, 40, 50),
    `<filter id="n"><feTurbulence type="${kind}" baseFrequency="${freq}" numOctaves="${rng.int(1, 5)}" seed="${rng.int(1, 9999)}"/><feColorMatrix type="matrix" values="${rng.float(0.3, 1).toFixed(2)} 0 0 0 ${rng.float(0, 0.3).toFixed(2)}  0 ${rng.float(0.3, 1).toFixed(2)} 0 0 ${rng.float(0, 0.3).toFixed(2)}  0 0 ${rng.float(0.3, 1).toFixed(2)} 0 ${rng.float(0, 0.3).toFixed(2)}  0 0 0 0 1"/></filter><rect width="100%" height="100%" filter="url(#n)"/>`);
}

export const ILLUSTRATIONS: SceneFamily = {
  gradient,
  pattern,
  blobs,
  landscape,
  abstract: abstractArt,
  character,
  texture: noise,
};
