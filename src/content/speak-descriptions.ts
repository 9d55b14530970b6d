/**
 * Feature: speech. With speech on (off by default: screen readers already read
 * the name Glimpse wrote), focus landing on a described image — or on a link
 * or button whose image it is — speaks the name Glimpse wrote. The
 * `speak-focused` command speaks it on request, speech setting or not, and says
 * why when there is nothing to read. Leaving the page or switching Glimpse off
 * stops speaking.
 *
 * @example
 *   speakDescriptions(registry, state, controller.signal);
 */
import type { GlimpseStateStore } from './glimpse-state';
import { listenTab } from './listen-tab';
import type { ImageRecord, ImageRegistry } from './registry-types';
import { speak, spokenLog, stopSpeaking } from './speak-utterance';

/** The record of `target` itself, or of the one image it holds (a link or button around an image). */
function recordAt(registry: ImageRegistry, target: Element | null): ImageRecord | undefined {
  if (!target) return undefined;
  const records = registry.all();
  const own = records.find((r) => r.element === target);
  if (own) return own;
  const inside = records.filter((r) => target.contains(r.element));
  return inside.length === 1 ? inside[0] : undefined;
}

/** The element with focus, through open shadow roots (focus inside a web component). */
function focusedElement(): Element | null {
  let el: Element | null = document.activeElement;
  while (el?.shadowRoot?.activeElement) el = el.shadowRoot.activeElement;
  return el;
}

/** What the image is called now by Glimpse: the name it wrote, else null. */
export function glimpseNameOf(record: ImageRecord | undefined): string | null {
  const label = record?.glimpseLabel;
  return label && label.state !== 'withheld' ? label.value : null;
}

export function speakDescriptions(registry: ImageRegistry, state: GlimpseStateStore, signal: AbortSignal): void {
  document.addEventListener(
    'focusin',
    (event) => {
      const { active, settings } = state.current();
      if (!active || !settings.speech) return;
      const path = event.composedPath();
      const target = (path[0] instanceof Element ? path[0] : event.target) as Element | null;
      const text = glimpseNameOf(recordAt(registry, target));
      if (text) speak(text, settings, 'focus');
    },
    { capture: true, signal },
  );

  listenTab(
    'tab:speak-focused',
    () => {
      // Every frame hears the command; the one holding focus answers.
      if (!document.hasFocus()) return undefined;
      const { settings } = state.current();
      const record = recordAt(registry, focusedElement());
      const label = record?.glimpseLabel;
      const text =
        glimpseNameOf(record) ??
        (label?.state === 'withheld' ? `No description: ${label.reason}` : record ? 'Glimpse has no description for this image yet.' : 'The focused element is not an image.');
      speak(text, settings, 'command');
      return { spoken: text };
    },
    signal,
  );

  listenTab('tab:speech-log', () => {
    const utterances = spokenLog();
    // The frame that spoke answers; the top frame answers when none did.
    return utterances.length > 0 || window === window.top ? { utterances } : undefined;
  }, signal);

  state.subscribe(({ active }) => {
    if (!active) stopSpeaking();
  }, signal);
  addEventListener('pagehide', stopSpeaking, { signal });
  signal.addEventListener('abort', stopSpeaking, { once: true });
}
