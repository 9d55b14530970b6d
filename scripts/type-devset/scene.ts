/**
 * What every scene builder returns, and the shared helpers: palettes, the
 * system fonts, sizes within the dev set's bounds, HTML escaping and the
 * word list of a scene's markup.
 */
import type { Rng } from './rng';

export const IMAGE_TYPES = ['photo', 'chart', 'screenshot', 'text', 'logo', 'illustration'] as const;
export type ImageType = (typeof IMAGE_TYPES)[number];

/** One scene: a self-contained HTML fragment whose root is `<div id="scene">`. */
export interface Scene {
  html: string;
}

export type SceneBuilder = (rng: Rng) => Scene;

/** The kinds of one image type, each with its builder. */
export type SceneFamily = Record<string, SceneBuilder>;

/** Families that are on this machine (see `fc-list`); Chromium falls back to DejaVu Sans. */
export const FONTS = {
  sans: ['DejaVu Sans', 'Liberation Sans', 'DejaVu Sans Condensed', 'Liberation Sans Narrow', 'DejaVu Sans Light'],
  serif: ['DejaVu Serif', 'Liberation Serif', 'DejaVu Serif Condensed'],
  mono: ['DejaVu Sans Mono', 'Liberation Mono'],
} as const;

export type FontKind = keyof typeof FONTS;

export function font(rng: Rng, kind: FontKind | 'any' = 'any'): string {
  const k: FontKind = kind === 'any' ? rng.pick(['sans', 'sans', 'serif', 'mono'] as const) : kind;
  return `'${rng.pick(FONTS[k])}', sans-serif`;
}

export interface Palette {
  bg: string;
  surface: string;
  fg: string;
  muted: string;
  accent: string;
  onAccent: string;
  series: string[];
}

export const LIGHT: Palette[] = [
  { bg: '#ffffff', surface: '#f3f4f6', fg: '#111827', muted: '#4b5563', accent: '#2563eb', onAccent: '#ffffff', series: ['#2563eb', '#f59e0b', '#10b981', '#ef4444', '#8b5cf6', '#0ea5e9'] },
  { bg: '#fbfaf7', surface: '#efebe3', fg: '#2b2118', muted: '#6b5d4f', accent: '#b45309', onAccent: '#ffffff', series: ['#b45309', '#0f766e', '#7c3aed', '#be123c', '#4d7c0f', '#1d4ed8'] },
  { bg: '#f8fafc', surface: '#e2e8f0', fg: '#0f172a', muted: '#475569', accent: '#0f766e', onAccent: '#ffffff', series: ['#0f766e', '#e11d48', '#6366f1', '#ca8a04', '#0891b2', '#9333ea'] },
  { bg: '#fff7ed', surface: '#ffedd5', fg: '#431407', muted: '#7c2d12', accent: '#c2410c', onAccent: '#ffffff', series: ['#c2410c', '#1e40af', '#15803d', '#a21caf', '#0369a1', '#854d0e'] },
];

export const DARK: Palette[] = [
  { bg: '#111827', surface: '#1f2937', fg: '#f9fafb', muted: '#9ca3af', accent: '#60a5fa', onAccent: '#0b1220', series: ['#60a5fa', '#fbbf24', '#34d399', '#f87171', '#a78bfa', '#22d3ee'] },
  { bg: '#0b132b', surface: '#1c2541', fg: '#e0e6f5', muted: '#8d99ae', accent: '#5bc0be', onAccent: '#0b132b', series: ['#5bc0be', '#f4a261', '#e76f51', '#a8dadc', '#ffd166', '#c77dff'] },
  { bg: '#1e1e1e', surface: '#2d2d2d', fg: '#eeeeee', muted: '#a0a0a0', accent: '#f97316', onAccent: '#111111', series: ['#f97316', '#38bdf8', '#4ade80', '#f472b6', '#facc15', '#c084fc'] },
];

export function palette(rng: Rng, darkChance = 0.3): Palette {
  return rng.pick(rng.chance(darkChance) ? DARK : LIGHT);
}

/** Saturated colours that carry white text. */
export const STRONG = ['#dc2626', '#b91c1c', '#1d4ed8', '#047857', '#7c3aed', '#be185d', '#0f172a', '#9a3412', '#0e7490', '#4338ca', '#111111', '#166534'];
/** Pale colours that carry dark text. */
export const PALE = ['#fef3c7', '#e0f2fe', '#dcfce7', '#fce7f3', '#ede9fe', '#f1f5f9', '#ffffff', '#fff1f2', '#ecfeff', '#fafaf9'];

export function hsl(h: number, s: number, l: number, a = 1): string {
  return a === 1 ? `hsl(${h.toFixed(0)} ${s.toFixed(0)}% ${l.toFixed(0)}%)` : `hsl(${h.toFixed(0)} ${s.toFixed(0)}% ${l.toFixed(0)}% / ${a.toFixed(2)})`;
}

/** A width in [lo, hi] and a height from an aspect ratio (w/h) in [aLo, aHi], kept within 96..1200 wide and 1:4..4:1. */
export function size(rng: Rng, lo: number, hi: number, aLo: number, aHi: number): { width: number; height: number } {
  const width = Math.max(96, Math.min(1200, rng.int(lo, hi)));
  const aspect = Math.max(0.25, Math.min(4, rng.float(aLo, aHi)));
  return { width, height: Math.round(width / aspect) };
}

export function esc(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&#39;');
}

export interface FrameOptions {
  width: number;
  height: number;
  /** CSS background of the root. */
  background: string;
  color?: string;
  fontFamily?: string;
  /** Let the root grow taller when its content needs it (HTML layouts). */
  grow?: boolean;
  style?: string;
}

/** The scene root: a fixed-size box that the renderer screenshots. */
export function frame(o: FrameOptions, inner: string): Scene {
  const style = [
    `width:${o.width}px`,
    `${o.grow ? 'min-height' : 'height'}:${o.height}px`,
    `background:${o.background}`,
    `color:${o.color ?? '#111'}`,
    `font-family:${o.fontFamily ?? "'DejaVu Sans', sans-serif"}`,
    'position:relative',
    'overflow:hidden',
    'box-sizing:border-box',
    o.style ?? '',
  ].filter(Boolean).join(';');
  return { html: `<div id="scene" style="${style}">${inner}</div>` };
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'", nbsp: ' ' };

/**
 * The words of a scene's markup in document order: every tag separates
 * words, <style> and <script> are not text. Builders never split a word
 * across tags, so this is the text on screen, in the order it is laid out.
 */
export function wordsOfHtml(html: string): string[] {
  const text = html
    .replace(/<(style|script)\b[\s\S]*?<\/\1>/gi, ' ')
    .replace(/<[^>]*>/g, ' ')
    .replace(/&(amp|lt|gt|quot|#39|nbsp);/g, (_m, name: string) => ENTITIES[name] ?? ' ');
  return text.split(/\s+/).filter(Boolean);
}

/** Rough width of a line of text, for choosing font sizes that fit. */
export function textWidth(text: string, fontSize: number, factor = 0.62): number {
  return text.length * fontSize * factor;
}

/** The largest font size (within [min, max]) at which `text` spans at most `width` pixels. */
export function fitFont(text: string, width: number, min: number, max: number, factor = 0.62): number {
  const fs = Math.floor(width / Math.max(1, text.length * factor));
  return Math.max(min, Math.min(max, fs));
}
