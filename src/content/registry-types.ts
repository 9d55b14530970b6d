/**
 * The contract between the scanner (which finds and classifies images) and the
 * features that act on them (overlay, describing, labelling, speech).
 * Implemented by src/content/image-registry.ts.
 */
import type { CaptionOutcome, ImageStatus } from '../shared/messages';
import type { DescribeDecision } from '../shared/image-status';

export interface ImageRecord {
  /** Stable for the element's lifetime in this frame, e.g. "g-12". */
  id: string;
  element: Element;
  /** img | picture | input-image | role-img | svg | area | object */
  kind: string;
  /** The accessibility status, as axe-core's image rules and ARIA judge it. */
  status: ImageStatus;
  /** The human reason sentence from the rules table (same text everywhere). */
  reason: string;
  /** Id of the rule (row of the rules table) that decided the status. */
  ruleId: string;
  /** Whether Glimpse describes it: 'describe', or the skip rule that holds (too small, not rendered…). */
  describe: DescribeDecision;
  /** That decision's reason sentence from the rules table. */
  describeReason: string;
  /** Resolved image URL (currentSrc for img/picture), or null when there is none. */
  src: string | null;
  /** The accessible name the page gives it now ('' when none). */
  name: string;
  /** Smaller is sooner: 0 for in-viewport, growing with distance. */
  priority: number;
  /** Set by the describing feature once the engine answered. */
  description?: CaptionOutcome;
  /**
   * What the labelling feature did with the description: the name Glimpse wrote
   * (the scanner classifies as if it were absent) or why it wrote none.
   */
  glimpseLabel?: GlimpseLabel;
}

/** A name Glimpse wrote into the page, or the reason it withheld one. */
export type GlimpseLabel =
  | {
      state: 'confident' | 'hedged';
      /** The attribute written, and the exact value (so an author's later change is recognised). */
      attribute: 'alt' | 'aria-label';
      value: string;
      /** The element's alt attribute and accessible name before Glimpse wrote anything. */
      authorAlt: string | null;
      authorName: string;
    }
  | { state: 'withheld'; reason: string };

export type RegistryEvent =
  | { type: 'added' | 'updated'; record: ImageRecord }
  | { type: 'removed'; record: ImageRecord };

export interface ImageRegistry {
  all(): ImageRecord[];
  get(id: string): ImageRecord | undefined;
  /** Calls `listener` for every later change; returns an unsubscribe function. Existing records are replayed as 'added'. */
  subscribe(listener: (event: RegistryEvent) => void, signal?: AbortSignal): () => void;
  /** Attach the engine's answer to a record and notify subscribers ('updated'). */
  setDescription(id: string, outcome: CaptionOutcome): void;
  /** Record what the labelling feature wrote (undefined: nothing any more) and notify subscribers. */
  setGlimpseLabel(id: string, label: GlimpseLabel | undefined): void;
}
