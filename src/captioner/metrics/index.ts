/**
 * Caption metrics as the COCO caption evaluation reports them. Pure
 * TypeScript: runs in Node (eval, tests) and anywhere else the core runs.
 *
 * SPICE is not provided: it needs a Java scene-graph parser that is not available.
 */
import { bleu } from './bleu';
import { ciderD, ciderDPerImage } from './cider-d';
import { meteor } from './meteor';
import { rougeL } from './rouge-l';
import { tokenizeCaption } from './tokenize';
import type { Candidates, CaptionScores, References } from './types';

export type { Candidates, CaptionScores, References } from './types';
export { tokenizeCaption } from './tokenize';

/**
 * Scores captions the way the COCO caption evaluation does: tokenises every
 * candidate and reference (lower-case, PTB tokens, punctuation dropped), then
 * computes BLEU-1..4, METEOR (exact+stem), ROUGE-L and CIDEr-D over the images
 * that have references.
 *
 * @example
 * scoreCaptions(new Map([['1.jpg', 'A dog runs.']]), new Map([['1.jpg', ['A dog is running.', 'A brown dog.']]]))
 * // { Bleu_1: …, …, CIDEr: 0 }  (CIDEr-D is 0 on a one-image set)
 */
export function scoreCaptions(candidates: Candidates, references: References): CaptionScores {
  return scoreTokenized(...tokenizeAll(candidates, references));
}

/**
 * Each image's CIDEr-D after the same tokenisation; their mean is
 * `scoreCaptions(…).CIDEr`, their spread gives the corpus score's standard error.
 */
export function ciderDByImage(candidates: Candidates, references: References): Map<string, number> {
  return ciderDPerImage(...tokenizeAll(candidates, references));
}

function tokenizeAll(candidates: Candidates, references: References): [Candidates, References] {
  const cands = new Map<string, string>();
  const refs = new Map<string, string[]>();
  for (const [id, list] of references) {
    refs.set(id, list.map(tokenizeCaption));
    const cand = candidates.get(id);
    if (cand !== undefined) cands.set(id, tokenizeCaption(cand));
  }
  return [cands, refs];
}

/**
 * Scores captions that are already tokenised (words separated by spaces), as
 * the metric scorers receive them after the COCO tokenisation step.
 */
export function scoreTokenized(candidates: Candidates, references: References): CaptionScores {
  const [b1, b2, b3, b4] = bleu(candidates, references, 4) as [number, number, number, number];
  return {
    Bleu_1: b1,
    Bleu_2: b2,
    Bleu_3: b3,
    Bleu_4: b4,
    METEOR: meteor(candidates, references),
    ROUGE_L: rougeL(candidates, references),
    CIDEr: ciderD(candidates, references),
  };
}
