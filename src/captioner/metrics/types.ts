/** Captions keyed by image id: one candidate per image, several references. */
export type Candidates = ReadonlyMap<string, string>;
export type References = ReadonlyMap<string, readonly string[]>;

/** The COCO caption evaluation's score names, as its `eval` dictionary spells them. */
export interface CaptionScores {
  Bleu_1: number;
  Bleu_2: number;
  Bleu_3: number;
  Bleu_4: number;
  /** METEOR from exact and stem matches only: see meteor.ts for how it differs from METEOR 1.5. */
  METEOR: number;
  ROUGE_L: number;
  /** CIDEr-D, named `CIDEr` as the COCO evaluation names it. */
  CIDEr: number;
}

/** The ids to score: every image that has references, in the references' order. */
export function scoredIds(candidates: Candidates, references: References): string[] {
  const ids: string[] = [];
  for (const id of references.keys()) {
    if (!candidates.has(id)) throw new Error(`no candidate caption for image ${id}`);
    ids.push(id);
  }
  return ids;
}
