/**
 * Charts and diagrams: bar, grouped bar, line, area, pie/donut, scatter,
 * flowchart, org chart, data table and a map-like diagram. SVG except the
 * table; every label is a separate <text> in reading order.
 */
import type { Rng } from './rng';
import { CITIES, DAYS, FIRST_NAMES, LAST_NAMES, MONTHS, NOUNS, VERBS, cap, heading } from './words';
import { esc, fitFont, font, frame, palette, size, textWidth, type Palette, type Scene, type SceneFamily } from './scene';

interface Canvas {
  width: number;
  height: number;
  p: Palette;
  family: string;
  fs: number;
  title: string;
  titleFs: number;
}

function canvas(rng: Rng, lo = 280, hi = 1000, aLo = 0.9, aHi = 2.2): Canvas {
  const { width, height } = size(rng, lo, hi, aLo, aHi);
  const p = palette(rng, 0.2);
  const family = font(rng, rng.chance(0.8) ? 'sans' : 'serif');
  const fs = Math.round(Math.max(10, Math.min(16, width / 42)));
  const title = heading(rng);
  const titleFs = Math.min(Math.round(fs * rng.float(1.25, 1.7)), fitFont(title, width - 24, 10, 30));
  return { width, height, p, family, fs, title, titleFs };
}

function text(x: number, y: number, s: string, size: number, fill: string, extra = ''): string {
  return `<text x="${x.toFixed(1)}" y="${y.toFixed(1)}" font-size="${size}" fill="${fill}" ${extra}>${esc(s)}</text>`;
}

function svg(c: Canvas, inner: string, rng: Rng): Scene {
  const titleAlign = rng.chance(0.6) ? 'start' : 'middle';
  const tx = titleAlign === 'start' ? 12 : c.width / 2;
  const head = text(tx, c.titleFs + 8, c.title, c.titleFs, c.p.fg, `font-weight="bold" text-anchor="${titleAlign}"`);
  return frame(
    { width: c.width, height: c.height, background: c.p.bg, color: c.p.fg, fontFamily: c.family },
    `<svg width="${c.width}" height="${c.height}" font-family="${c.family.replace(/"/g, "'")}" style="display:block">${head}${inner}</svg>`,
  );
}

/** A round axis maximum and its tick step. */
function niceScale(max: number): { top: number; step: number } {
  const raw = max / 4;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  return { top: Math.ceil(max / step) * step, step };
}

function formatTick(v: number, unit: string): string {
  const n = v >= 1000 ? v.toLocaleString('en-US') : String(Math.round(v * 10) / 10);
  return unit === '$' ? `$${n}` : unit === '%' ? `${n}%` : n;
}

function categories(rng: Rng, max: number): string[] {
  const source = rng.pick([MONTHS, DAYS, CITIES, FIRST_NAMES, ['North', 'South', 'East', 'West', 'Central'], ['Q1', 'Q2', 'Q3', 'Q4']] as const);
  const n = Math.max(2, Math.min(max, source.length, rng.int(3, 8)));
  if (source === MONTHS || source === DAYS || source[0] === 'Q1') {
    const start = rng.int(0, source.length - n);
    return source.slice(start, start + n);
  }
  return rng.sample(source, n);
}

function seriesNames(rng: Rng, n: number): string[] {
  const sets = [['2024', '2025', '2026'], ['Online', 'Store', 'Phone'], ['Actual', 'Target', 'Forecast'], ['Men', 'Women', 'Kids'], ['Plan', 'Result', 'Budget']];
  return rng.pick(sets).slice(0, n);
}

function legend(c: Canvas, names: string[], colors: string[], x0: number, y: number): { svg: string; height: number } {
  let x = x0;
  let row = y;
  const out: string[] = [];
  for (const [i, name] of names.entries()) {
    const w = 14 + textWidth(name, c.fs) + 16;
    if (x + w > c.width - 8 && x > x0) {
      x = x0;
      row += c.fs + 8;
    }
    out.push(`<rect x="${x}" y="${row - c.fs + 2}" width="10" height="10" fill="${colors[i]}"/>`, text(x + 14, row, name, c.fs, c.p.fg));
    x += w;
  }
  return { svg: out.join(''), height: row - y + c.fs + 8 };
}

interface Axes {
  left: number;
  top: number;
  right: number;
  bottom: number;
  svg: string;
  /** The x-axis label, drawn under the category labels. */
  xLabelSvg: string;
  /** The axis maximum the values are scaled to. */
  yTop: number;
}

/** Y ticks with grid lines, the rotated y label and the x label; returns the plot box. */
function axes(c: Canvas, rng: Rng, top: number, ymax: number, unit: string, xLabel: string | null): Axes {
  const { top: yTop, step } = niceScale(ymax);
  const ticks: number[] = [];
  for (let v = 0; v <= yTop + 1e-9; v += step) ticks.push(v);
  const tickW = Math.max(...ticks.map((t) => textWidth(formatTick(t, unit), c.fs * 0.9, 0.6)));
  const yLabel = rng.chance(0.7) ? cap(rng.pick(NOUNS)) + (unit === '$' ? ' ($)' : unit === '%' ? ' (%)' : '') : null;
  const left = (yLabel ? c.fs * 1.8 : 6) + tickW + 8;
  const bottom = c.height - (xLabel ? c.fs * 3.2 : c.fs * 1.9);
  const right = c.width - 14;
  const out: string[] = [];
  if (yLabel) out.push(text(c.fs * 1.1, (top + bottom) / 2, yLabel, c.fs, c.p.muted, `text-anchor="middle" transform="rotate(-90 ${c.fs * 1.1} ${(top + bottom) / 2})"`));
  for (const t of [...ticks].reverse()) {
    const y = bottom - (t / yTop) * (bottom - top);
    out.push(`<line x1="${left}" x2="${right}" y1="${y}" y2="${y}" stroke="${c.p.muted}" stroke-opacity="0.25"/>`);
    out.push(text(left - 6, y + c.fs * 0.3, formatTick(t, unit), Math.round(c.fs * 0.9), c.p.muted, 'text-anchor="end"'));
  }
  out.push(`<line x1="${left}" x2="${right}" y1="${bottom}" y2="${bottom}" stroke="${c.p.muted}"/>`);
  const xl = xLabel ? text((left + right) / 2, c.height - c.fs * 0.6, xLabel, c.fs, c.p.muted, 'text-anchor="middle"') : '';
  return { left, top, right, bottom, svg: out.join(''), yTop, xLabelSvg: xl };
}

function xLabelFor(rng: Rng, cats: string[]): string | null {
  if (!rng.chance(0.6)) return null;
  if (MONTHS.includes(cats[0] as (typeof MONTHS)[number])) return 'Month';
  if (DAYS.includes(cats[0] as (typeof DAYS)[number])) return 'Day';
  if (CITIES.includes(cats[0] as (typeof CITIES)[number])) return 'City';
  return cap(rng.pick(['region', 'team', 'quarter', 'group']));
}

function bars(rng: Rng, grouped: boolean): Scene {
  const c = canvas(rng);
  const nSeries = grouped ? rng.int(2, 3) : 1;
  const maxCats = Math.floor((c.width - 80) / Math.max(c.fs * 4, nSeries * 14 + 10));
  const cats = categories(rng, Math.max(2, Math.min(8, maxCats)));
  const names = seriesNames(rng, nSeries);
  const colors = rng.shuffle(c.p.series).slice(0, nSeries);
  const unit = rng.pick(['', '$', '%', '']);
  const ymax = unit === '%' ? rng.int(40, 100) : rng.pick([10, 50, 120, 800, 2500, 12000]);
  const values = cats.map(() => names.map(() => rng.float(0.15, 1) * ymax));
  let top = c.titleFs + 20;
  let leg = '';
  if (grouped || rng.chance(0.2)) {
    const l = legend(c, names, colors, 12, top + c.fs);
    leg = l.svg;
    top += l.height + 4;
  }
  const xLabel = xLabelFor(rng, cats);
  const ax = axes(c, rng, top + 6, Math.max(...values.flat()), unit, xLabel);
  const slot = (ax.right - ax.left) / cats.length;
  const barW = Math.min(60, (slot * 0.7) / nSeries);
  const showValues = !grouped && rng.chance(0.4) && slot > c.fs * 3.5;
  const out: string[] = [ax.svg];
  // Bars with their value labels left to right, then the category axis: the order a reader takes.
  cats.forEach((_cat, i) => {
    const x0 = ax.left + slot * i + (slot - barW * nSeries) / 2;
    values[i]?.forEach((v, s) => {
      const h = (v / ax.yTop) * (ax.bottom - ax.top);
      out.push(`<rect x="${x0 + s * barW}" y="${ax.bottom - h}" width="${barW - 1}" height="${h}" fill="${colors[s]}" rx="${rng.chance(0.3) ? 3 : 0}"/>`);
      if (showValues) out.push(text(x0 + barW / 2, ax.bottom - h - 4, formatTick(Math.round(v), unit), Math.round(c.fs * 0.85), c.p.fg, 'text-anchor="middle"'));
    });
  });
  cats.forEach((cat, i) => out.push(text(ax.left + slot * (i + 0.5), ax.bottom + c.fs * 1.3, cat, c.fs, c.p.fg, 'text-anchor="middle"')));
  return svg(c, leg + out.join('') + ax.xLabelSvg, rng);
}

function lines(rng: Rng, area: boolean): Scene {
  const c = canvas(rng);
  const nSeries = area ? rng.int(1, 2) : rng.int(1, 3);
  const cats = rng.chance(0.7) ? MONTHS.slice(0, rng.int(5, 12)) : DAYS.slice();
  const names = seriesNames(rng, nSeries);
  const colors = rng.shuffle(c.p.series).slice(0, nSeries);
  const unit = rng.pick(['', '$', '%']);
  const ymax = unit === '%' ? 100 : rng.pick([20, 300, 5000, 40000]);
  const values = names.map(() => {
    let v = rng.float(0.2, 0.6) * ymax;
    return cats.map(() => (v = Math.max(ymax * 0.05, Math.min(ymax, v + rng.float(-0.2, 0.22) * ymax))));
  });
  let top = c.titleFs + 20;
  let leg = '';
  if (nSeries > 1 || rng.chance(0.3)) {
    const l = legend(c, names, colors, 12, top + c.fs);
    leg = l.svg;
    top += l.height + 4;
  }
  const ax = axes(c, rng, top + 6, Math.max(...values.flat()), unit, rng.chance(0.5) ? (cats.length === 7 ? 'Day' : 'Month') : null);
  const stepX = (ax.right - ax.left - 20) / (cats.length - 1);
  const every = textWidth('Mmm', c.fs) + 8 > stepX ? 2 : 1;
  const out: string[] = [ax.svg];
  values.forEach((vals, s) => {
    const pts = vals.map((v, i) => [ax.left + 10 + i * stepX, ax.bottom - (v / ax.yTop) * (ax.bottom - ax.top)] as const);
    const d = pts.map(([x, y], i) => `${i ? 'L' : 'M'}${x.toFixed(1)},${y.toFixed(1)}`).join('');
    if (area) out.push(`<path d="${d}L${pts[pts.length - 1]?.[0]},${ax.bottom}L${pts[0]?.[0]},${ax.bottom}Z" fill="${colors[s]}" fill-opacity="${nSeries > 1 ? 0.45 : 0.6}"/>`);
    out.push(`<path d="${d}" fill="none" stroke="${colors[s]}" stroke-width="${rng.int(2, 3)}"/>`);
    if (!area && rng.chance(0.5)) for (const [x, y] of pts) out.push(`<circle cx="${x}" cy="${y}" r="3" fill="${colors[s]}"/>`);
  });
  cats.forEach((cat, i) => {
    if (i % every === 0) out.push(text(ax.left + 10 + i * stepX, ax.bottom + c.fs * 1.3, cat, c.fs, c.p.fg, 'text-anchor="middle"'));
  });
  return svg(c, leg + out.join('') + ax.xLabelSvg, rng);
}

function pie(rng: Rng): Scene {
  const c = canvas(rng, 260, 900, 1.1, 2.2);
  const n = rng.int(3, 6);
  const labels = rng.sample([...CITIES.slice(0, 8), 'Mobile', 'Desktop', 'Tablet', 'Email', 'Search', 'Social', 'Direct', 'Other'], n);
  const raw = labels.map(() => rng.float(1, 5));
  const sum = raw.reduce((a, b) => a + b, 0);
  const pct = raw.map((v) => Math.round((v / sum) * 100));
  const colors = rng.shuffle(c.p.series).slice(0, n);
  const top = c.titleFs + 24;
  const legendW = Math.max(...labels.map((l, i) => textWidth(`${l} ${pct[i]}%`, c.fs))) + 30;
  const r = Math.max(20, Math.min((c.height - top - 14) / 2, (c.width - legendW - 40) / 2));
  const cx = 20 + r;
  const cy = top + (c.height - top) / 2 - 4;
  const donut = rng.chance(0.5);
  const out: string[] = [];
  let a = -Math.PI / 2;
  raw.forEach((v, i) => {
    const b = a + (v / sum) * Math.PI * 2;
    const large = b - a > Math.PI ? 1 : 0;
    out.push(`<path d="M${cx},${cy}L${cx + r * Math.cos(a)},${cy + r * Math.sin(a)}A${r},${r} 0 ${large} 1 ${cx + r * Math.cos(b)},${cy + r * Math.sin(b)}Z" fill="${colors[i]}" stroke="${c.p.bg}" stroke-width="2"/>`);
    a = b;
  });
  if (donut) out.push(`<circle cx="${cx}" cy="${cy}" r="${r * 0.55}" fill="${c.p.bg}"/>`);
  const lx = cx + r + 24;
  const ly0 = cy - (n * (c.fs + 10)) / 2 + c.fs;
  labels.forEach((l, i) => {
    const y = ly0 + i * (c.fs + 10);
    out.push(`<rect x="${lx}" y="${y - c.fs + 2}" width="12" height="12" rx="2" fill="${colors[i]}"/>`, text(lx + 18, y, `${l} ${pct[i]}%`, c.fs, c.p.fg));
  });
  return svg(c, out.join(''), rng);
}

function scatter(rng: Rng): Scene {
  const c = canvas(rng, 280, 900, 0.9, 1.8);
  const top = c.titleFs + 24;
  const xName = cap(rng.pick(NOUNS));
  const ax = axes(c, rng, top, rng.pick([10, 60, 400, 9000]), '', xName);
  const xmax = rng.pick([10, 50, 100, 1000]);
  const n = rng.int(15, 80);
  const slope = rng.float(-0.8, 0.9);
  const color = rng.pick(c.p.series);
  const out: string[] = [ax.svg];
  for (let i = 0; i < n; i++) {
    const fx = rng.next();
    const fy = Math.max(0.02, Math.min(0.98, 0.5 + slope * (fx - 0.5) + rng.float(-0.25, 0.25)));
    out.push(`<circle cx="${ax.left + 6 + fx * (ax.right - ax.left - 12)}" cy="${ax.bottom - fy * (ax.bottom - ax.top)}" r="${rng.int(2, 5)}" fill="${color}" fill-opacity="0.75"/>`);
  }
  if (rng.chance(0.4)) out.push(`<line x1="${ax.left}" x2="${ax.right}" y1="${ax.bottom - (0.5 - slope / 2) * (ax.bottom - ax.top)}" y2="${ax.bottom - (0.5 + slope / 2) * (ax.bottom - ax.top)}" stroke="${c.p.muted}" stroke-dasharray="5 4"/>`);
  const xt = 4;
  for (let i = 0; i <= xt; i++) out.push(text(ax.left + 6 + (i / xt) * (ax.right - ax.left - 12), ax.bottom + c.fs * 1.3, String((xmax / xt) * i), Math.round(c.fs * 0.9), c.p.muted, 'text-anchor="middle"'));
  return svg(c, out.join('') + ax.xLabelSvg, rng);
}

function stepLabel(rng: Rng): string {
  return rng.pick([
    () => `${cap(rng.pick(VERBS))} ${rng.pick(NOUNS)}`,
    () => `${cap(rng.pick(NOUNS))} ${rng.pick(['check', 'review', 'update', 'sync', 'export'])}`,
    () => cap(rng.pick(['approve', 'deploy', 'test', 'ship', 'archive', 'notify', 'pay', 'sign'])),
  ])();
}

function flowchart(rng: Rng): Scene {
  const vertical = rng.chance(0.5);
  const n = rng.int(3, 6);
  const c = vertical ? canvas(rng, 260, 700, 0.5, 1.0) : canvas(rng, 480, 1200, 1.8, 3.6);
  const labels = ['Start', ...Array.from({ length: n - 2 }, () => stepLabel(rng)), rng.pick(['End', 'Done', 'Finish'])];
  const top = c.titleFs + 24;
  const out: string[] = [`<defs><marker id="ah" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" orient="auto"><path d="M0,0L10,5L0,10Z" fill="${c.p.muted}"/></marker></defs>`];
  const boxFill = rng.chance(0.5) ? c.p.surface : c.p.bg;
  const stroke = rng.pick(c.p.series);
  const availMain = vertical ? c.height - top - 10 : c.width - 20;
  const slot = availMain / n;
  const boxMain = slot * 0.62;
  const boxCross = vertical ? Math.min(c.width * 0.6, 240) : Math.min(c.height - top - 30, 90);
  const boxW = vertical ? boxCross : boxMain;
  const boxH = vertical ? Math.min(boxMain, 80) : boxCross;
  const fs = Math.min(Math.round(c.fs * 1.5), ...labels.map((l) => fitFont(l, boxW - 12, 8, 22)), Math.floor(boxH * 0.4));
  const centers = labels.map((_, i) => (vertical ? { x: c.width / 2, y: top + slot * (i + 0.5) } : { x: 10 + slot * (i + 0.5), y: top + (c.height - top) / 2 }));
  centers.forEach((p, i) => {
    const q = centers[i + 1];
    if (!q) return;
    if (vertical) out.push(`<line x1="${p.x}" y1="${p.y + boxH / 2}" x2="${q.x}" y2="${q.y - boxH / 2 - 2}" stroke="${c.p.muted}" stroke-width="1.5" marker-end="url(#ah)"/>`);
    else out.push(`<line x1="${p.x + boxW / 2}" y1="${p.y}" x2="${q.x - boxW / 2 - 2}" y2="${q.y}" stroke="${c.p.muted}" stroke-width="1.5" marker-end="url(#ah)"/>`);
  });
  labels.forEach((l, i) => {
    const p = centers[i] as { x: number; y: number };
    const terminal = i === 0 || i === labels.length - 1;
    const rx = terminal ? boxH / 2 : rng.pick([0, 4, 8]);
    out.push(`<rect x="${p.x - boxW / 2}" y="${p.y - boxH / 2}" width="${boxW}" height="${boxH}" rx="${Math.min(rx, boxW / 2)}" fill="${terminal ? stroke : boxFill}" stroke="${stroke}" stroke-width="1.5"/>`);
    out.push(text(p.x, p.y + fs * 0.35, l, fs, terminal ? '#ffffff' : c.p.fg, 'text-anchor="middle"'));
  });
  return svg(c, out.join(''), rng);
}

function orgChart(rng: Rng): Scene {
  const kids = rng.int(2, 4);
  const c = canvas(rng, 420, 1100, 1.2, 2.6);
  const roles = ['Director', 'Manager', 'Designer', 'Engineer', 'Analyst', 'Lead', 'Editor', 'Advisor', 'Officer'];
  const person = () => `${rng.pick(FIRST_NAMES)} ${rng.pick(LAST_NAMES)}`;
  const top = c.titleFs + 24;
  const slotW = (c.width - 20) / kids;
  const boxW = Math.min(200, slotW - 16);
  const boxH = Math.min(64, (c.height - top - 40) / 2.2);
  const nameFs = Math.max(8, Math.min(c.fs, Math.floor(boxH / 3.2)));
  const fill = rng.pick(c.p.series);
  const out: string[] = [];
  const box = (cx: number, y: number, name: string, role: string, strong: boolean) => {
    const fs = Math.min(nameFs, fitFont(name, boxW - 10, 7, 18));
    out.push(`<rect x="${cx - boxW / 2}" y="${y}" width="${boxW}" height="${boxH}" rx="6" fill="${strong ? fill : c.p.surface}" stroke="${fill}"/>`);
    out.push(text(cx, y + boxH / 2 - 2, name, fs, strong ? '#ffffff' : c.p.fg, 'text-anchor="middle" font-weight="bold"'));
    out.push(text(cx, y + boxH / 2 + fs + 1, role, Math.max(7, fs - 1), strong ? '#ffffff' : c.p.muted, 'text-anchor="middle"'));
  };
  const rootY = top;
  const kidY = c.height - boxH - 14;
  const midY = (rootY + boxH + kidY) / 2;
  out.push(`<path d="M${c.width / 2},${rootY + boxH}V${midY}" stroke="${c.p.muted}" fill="none"/>`);
  out.push(`<path d="M${10 + slotW / 2},${midY}H${10 + slotW * (kids - 0.5)}" stroke="${c.p.muted}" fill="none"/>`);
  for (let i = 0; i < kids; i++) out.push(`<path d="M${10 + slotW * (i + 0.5)},${midY}V${kidY}" stroke="${c.p.muted}" fill="none"/>`);
  box(c.width / 2, rootY, person(), rng.pick(['Chief Executive', 'Head of Design', 'Director', 'Founder']), true);
  for (let i = 0; i < kids; i++) box(10 + slotW * (i + 0.5), kidY, person(), rng.pick(roles), false);
  return svg(c, out.join(''), rng);
}

function dataTable(rng: Rng): Scene {
  const p = palette(rng, 0.2);
  const cols = rng.int(3, 6);
  const rows = rng.int(3, 10);
  const { width, height } = size(rng, 280 + cols * 60, 1000, 1.0, 2.5);
  const fs = Math.round(Math.max(11, Math.min(16, width / (cols * 9))));
  const first = rng.pick(['Region', 'Product', 'City', 'Team', 'Month']);
  const headers = [first, ...rng.pick([['Q1', 'Q2', 'Q3', 'Q4', 'Total'], ['Units', 'Price', 'Revenue', 'Change', 'Share'], ['2023', '2024', '2025', '2026', 'Growth']]).slice(0, cols - 1)];
  const names = first === 'City' ? CITIES : first === 'Month' ? MONTHS : first === 'Team' ? FIRST_NAMES : first === 'Region' ? ['North', 'South', 'East', 'West', 'Central', 'Coast', 'Highlands', 'Metro', 'Islands', 'Valley'] : ['Kettle', 'Lamp', 'Backpack', 'Watch', 'Mug', 'Notebook', 'Tent', 'Bottle', 'Speaker', 'Jacket'];
  const body = rng.sample(names, rows).map((name) => [name, ...headers.slice(1).map((h) => (h === 'Price' ? `$${rng.int(5, 300)}.${rng.pick(['00', '50', '99'])}` : h === 'Change' || h === 'Growth' || h === 'Share' ? `${rng.int(-20, 40)}%` : rng.int(10, 9999).toLocaleString('en-US')))]);
  const stripe = rng.chance(0.6);
  const headBg = rng.chance(0.5) ? p.accent : p.surface;
  const headFg = headBg === p.accent ? p.onAccent : p.fg;
  const caption = heading(rng);
  const html = `<div style="padding:14px"><div style="font-weight:bold;font-size:${Math.round(fs * 1.3)}px;margin-bottom:8px">${esc(caption)}</div>
<table style="border-collapse:collapse;width:100%;font-size:${fs}px">
<thead><tr>${headers.map((h, i) => `<th style="background:${headBg};color:${headFg};padding:6px 8px;text-align:${i ? 'right' : 'left'}">${esc(h)}</th>`).join('')}</tr></thead>
<tbody>${body.map((r, j) => `<tr style="background:${stripe && j % 2 ? p.surface : 'transparent'}">${r.map((v, i) => `<td style="padding:5px 8px;border-bottom:1px solid ${p.muted}40;text-align:${i ? 'right' : 'left'}">${esc(v)}</td>`).join('')}</tr>`).join('')}</tbody></table></div>`;
  return frame({ width, height: Math.round(height * 0.6), background: p.bg, color: p.fg, fontFamily: font(rng, rng.chance(0.7) ? 'sans' : 'mono'), grow: true }, html);
}

function mapDiagram(rng: Rng): Scene {
  const c = canvas(rng, 300, 1000, 0.9, 1.8);
  const top = c.titleFs + 20;
  const land = rng.pick(['#e8f0d8', '#efe6d2', '#e3ecd9', '#f1ede4']);
  const sea = rng.pick(['#bcd9ee', '#a9cfe8', '#c6e2f2']);
  const out: string[] = [`<rect x="0" y="${top}" width="${c.width}" height="${c.height - top}" fill="${sea}"/>`];
  const pts: string[] = [];
  const cx = c.width / 2;
  const cy = (top + c.height) / 2;
  const rx = c.width * 0.44;
  const ry = (c.height - top) * 0.42;
  for (let i = 0; i < 18; i++) {
    const a = (i / 18) * Math.PI * 2;
    const k = rng.float(0.8, 1.05);
    pts.push(`${(cx + Math.cos(a) * rx * k).toFixed(1)},${(cy + Math.sin(a) * ry * k).toFixed(1)}`);
  }
  out.push(`<polygon points="${pts.join(' ')}" fill="${land}" stroke="#8a9a7a"/>`);
  for (let i = 0; i < rng.int(1, 3); i++) out.push(`<path d="M${cx + rng.float(-rx, rx) * 0.6},${cy - ry}Q${cx + rng.float(-rx, rx) * 0.5},${cy} ${cx + rng.float(-rx, rx) * 0.6},${cy + ry}" stroke="#9b8c7a" stroke-dasharray="6 4" fill="none"/>`);
  out.push(`<path d="M${cx - rx * 0.9},${cy + rng.float(-ry, ry) * 0.5}C${cx - rx * 0.3},${cy + rng.float(-ry, ry)} ${cx + rx * 0.2},${cy + rng.float(-ry, ry)} ${cx + rx * 0.95},${cy + rng.float(-ry, ry) * 0.5}" stroke="#4a90c8" stroke-width="3" fill="none"/>`);
  out.push(`<path d="M${cx - rx * 0.7},${cy - ry * 0.6}L${cx + rx * 0.1},${cy + ry * 0.1}L${cx + rx * 0.6},${cy - ry * 0.4}" stroke="#c0504d" stroke-width="2" fill="none"/>`);
  const cities = rng.sample(CITIES, rng.int(2, 5));
  const placed: { x: number; y: number }[] = [];
  for (const city of cities) {
    let x = 0;
    let y = 0;
    for (let tries = 0; tries < 20; tries++) {
      x = cx + rng.float(-0.6, 0.35) * rx;
      y = cy + rng.float(-0.55, 0.6) * ry;
      if (placed.every((q) => Math.abs(q.x - x) > textWidth(city, c.fs) + 20 || Math.abs(q.y - y) > c.fs * 2)) break;
    }
    placed.push({ x, y });
    out.push(`<circle cx="${x}" cy="${y}" r="4" fill="#111"/>`, text(x + 7, y + 4, city, c.fs, '#111111'));
  }
  const nx = c.width - 26;
  out.push(`<path d="M${nx},${top + 14}l-7,18h14z" fill="#333"/>`, text(nx, top + 46, 'N', c.fs, '#111111', 'text-anchor="middle" font-weight="bold"'));
  return svg(c, out.join(''), rng);
}

export const CHARTS: SceneFamily = {
  bar: (rng) => bars(rng, false),
  'grouped-bar': (rng) => bars(rng, true),
  line: (rng) => lines(rng, false),
  area: (rng) => lines(rng, true),
  pie: pie,
  scatter: scatter,
  flowchart: flowchart,
  'org-chart': orgChart,
  table: dataTable,
  map: mapDiagram,
};
