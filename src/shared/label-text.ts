/**
 * What Glimpse writes as an image's name for one engine answer: the
 * description with its marker, hedged when the engine is unsure, or nothing
 * (with the reason) when it is too unsure. A wrong confident caption is worse
 * than none for someone who can't see the image, so the floor withholds.
 */
import type { CaptionOutcome } from './engine-types';
import type { Settings } from './settings';

export type LabelDecision =
  | { state: 'confident' | 'hedged'; text: string }
  | { state: 'withheld'; reason: string };

type LabelSettings = Pick<Settings, 'markerEnabled' | 'marker' | 'uncertainMarker' | 'confidentAt' | 'withholdBelow'>;

const percent = (n: number): string => `${Math.round(n * 100)}%`;

/**
 * @example
 *   decideLabel({ ok: true, text: 'a dog runs', confidence: 0.3, … }, DEFAULT_SETTINGS)
 *   // → { state: 'hedged', text: 'Automatic description, uncertain: may show a dog runs' }
 */
export function decideLabel(outcome: CaptionOutcome, settings: LabelSettings): LabelDecision {
  if (!outcome.ok) return { state: 'withheld', reason: outcome.message };
  const text = outcome.text.trim();
  if (text === '') return { state: 'withheld', reason: 'The caption engine returned no words for this image.' };
  if (outcome.confidence < settings.withholdBelow) {
    return {
      state: 'withheld',
      reason: `Description withheld: the engine's confidence (${percent(outcome.confidence)}) is below the ${percent(settings.withholdBelow)} floor set in Glimpse's options.`,
    };
  }
  if (outcome.confidence >= settings.confidentAt) {
    return { state: 'confident', text: settings.markerEnabled ? `${settings.marker}${text}` : text };
  }
  // Without a marker the hedge still has to say the content is a guess.
  return { state: 'hedged', text: settings.markerEnabled ? `${settings.uncertainMarker}${text}` : `may show ${text}` };
}
