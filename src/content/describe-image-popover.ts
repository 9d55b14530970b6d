/**
 * Feature: "Describe this image" from the context menu, on any image, labelled
 * or not. Shows the description (marked and hedged as a written name would
 * be) in a small dialog inside a shadow root, moves focus to it, closes on
 * Escape or its button and gives focus back; speaks it when speech is on.
 * The image and the page's DOM stay as they were, apart from the popover host
 * while it is open.
 *
 * @example
 *   describeImagePopover(registry, state, controller.signal);
 */
import { placeHint } from './place-hint';
import browser from 'webextension-polyfill';
import { decideLabel, fullText, quote } from '../shared/label-text';
import { envelope, type CaptionOutcome, type ResponseOf } from '../shared/messages';
import type { GlimpseStateStore } from './glimpse-state';
import { listenTab } from './listen-tab';
import { claimNode, releaseNode } from './own-nodes';
import type { ImageRegistry } from './registry-types';
import { speak } from './speak-utterance';

const CSS = `
.pop { position: fixed; max-width: 22rem; padding: 10px 12px; pointer-events: auto; background: #fff; color: #111;
  border: 2px solid #111; border-radius: 6px; box-shadow: 0 2px 8px rgba(0,0,0,.4); font: 15px/1.45 system-ui, sans-serif; }
h2 { font-size: 15px; margin: 0 0 4px; }
p { margin: 0 0 8px; }
button { font: inherit; padding: 4px 10px; border: 2px solid #111; border-radius: 4px; background: #f2f2f2; color: #111; cursor: pointer; }
:focus-visible { outline: 3px solid #1a5fb4; outline-offset: 2px; }
`;
const HOST_STYLE = ['all: initial', 'position: fixed', 'inset: 0', 'pointer-events: none', 'z-index: 2147483647', 'display: block']
  .map((d) => `${d} !important`).join('; ');
const t = (key: string, fallback: string): string => browser.i18n.getMessage(key) || fallback;

let nextMenuJob = 1;

function imageAt(srcUrl: string, lastTarget: Element | null): Element | null {
  const matches = (el: Element): boolean => el instanceof HTMLImageElement && (el.currentSrc === srcUrl || el.src === srcUrl);
  if (lastTarget && matches(lastTarget)) return lastTarget;
  return Array.from(document.images).find(matches) ?? null;
}

export function describeImagePopover(registry: ImageRegistry, state: GlimpseStateStore, signal: AbortSignal): void {
  let lastTarget: Element | null = null;
  let close: (() => void) | null = null;

  document.addEventListener('contextmenu', (event) => {
    const first = event.composedPath()[0];
    lastTarget = first instanceof Element ? first : null;
  }, { capture: true, signal });

  function open(image: Element | null): (text: string) => void {
    close?.();
    const returnFocus = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const host = claimNode(document.createElementNS('http://www.w3.org/1999/xhtml', 'glimpse-popover') as HTMLElement);
    host.style.cssText = HOST_STYLE;
    const root = host.attachShadow({ mode: 'open' });
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(CSS);
    root.adoptedStyleSheets = [sheet];
    const dialog = document.createElement('div');
    dialog.className = 'pop';
    dialog.setAttribute('role', 'dialog');
    dialog.setAttribute('aria-labelledby', 'glimpse-pop-title');
    dialog.setAttribute('aria-describedby', 'glimpse-pop-text');
    const title = document.createElement('h2');
    title.id = 'glimpse-pop-title';
    title.tabIndex = -1;
    title.textContent = t('popoverTitle', 'Image description');
    const text = document.createElement('p');
    text.id = 'glimpse-pop-text';
    // The answer may come seconds later: announce it when it does.
    text.setAttribute('aria-live', 'polite');
    text.textContent = t('popoverWorking', 'Describing the image…');
    const button = document.createElement('button');
    button.type = 'button';
    button.textContent = t('popoverClose', 'Close');
    dialog.append(title, text, button);
    root.append(dialog);
    const box = image?.getBoundingClientRect();
    dialog.style.left = `${Math.max(8, Math.min(box?.left ?? 8, innerWidth - 360))}px`;
    dialog.style.top = `${Math.max(8, Math.min(box ? box.bottom + 8 : 8, innerHeight - 160))}px`;
    document.documentElement.append(host);
    title.focus();

    const controller = new AbortController();
    close = () => {
      controller.abort();
      host.remove();
      releaseNode(host);
      close = null;
      returnFocus?.focus();
    };
    button.addEventListener('click', () => close?.(), { signal: controller.signal });
    root.addEventListener('keydown', (event) => {
      if ((event as KeyboardEvent).key === 'Escape') {
        event.stopPropagation();
        close?.();
      }
    }, { signal: controller.signal });
    return (words: string) => void (text.textContent = words);
  }

  async function describe(image: Element | null, srcUrl: string): Promise<CaptionOutcome> {
    const record = image ? registry.all().find((r) => r.element === image) : undefined;
    if (record?.description) return record.description;
    try {
      return (await browser.runtime.sendMessage(envelope('content:caption', { imageId: `menu-${nextMenuJob++}`, src: srcUrl, priority: 0, placeHint: image ? placeHint(image) : null }))) as ResponseOf<'content:caption'>;
    } catch (error) {
      return { ok: false, code: 'engine-error', message: `Glimpse could not reach its caption engine (${error instanceof Error ? error.message : String(error)}).` };
    }
  }

  listenTab('tab:describe-image', async ({ srcUrl }) => {
    const image = imageAt(srcUrl, lastTarget);
    const show = open(image);
    const { settings } = state.current();
    const outcome = await describe(image, srcUrl);
    const decision = decideLabel(outcome, settings);
    let words = decision.state === 'withheld' ? `No description: ${decision.reason}` : decision.text;
    // A name quotes the start of long text (a document, a screenshot); asked for, the whole text is said.
    if (outcome.ok && fullText(outcome.ocrText).length > quote(outcome.ocrText).length) words += ` Full text: ${fullText(outcome.ocrText)}`;
    show(words);
    if (settings.speech) speak(words, settings, 'menu');
    return { text: words };
  }, signal);

  signal.addEventListener('abort', () => close?.(), { once: true });
}
