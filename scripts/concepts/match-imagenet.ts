/**
 * Matches each ImageNet-1k simple label to a WordNet 3.1 noun synset.
 *
 * ImageNet's classes are WordNet 3.0 synsets and its class order is the order
 * of their 3.0 offsets; WordNet 3.1 kept the order of data.noun almost
 * everywhere, so the labels that name exactly one synset give increasing
 * offsets. Those that are leaves (their longest increasing run) are the anchors; every other
 * label is resolved inside the offset window between its neighbouring anchors:
 *   1. a sense of the label (or a spelling variant) inside the window;
 *   2. else the window's synset whose lemmas share the most words with the
 *      label (head word required; leaves preferred, as ImageNet's classes are);
 *   3. else the first sense of the label in its neighbours' lexicographer file;
 *   4. else the nearest hypernym the two neighbouring anchors share.
 * A class that still needs a person's judgement is fixed in the vocabulary's
 * `synsetOverrides`.
 *
 * @example
 *   const matches = matchImagenet(wn, labels, overrides);
 *   matches[134].synset; // the bird crane, from the window among the birds
 */
import type { NounDatabase } from './wordnet-files';

export interface SynsetOverride {
  class: number;
  label: string;
  lemma: string;
  offset: string;
  why: string;
}

export type MatchHow = 'only sense' | 'sense in window' | 'window search' | 'outside window' | 'neighbours' | 'override';

export interface ClassMatch {
  index: number;
  label: string;
  offset: string;
  how: MatchHow;
  /** How many noun synsets the label's spellings name. */
  senses: number;
}

const stopWords = new Set(['the', 'of', 'and', 'a']);

/** Spellings to look up: as given, hyphens as spaces and back, singular, "St." spelt out. */
export function labelVariants(label: string): string[] {
  const base = label.toLowerCase().replace(/\s*\([^)]*\)\s*/g, ' ').trim();
  const out = new Set<string>();
  for (const v of [base, base.replace(/^st\. /, 'saint '), base.replace(/'s\b/g, 's'), base.replace(/'s\b/g, '')]) {
    out.add(v);
    out.add(v.replace(/-/g, ' '));
    out.add(v.replace(/ /g, '-'));
    out.add(v.replace(/-/g, ''));
    if (/[^s]s$/.test(v)) out.add(v.slice(0, -1));
  }
  return [...out];
}

export function labelWords(label: string): string[] {
  return label
    .toLowerCase()
    .replace(/[()]/g, ' ')
    .split(/[\s-]+/)
    .map((w) => w.replace(/[^a-z]/g, ''))
    .filter((w) => w && !stopWords.has(w));
}

function senseCandidates(wn: NounDatabase, label: string): string[] {
  const seen = new Set<string>();
  for (const v of labelVariants(label)) for (const o of wn.senses(v)) seen.add(o);
  return [...seen];
}

/** Indices of the longest strictly increasing subsequence of `values`. */
function longestIncreasing(values: number[]): number[] {
  const tails: number[] = [];
  const prev = new Array<number>(values.length).fill(-1);
  for (let i = 0; i < values.length; i++) {
    let lo = 0;
    let hi = tails.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((values[tails[mid] ?? 0] ?? 0) < (values[i] ?? 0)) lo = mid + 1;
      else hi = mid;
    }
    if (lo > 0) prev[i] = tails[lo - 1] ?? -1;
    tails[lo] = i;
  }
  const out: number[] = [];
  for (let i = tails[tails.length - 1] ?? -1; i >= 0; i = prev[i] ?? -1) out.push(i);
  return out.reverse();
}

function windowSearch(wn: NounDatabase, label: string, lo: number, hi: number, needHead: boolean): string | null {
  const want = labelWords(label);
  const head = want[want.length - 1];
  let best: { offset: string; score: number } | null = null;
  for (const s of wn.all()) {
    const o = Number(s.offset);
    if (o <= lo || o >= hi) continue;
    let score = 0;
    for (const lemma of s.lemmas) {
      const words = labelWords(lemma);
      if (!head || (needHead && !words.some((w) => w === head || w === `${head}s` || `${w}s` === head))) continue;
      const shared = want.filter((w) => words.includes(w)).length;
      if (shared === 0) continue;
      score = Math.max(score, shared * 2 + (s.hyponyms.length === 0 ? 1 : 0) - words.length * 0.1);
    }
    if (score > 0) {
      const glossWords = labelWords(s.gloss);
      score += 0.5 * want.filter((w) => w !== head && glossWords.includes(w)).length;
      if (!best || score > best.score) best = { offset: s.offset, score };
    }
  }
  return best?.offset ?? null;
}

export function matchImagenet(wn: NounDatabase, labels: readonly string[], overrides: readonly SynsetOverride[]): ClassMatch[] {
  const candidates = labels.map((l) => senseCandidates(wn, l));
  // A label naming one synset anchors only if that synset is a leaf: ImageNet's
  // classes are leaves, and a label like "newt" (ImageNet's eft) names the genus.
  const single = candidates.flatMap((c, i) => (c.length === 1 && wn.synset(c[0] ?? '').hyponyms.length === 0 ? [i] : []));
  const anchorIdx = longestIncreasing(single.map((i) => Number(candidates[i]?.[0]))).map((k) => single[k] ?? 0);
  const anchors = new Map(anchorIdx.map((i) => [i, candidates[i]?.[0] ?? '']));
  const byClass = new Map(overrides.map((o) => [o.class, o]));

  return labels.map((label, index): ClassMatch => {
    const senses = candidates[index]?.length ?? 0;
    const override = byClass.get(index);
    if (override) {
      if (override.label !== label) throw new Error(`override for class ${index} names "${override.label}", the label is "${label}"`);
      if (!wn.synset(override.offset).lemmas.includes(override.lemma.toLowerCase())) throw new Error(`override for class ${index}: synset ${override.offset} has no lemma "${override.lemma}"`);
      return { index, label, offset: override.offset, how: 'override', senses };
    }
    const anchor = anchors.get(index);
    if (anchor) return { index, label, offset: anchor, how: 'only sense', senses };
    let before = index - 1;
    while (before >= 0 && !anchors.has(before)) before--;
    let after = index + 1;
    while (after < labels.length && !anchors.has(after)) after++;
    const lo = before >= 0 ? Number(anchors.get(before)) : 0;
    const hi = after < labels.length ? Number(anchors.get(after)) : Infinity;
    const inside = (candidates[index] ?? []).find((o) => Number(o) > lo && Number(o) < hi);
    if (inside) return { index, label, offset: inside, how: 'sense in window', senses };
    const found = windowSearch(wn, label, lo, hi, true) ?? windowSearch(wn, label, lo, hi, false);
    if (found) return { index, label, offset: found, how: 'window search', senses };
    const lexFiles = new Set([before, after].flatMap((i) => (anchors.has(i) ? [wn.synset(anchors.get(i) ?? '').lexFile] : [])));
    const sameFile = (candidates[index] ?? []).find((o) => lexFiles.has(wn.synset(o).lexFile));
    if (sameFile) return { index, label, offset: sameFile, how: 'outside window', senses };
    // Nothing by name: the nearest hypernym the two neighbours share (a breed between breeds is a dog).
    const above = new Set(wn.hypernymClosure(anchors.get(after) ?? anchors.get(before) ?? ''));
    const shared = wn.hypernymClosure(anchors.get(before) ?? anchors.get(after) ?? '').find((o) => above.has(o));
    if (!shared) throw new Error(`class ${index} "${label}": no WordNet synset found; add a synsetOverride`);
    return { index, label, offset: shared, how: 'neighbours', senses };
  });
}
