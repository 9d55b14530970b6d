/**
 * The one message protocol of Glimpse.
 *
 * Every message is named `<direction>:<verb>` and maps to a `{ request, response }`
 * pair. Senders and handlers derive their types from these maps, so a message
 * can't be sent with the wrong payload or answered with the wrong shape.
 *
 * Chrome's runtime messaging is JSON-like: no typed arrays, no ImageBitmap.
 * Pixels never travel here; image URLs (or data: URLs read in the page) do.
 *
 * @example
 *   const res = await send('content:caption', { imageId, src, priority: 0 });
 */
import type { ImageStatus } from './image-status';
import type { ImageType } from './image-type';
import type { ImageRegion } from './image-region';
import type { CaptionOutcome, EngineStatus } from './engine-types';
import type { EngineChoice } from './settings';
import type { AuditReport, NotDescribed, StatusCounts } from './audit';

export type { ImageStatus } from './image-status';
export type { CaptionOutcome, EngineStatus, CaptionSuccess, CaptionFailure, CaptionModel } from './engine-types';
export type { AuditReport, AuditRow } from './audit';

/** One image as a report sees it: what the scanner decided and what the engine answered. */
export interface DescribedImage {
  id: string;
  src: string | null;
  status: ImageStatus;
  description: CaptionOutcome | null;
}

/** One utterance Glimpse handed to speechSynthesis. */
export interface SpokenUtterance {
  text: string;
  /** voiceURI, '' for the browser's default voice. */
  voice: string;
  rate: number;
  pitch: number;
  lang: string;
  reason: 'focus' | 'command' | 'menu';
  at: number;
}

export type { StatusCounts, NotDescribed } from './audit';
/** Per-status counts for one frame or page, and per status the images Glimpse does not describe. */
export interface PageCounts {
  counts: StatusCounts;
  notDescribed: NotDescribed;
}

/** Content script (any frame) → background service worker. */
export interface ContentToBackground {
  'content:caption': {
    /**
     * `placeHint`: what the image's place in the page suggests (see content/place-hint.ts).
     * `region`: describe only this part of the image (an image-map area's shape).
     */
    request: { imageId: string; src: string; priority: number; placeHint: ImageType | null; region?: ImageRegion | null };
    response: CaptionOutcome;
  };
  'content:cancel': { request: { imageIds: string[] }; response: { cancelled: number } };
  'content:counts': { request: PageCounts; response: { ok: true } };
}

/** Background service worker → offscreen engine document. */
export interface BackgroundToEngine {
  'engine:caption': {
    /**
     * `engine` is the user's backend and thread choice from the settings; the engine restarts its worker when it changes.
     * `site`: the tab's top-level origin, which partitions the caption cache. `allowPrivate`: the asking
     * frame is itself on a private-network address, so images there may be fetched. `region`: an
     * image-map area, described from its own region of the image.
     */
    request: { jobId: string; src: string; engine: EngineChoice; placeHint: ImageType | null; site: string; allowPrivate: boolean; region?: ImageRegion | null };
    response: CaptionOutcome;
  };
  'engine:cancel': { request: { jobIds: string[] }; response: { cancelled: number } };
  'engine:status': { request: Record<string, never>; response: EngineStatus };
  'engine:clear-cache': { request: Record<string, never>; response: { cleared: number } };
}

/** Popup / options page → background service worker. */
export interface UiToBackground {
  'ui:engine-status': { request: Record<string, never>; response: EngineStatus };
  'ui:toggle-overlay': { request: { tabId: number }; response: { visible: boolean } };
  'ui:page-counts': { request: { tabId: number }; response: { page: PageCounts | null } };
  /** Empties the caption cache (settings page). */
  'ui:clear-cache': { request: Record<string, never>; response: { cleared: number } };
}

/** Background service worker → content script of a tab. */
export interface BackgroundToContent {
  'tab:toggle-overlay': { request: { visible?: boolean }; response: { visible: boolean } };
  'tab:counts': { request: Record<string, never>; response: PageCounts };
  /**
   * One frame's full image audit: the frame whose URL is `frameUrl` answers, or
   * the top frame when it is absent. `rescan` re-runs a full pass first and times it.
   */
  'tab:audit': { request: { frameUrl?: string; rescan?: boolean }; response: AuditReport };
  /** Every image record of the frame with its status and the engine's answer, for reports. */
  'tab:descriptions': { request: Record<string, never>; response: { images: DescribedImage[] } };
  /** Pauses Glimpse in this tab (every frame) until reload; toggles when `paused` is absent. Restores the page's own names. */
  'tab:pause': { request: { paused?: boolean }; response: { paused: boolean } };
  /** Describes (and names) every image of the page now, in on-demand mode too. `active`: false when Glimpse is off here. */
  'tab:describe-all': { request: Record<string, never>; response: { active: boolean } };
  /** "Describe this image" (context menu): shows the description of the image at `srcUrl` in a popover, speaks it if speech is on. */
  'tab:describe-image': { request: { srcUrl: string }; response: { text: string } };
  /** Speaks the description of the focused image (the frame that has focus answers). */
  'tab:speak-focused': { request: Record<string, never>; response: { spoken: string | null } };
  /** The last utterances Glimpse spoke in the tab (kept in memory only), oldest first. */
  'tab:speech-log': { request: Record<string, never>; response: { utterances: SpokenUtterance[] } };
}

export type Protocol = ContentToBackground & BackgroundToEngine & UiToBackground & BackgroundToContent;
export type MessageName = keyof Protocol;
export type RequestOf<K extends MessageName> = Protocol[K]['request'];
export type ResponseOf<K extends MessageName> = Protocol[K]['response'];

/** The envelope that actually crosses `runtime.sendMessage` / `tabs.sendMessage`. */
export interface Envelope<K extends MessageName = MessageName> {
  type: K;
  payload: RequestOf<K>;
}

export function envelope<K extends MessageName>(type: K, payload: RequestOf<K>): Envelope<K> {
  return { type, payload };
}

/** Narrowing guard for anything that arrives on a runtime message listener. */
export function isEnvelope(value: unknown): value is Envelope {
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof (value as { type?: unknown }).type === 'string' &&
    (value as { type: string }).type.includes(':') &&
    'payload' in value
  );
}

/** Which prefix a message must carry to be accepted from a given kind of sender. */
export function directionOf(type: string): 'content' | 'engine' | 'ui' | 'tab' | null {
  const prefix = type.split(':')[0];
  return prefix === 'content' || prefix === 'engine' || prefix === 'ui' || prefix === 'tab' ? prefix : null;
}
