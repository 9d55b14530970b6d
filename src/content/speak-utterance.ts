/**
 * Glimpse's one voice in a frame: every utterance goes through `speak()`,
 * which cancels whatever is still speaking first (a backlog of stale
 * descriptions is worse than silence), applies the user's voice, rate and
 * pitch, and remembers the last utterances in memory for `tab:speech-log`
 * (auditors check what was read; headless Chromium has no voices to hear).
 *
 * `speechSynthesis` of the content script's isolated world is a separate JS
 * wrapper of the same browser object, so a page's own patches of `speak`
 * don't see (or block) Glimpse's utterances.
 *
 * @example
 *   speak('Automatic description: a dog runs', settings);
 */
import type { SpokenUtterance } from '../shared/messages';
import type { Settings } from '../shared/settings';

const LOG_SIZE = 20;
const log: SpokenUtterance[] = [];

export function speak(text: string, settings: Pick<Settings, 'voice' | 'rate' | 'pitch'>, reason: SpokenUtterance['reason']): void {
  if (typeof speechSynthesis === 'undefined' || text.trim() === '') return;
  speechSynthesis.cancel();
  const utterance = new SpeechSynthesisUtterance(text);
  const voice = settings.voice ? speechSynthesis.getVoices().find((v) => v.voiceURI === settings.voice) : undefined;
  if (voice) {
    utterance.voice = voice;
    utterance.lang = voice.lang;
  } else {
    utterance.lang = document.documentElement.lang || navigator.language;
  }
  utterance.rate = settings.rate;
  utterance.pitch = settings.pitch;
  speechSynthesis.speak(utterance);
  log.push({ text, voice: voice?.voiceURI ?? '', rate: utterance.rate, pitch: utterance.pitch, lang: utterance.lang, reason, at: Date.now() });
  if (log.length > LOG_SIZE) log.shift();
}

/** Stops speaking now (navigation, Glimpse off). */
export function stopSpeaking(): void {
  if (typeof speechSynthesis !== 'undefined') speechSynthesis.cancel();
}

/** The last utterances of this frame, oldest first. */
export function spokenLog(): SpokenUtterance[] {
  return [...log];
}
