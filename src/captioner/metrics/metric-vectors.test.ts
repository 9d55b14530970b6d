// Checks the metrics against values computed by the COCO caption evaluation
// code (pycocoevalcap, through nlg-eval's test suite), shipped in
// ../shared/eval/metric-vectors.json beside the repository, or under
// $GLIMPSE_SHARED when set. Those values were computed without a tokenizer,
// so the tokenised strings go straight to the scorers.
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scoreTokenized } from './index';
import type { CaptionScores } from './types';

interface VectorCase {
  name: string;
  hypotheses: string[];
  references: string[][];
  expected: CaptionScores;
  places: number;
}

const repoRoot = resolve(fileURLToPath(new URL('.', import.meta.url)), '../../..');
const shared = process.env.GLIMPSE_SHARED ?? join(repoRoot, '..', 'shared');
const vectorsPath = join(shared, 'eval', 'metric-vectors.json');

function loadCases(): VectorCase[] {
  if (!existsSync(vectorsPath)) throw new Error(`metric vectors not found at ${vectorsPath}; set GLIMPSE_SHARED`);
  return (JSON.parse(readFileSync(vectorsPath, 'utf8')) as { cases: VectorCase[] }).cases;
}

function score(c: VectorCase): CaptionScores {
  // nlg-eval strips every sentence before scoring.
  const candidates = new Map(c.hypotheses.map((h, i) => [String(i), h.trim()] as const));
  const references = new Map(c.references.map((refs, i) => [String(i), refs.map((r) => r.trim())] as const));
  return scoreTokenized(candidates, references);
}

/** Python's assertAlmostEqual(places=n): round(a - b, n) == 0. */
function expectPlaces(actual: number, expected: number, places: number, label: string): void {
  expect(Math.abs(actual - expected), `${label}: ${actual} vs ${expected}`).toBeLessThan(0.5 * 10 ** -places);
}

const cases = loadCases();
const exact = ['Bleu_1', 'Bleu_2', 'Bleu_3', 'Bleu_4', 'ROUGE_L', 'CIDEr'] as const;

describe('metrics match the COCO caption evaluation', () => {
  it('has the vectors', () => expect(cases.length).toBeGreaterThanOrEqual(3));

  for (const c of cases) {
    it(`BLEU, ROUGE-L and CIDEr-D on ${c.name}`, () => {
      const s = score(c);
      for (const key of exact) expectPlaces(s[key], c.expected[key], c.places, `${c.name} ${key}`);
    });
  }

  // METEOR (exact+stem) lacks METEOR 1.5's synonym and paraphrase modules.
  // Where the vectors need neither it must agree to 5 places; on the
  // two-sentence corpus METEOR 1.5 finds paraphrase matches ("has been" /
  // "was"), so it may only fall short, and by a bounded amount.
  it('METEOR (exact+stem) on sentences without paraphrases', () => {
    for (const name of ['single-sentence', 'single-sentence-non-ascii']) {
      const c = cases.find((x) => x.name === name)!;
      expectPlaces(score(c).METEOR, c.expected.METEOR, 5, `${name} METEOR`);
    }
  });

  it('METEOR (exact+stem) deviation where METEOR 1.5 uses paraphrases', () => {
    const c = cases.find((x) => x.name === 'corpus-two-sentences')!;
    const deviation = c.expected.METEOR - score(c).METEOR;
    expect(deviation).toBeGreaterThan(0);
    expect(deviation).toBeLessThan(0.045);
  });
});
