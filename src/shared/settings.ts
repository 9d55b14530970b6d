/**
 * The user's settings: schema, defaults and the checks every reader applies.
 * Stored in `storage.sync` under one key per setting; missing or malformed
 * values fall back to the defaults, so a new setting needs no migration.
 * Pure: the storage access lives in each runtime context.
 */
import { DEFAULT_MODEL_ID } from './model-id';

export type DescribeMode = 'automatic' | 'on-demand';
export type BackendPreference = 'auto' | 'webgpu' | 'wasm';
/** How the engine runs the models: the settings that need a fresh worker when they change. */
export interface EngineChoice {
  backend: BackendPreference;
  threads: EngineThreads;
  /** The captioning model: the embedded one's id, or a downloaded model's (src/shared/model-id.ts). */
  model: string;
}

/** The choices the options page offers for {@link Settings.threads}. */
export const ENGINE_THREADS = [0, 1, 2, 4] as const;
export type EngineThreads = (typeof ENGINE_THREADS)[number];

export interface Settings {
  /** Global switch: off restores every attribute Glimpse wrote, in every tab. */
  enabled: boolean;
  /** Describe every image as the page loads, or only when asked (popup, command). */
  mode: DescribeMode;
  includeSuspicious: boolean;
  includeDecorative: boolean;
  /** Say that a name is automatic. */
  markerEnabled: boolean;
  /** Prefix of a confident description. */
  marker: string;
  /** Prefix of an uncertain description; the description follows it. */
  uncertainMarker: string;
  /** At or above: the description is written plainly (with the marker). */
  confidentAt: number;
  /** Below: the description is withheld; between the two it is hedged. */
  withholdBelow: number;
  speech: boolean;
  /** `SpeechSynthesisVoice.voiceURI`, '' for the browser's default. */
  voice: string;
  rate: number;
  pitch: number;
  backend: BackendPreference;
  /**
   * WASM threads the engine runs the models on; 0 is automatic: half the
   * processor's cores (at most 4), so the page being read keeps the rest.
   */
  threads: EngineThreads;
  /**
   * Which model writes the captions: DEFAULT_MODEL_ID (embedded, always
   * there) or the id of a model downloaded in the options. The image-type
   * gate and the concepts always come from the embedded model.
   */
  captionModel: string;
  /** Say in the written name which model described the image (the overlay and audit always say it). */
  nameSaysModel: boolean;
  /**
   * The thresholds for a model Glimpse has no calibration for (every
   * downloaded model): its confidence was never measured against caption
   * quality, so the defaults are stricter than the calibrated embedded
   * model's.
   */
  uncalibratedConfidentAt: number;
  uncalibratedWithholdBelow: number;
  /** Hostnames where Glimpse never runs (a "pause on this site" adds one). */
  deniedSites: string[];
  /** When not empty, Glimpse runs only on these hostnames. */
  allowedSites: string[];
}

/**
 * Confidence thresholds (the score: src/captioner/confidence.ts), derived on
 * the 1,000 Flickr8k dev photos with the shipped model
 * (`training/calibration.py`, models/README.md "Confidence vs caption quality"):
 * below 0.4 confidence barely separates good captions from bad ones (the
 * caption's subject is right about 56 % of the time in every band from 0.2 to
 * 0.4); from 0.4 it is right 76 % of the time (CIDEr-D 0.85), so the floor
 * withholds below 0.4 and about one dev photo in six gets a caption. Only one
 * dev caption reached 0.6, far too few to trust a caption without a hedge, so
 * 0.6 (every word at p ≥ 0.36) stays the line for an unhedged name.
 *
 * A downloaded model has no such measurement: its captions are withheld
 * below 0.6 and hedged below 0.8 unless the user changes that, because an
 * uncalibrated score may mean anything.
 */
export const DEFAULT_SETTINGS: Readonly<Settings> = Object.freeze({
  enabled: true,
  mode: 'automatic',
  includeSuspicious: false,
  includeDecorative: false,
  markerEnabled: true,
  marker: 'Automatic description: ',
  uncertainMarker: 'Automatic description, uncertain: may show ',
  confidentAt: 0.6,
  withholdBelow: 0.4,
  speech: false,
  voice: '',
  rate: 1,
  pitch: 1,
  backend: 'auto',
  threads: 0,
  captionModel: DEFAULT_MODEL_ID,
  nameSaysModel: false,
  uncalibratedConfidentAt: 0.8,
  uncalibratedWithholdBelow: 0.6,
  deniedSites: [],
  allowedSites: [],
});

export const SETTING_KEYS = Object.keys(DEFAULT_SETTINGS) as Array<keyof Settings>;

const clamp = (n: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, n));

function pick<T>(value: unknown, fallback: T, ok: (v: unknown) => boolean): T {
  return ok(value) ? (value as T) : fallback;
}

const isBool = (v: unknown): boolean => typeof v === 'boolean';
const isString = (v: unknown): boolean => typeof v === 'string';
const isNumber = (v: unknown): boolean => typeof v === 'number' && Number.isFinite(v);
const oneOf = (values: readonly string[]) => (v: unknown): boolean => typeof v === 'string' && values.includes(v);

/** A hostname as the lists store it: lower case, no scheme, port or path. */
export function normalizeHost(input: string): string {
  const text = input.trim().toLowerCase();
  if (text === '') return '';
  try {
    return new URL(/^[a-z][a-z0-9+.-]*:\/\//.test(text) ? text : `http://${text}`).hostname;
  } catch {
    return '';
  }
}

function hosts(value: unknown): string[] {
  if (!Array.isArray(value)) return [];
  return [...new Set(value.filter((v): v is string => typeof v === 'string').map(normalizeHost).filter(Boolean))];
}

/**
 * Settings from whatever storage holds, every field checked and defaulted.
 *
 * @example
 *   normalizeSettings({ rate: 9, mode: 'sometimes' }) // → { …defaults, rate: 4, mode: 'automatic' }
 */
export function normalizeSettings(raw: Record<string, unknown> = {}): Settings {
  const d = DEFAULT_SETTINGS;
  const withholdBelow = clamp(pick(raw.withholdBelow, d.withholdBelow, isNumber), 0, 1);
  const uncalibratedWithholdBelow = clamp(pick(raw.uncalibratedWithholdBelow, d.uncalibratedWithholdBelow, isNumber), 0, 1);
  return {
    enabled: pick(raw.enabled, d.enabled, isBool),
    mode: pick(raw.mode, d.mode, oneOf(['automatic', 'on-demand'])),
    includeSuspicious: pick(raw.includeSuspicious, d.includeSuspicious, isBool),
    includeDecorative: pick(raw.includeDecorative, d.includeDecorative, isBool),
    markerEnabled: pick(raw.markerEnabled, d.markerEnabled, isBool),
    marker: pick(raw.marker, d.marker, isString),
    uncertainMarker: pick(raw.uncertainMarker, d.uncertainMarker, isString),
    // The plain threshold can't sit below the withholding floor.
    confidentAt: Math.max(withholdBelow, clamp(pick(raw.confidentAt, d.confidentAt, isNumber), 0, 1)),
    withholdBelow,
    speech: pick(raw.speech, d.speech, isBool),
    voice: pick(raw.voice, d.voice, isString),
    // SpeechSynthesisUtterance's ranges: rate 0.1–10 (beyond 4 is unintelligible), pitch 0–2.
    rate: clamp(pick(raw.rate, d.rate, isNumber), 0.1, 4),
    pitch: clamp(pick(raw.pitch, d.pitch, isNumber), 0, 2),
    backend: pick(raw.backend, d.backend, oneOf(['auto', 'webgpu', 'wasm'])),
    // A <select> hands over its value as text.
    threads: pick(typeof raw.threads === 'string' ? Number(raw.threads) : raw.threads, d.threads, (v) => (ENGINE_THREADS as readonly unknown[]).includes(v)),
    captionModel: pick(raw.captionModel, d.captionModel, (v) => typeof v === 'string' && v.trim() !== ''),
    nameSaysModel: pick(raw.nameSaysModel, d.nameSaysModel, isBool),
    uncalibratedConfidentAt: Math.max(uncalibratedWithholdBelow, clamp(pick(raw.uncalibratedConfidentAt, d.uncalibratedConfidentAt, isNumber), 0, 1)),
    uncalibratedWithholdBelow,
    deniedSites: hosts(raw.deniedSites),
    allowedSites: hosts(raw.allowedSites),
  };
}

/** The engine settings of `settings`, as a caption request carries them. */
export function engineChoice(settings: Settings): EngineChoice {
  return { backend: settings.backend, threads: settings.threads, model: settings.captionModel };
}

/** Stable text for an engine choice, to tell whether the worker was started with it. */
export function engineChoiceKey(choice: EngineChoice): string {
  return `${choice.backend}/${choice.threads}/${choice.model}`;
}

/**
 * Whether Glimpse runs on a page of `hostname` under these settings.
 *
 * @example
 *   siteAllowed({ ...DEFAULT_SETTINGS, deniedSites: ['example.com'] }, 'example.com') // → false
 */
export function siteAllowed(settings: Settings, hostname: string): boolean {
  if (!settings.enabled) return false;
  const host = hostname.toLowerCase();
  if (settings.deniedSites.includes(host)) return false;
  return settings.allowedSites.length === 0 || settings.allowedSites.includes(host);
}
