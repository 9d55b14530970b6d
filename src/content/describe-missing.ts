/**
 * Feature: asks the engine to describe every image the scanner found with no
 * accessible name, nearest the viewport first, and attaches each answer to the
 * image's record. It writes nothing into the page (labelling is its own feature).
 *
 * Requests that arrive in the same task are sent sorted by priority; images
 * that leave the DOM, stop being 'missing' or change src are cancelled (or
 * re-requested), and leaving the page cancels everything still pending.
 *
 * The work is bounded: only images within `AROUND_SCREENS` screens of the
 * viewport are asked for (the rest as the user scrolls towards them, or all
 * after "describe all"), at most `MAX_IN_FLIGHT` requests per frame are open
 * at once, nearest first, and more are sent when the page is idle. A page of
 * 10,000 images sends a few messages, not 10,000.
 *
 * @example
 *   describeMissing(registry, controller.signal);
 */
import browser from 'webextension-polyfill';
import { placeHint } from './place-hint';
import { envelope, type CaptionFailure, type CaptionOutcome, type ContentToBackground, type RequestOf, type ResponseOf } from '../shared/messages';
import type { GlimpseStateStore } from './glimpse-state';
import { wantsName } from './label-images';
import { readPixels } from './read-pixels';
import type { ImageRecord, ImageRegistry } from './registry-types';
import { areaRegion, mapImageOf } from './scan/geometry';
import { IndexedHeap } from '../shared/indexed-heap';

/** Screens above and below the viewport whose images are described without being asked (see scan/geometry.ts priorityOf). */
export const AROUND_SCREENS = 3;
/** Caption requests one frame keeps open at once; the rest wait here, nearest first. */
export const MAX_IN_FLIGHT = 16;
/** How long to wait before asking again when the background's queue for this tab is full. */
const QUEUE_FULL_RETRY_MS = 2000;

/** Runs `task` when the page is idle (within `timeout` ms), so a busy page's own work goes first. */
function whenIdle(task: () => void, timeout = 250): void {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(task, { timeout });
  else setTimeout(task, 0);
}

async function send<K extends keyof ContentToBackground>(type: K, payload: RequestOf<K>): Promise<ResponseOf<K>> {
  return (await browser.runtime.sendMessage(envelope(type, payload))) as ResponseOf<K>;
}

const UNREADABLE: CaptionFailure = {
  ok: false,
  code: 'unreadable',
  message: 'Could not read image: it could not be downloaded, and the page does not allow reading its pixels.',
};

function unreadable(why: string): CaptionFailure {
  return { ...UNREADABLE, message: `${UNREADABLE.message} (${why})` };
}

/** Glimpse's describe decision says yes (rendered, loaded, big enough, a picture to look at) and no answer is in yet. */
function describable(record: ImageRecord): boolean {
  return record.description === undefined && record.describe === 'describe';
}

/** The element whose pixels show the record's picture: an <area>'s map image, else the element. */
function pictureOf(record: ImageRecord): Element | null {
  return record.kind === 'area' ? mapImageOf(record.element) : record.element;
}

function pixelsOf(record: ImageRecord): string | null {
  const picture = pictureOf(record);
  return picture ? readPixels(picture) : null;
}

/** The first address to try: the image URL, or the pixels when only the page can read them. */
function firstSource(record: ImageRecord): string | null {
  if (record.src === null || record.src.startsWith('blob:')) return pixelsOf(record);
  return record.src;
}

export function describeMissing(registry: ImageRegistry, signal: AbortSignal, state?: GlimpseStateStore): void {
  /**
   * Whose status asks for a name. Without settings, every 'missing' image; with them, only while Glimpse is active here, in
   * automatic mode or after "describe all", and the statuses the user asked to have named.
   */
  const eligible = (record: ImageRecord): boolean => {
    if (!state) return record.status === 'missing';
    const { active, settings, describeRequested } = state.current();
    return active && (settings.mode === 'automatic' || describeRequested) && wantsName(record, settings);
  };
  const inReach = (record: ImageRecord): boolean => record.priority <= AROUND_SCREENS || (state?.current().describeRequested ?? false);
  const wanted = (record: ImageRecord): boolean => eligible(record) && describable(record) && inReach(record);
  /** Image id → the src and priority last sent for it. */
  const pending = new Map<string, { src: string | null; priority: number }>();
  /** Wanted images not sent yet, nearest first. */
  const ready = new IndexedHeap<ImageRecord>((a, b) => a.priority - b.priority);
  let batch = new Map<string, ImageRecord>();
  let drainScheduled = false;
  let retryAt = 0;

  async function ask(record: ImageRecord, src: string): Promise<CaptionOutcome> {
    const { id: imageId, priority } = record;
    // Describing an area means describing its region of the map image.
    const region = record.element instanceof HTMLAreaElement ? areaRegion(record.element) : null;
    for (let attempt = 0; ; attempt++) {
      try {
        return await send('content:caption', { imageId, src, priority, placeHint: placeHint(pictureOf(record) ?? record.element), region });
      } catch (error) {
        // A restarted service worker drops open replies ("message port closed"): ask once more.
        if (attempt === 0 && !signal.aborted) continue;
        return { ok: false, code: 'engine-error', message: `Glimpse could not reach its caption engine (${error instanceof Error ? error.message : String(error)}).` };
      }
    }
  }

  async function describe(record: ImageRecord): Promise<void> {
    const sent = { src: record.src, priority: record.priority };
    pending.set(record.id, sent);
    const first = firstSource(record);
    let outcome: CaptionOutcome = first === null ? UNREADABLE : await ask(record, first);
    if (!outcome.ok && (outcome.code === 'fetch-failed' || outcome.code === 'private-address') && first === record.src && pending.get(record.id) === sent) {
      // The pixels the page itself can read (same-origin or CORS-clean) tell the page nothing new;
      // an image on a private address that the page can't read stays undescribed.
      const pixels = pixelsOf(record);
      if (pixels !== null) outcome = await ask(record, pixels);
      else if (outcome.code === 'fetch-failed') outcome = unreadable(outcome.message);
    }
    // Superseded (new src, cancelled, removed) while waiting: that answer is not for this record any more.
    if (pending.get(record.id) !== sent || signal.aborted) return;
    pending.delete(record.id);
    scheduleDrain();
    if (!outcome.ok && outcome.code === 'queue-full') {
      // Other frames of the tab filled the queue: ask again a little later.
      retryAt = Date.now() + QUEUE_FULL_RETRY_MS;
      if (registry.get(record.id) && wanted(record) && !ready.has(record)) ready.push(record);
      setTimeout(scheduleDrain, QUEUE_FULL_RETRY_MS);
      return;
    }
    if (!outcome.ok && outcome.code === 'cancelled') return;
    if (registry.get(record.id)) registry.setDescription(record.id, outcome);
  }

  function flush(): void {
    const records = [...batch.values()].sort((a, b) => a.priority - b.priority);
    batch = new Map();
    for (const record of records) {
      if (!registry.get(record.id) || !wanted(record)) continue;
      // Already asked for: ask again now (a new src, or nearer the viewport); the queue replaces or re-prioritises the job.
      if (pending.has(record.id)) void describe(record);
      else if (ready.has(record)) ready.update(record);
      else ready.push(record);
    }
    drain();
  }

  /** Sends the nearest waiting images while fewer than MAX_IN_FLIGHT are open. */
  function drain(): void {
    drainScheduled = false;
    if (signal.aborted || Date.now() < retryAt) return;
    while (pending.size < MAX_IN_FLIGHT && ready.size > 0) {
      const record = ready.pop()!;
      if (registry.get(record.id) && wanted(record) && !pending.has(record.id)) void describe(record);
    }
  }

  function scheduleDrain(): void {
    if (drainScheduled || ready.size === 0) return;
    drainScheduled = true;
    whenIdle(drain);
  }

  function schedule(record: ImageRecord): void {
    if (batch.size === 0) queueMicrotask(flush);
    batch.set(record.id, record);
  }

  function cancel(ids: string[]): void {
    for (const id of ids) pending.delete(id);
    if (ids.length) send('content:cancel', { imageIds: ids }).catch(() => undefined);
    scheduleDrain();
  }

  registry.subscribe((event) => {
    const { record } = event;
    const sent = pending.get(record.id);
    if (event.type === 'removed') {
      batch.delete(record.id);
      ready.remove(record);
      if (sent) cancel([record.id]);
      return;
    }
    if (!sent) {
      if (ready.has(record)) ready.update(record); // its priority may have changed: keep the heap in order now
      if (wanted(record)) schedule(record);
      else ready.remove(record); // scrolled far away again, or no longer needs a name
      return;
    }
    if (!eligible(record) || record.describe !== 'describe') cancel([record.id]);
    // A new src or a move towards the viewport: ask again (the queue replaces or re-prioritises the job).
    else if (record.src !== sent.src || record.priority < sent.priority) schedule(record);
  }, signal);

  // Switched on, asked to describe everything, or told to include more statuses; or paused.
  state?.subscribe(() => {
    for (const record of [...ready.values()]) if (!wanted(record)) ready.remove(record);
    cancel([...pending.keys()].filter((id) => !eligible(registry.get(id)!)));
    for (const record of registry.all()) if (wanted(record) && !pending.has(record.id)) schedule(record);
  }, signal);

  addEventListener(
    'pagehide',
    () => {
      // Leaving the page: stop its pending work. A page kept in the back/forward cache asks again when shown.
      for (const record of [...ready.values()]) ready.remove(record);
      cancel([...pending.keys()]);
    },
    { signal },
  );
  addEventListener(
    'pageshow',
    (event: PageTransitionEvent) => {
      if (event.persisted) for (const record of registry.all()) if (wanted(record) && !pending.has(record.id)) schedule(record);
    },
    { signal },
  );
}
