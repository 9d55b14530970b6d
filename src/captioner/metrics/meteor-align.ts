/**
 * METEOR 1.5's word alignment, restricted to its exact and stem modules: every
 * candidate match between the two word lists, the one-to-one matches fixed up
 * front, then its left-to-right beam search (width 40) that prefers more
 * matched words, then fewer chunks, then a smaller position distance.
 *
 * The search reproduces the reference aligner's arithmetic, including two of
 * its quirks that change which alignment wins a tie: weighted match totals are
 * Java ints (a stem match's 0.5 search weight is truncated away), and the
 * distance of a newly chosen match is added to the path that skips it.
 */
import { stem } from './stem';

export const MODULE_EXACT = 0;
export const MODULE_STEM = 1;

/** One aligned word pair: `start` indexes the reference, `matchStart` the candidate. */
export interface Match {
  start: number;
  matchStart: number;
  module: number;
}

interface Path {
  matches: (Match | null)[];
  matches1: number;
  matches2: number;
  chunks: number;
  idx: number;
  lastMatchEnd: number;
  distance: number;
  used1: boolean[];
  used2: boolean[];
}

// Weights used only to rank partial alignments (MeteorScorer's "best weights for evaluation").
const SEARCH_WEIGHTS = [1.0, 0.5];
const BEAM_SIZE = 40;

/**
 * Aligns candidate words (`words1`) to reference words (`words2`); returns, for
 * each reference position, the match starting there or null.
 *
 * @example alignWords(['a', 'dogs'], ['a', 'dog']) // [{start:0,matchStart:0,module:0}, {start:1,matchStart:1,module:1}]
 */
export function alignWords(words1: readonly string[], words2: readonly string[]): (Match | null)[] {
  const candidates: Match[][] = words2.map(() => []);
  const coverage1 = new Array<number>(words1.length).fill(0);
  const coverage2 = new Array<number>(words2.length).fill(0);
  const add = (i: number, j: number, module: number): void => {
    candidates[j]!.push({ start: j, matchStart: i, module });
    coverage1[i]!++;
    coverage2[j]!++;
  };

  for (let j = 0; j < words2.length; j++) {
    for (let i = 0; i < words1.length; i++) if (words1[i] === words2[j]) add(i, j, MODULE_EXACT);
  }
  // Identical sentences need exact matches only, which spares the search.
  const identical = words1.length === words2.length && words1.every((w, i) => w === words2[i]);
  if (!identical) {
    const stems1 = words1.map(stem);
    const stems2 = words2.map(stem);
    for (let j = 0; j < words2.length; j++) {
      for (let i = 0; i < words1.length; i++) {
        if (stems1[i] === stems2[j] && words1[i] !== words2[j]) add(i, j, MODULE_STEM);
      }
    }
  }

  const start: Path = {
    matches: new Array<Match | null>(words2.length).fill(null),
    matches1: 0,
    matches2: 0,
    chunks: 0,
    idx: 0,
    lastMatchEnd: -1,
    distance: 0,
    used1: new Array<boolean>(words1.length).fill(false),
    used2: new Array<boolean>(words2.length).fill(false),
  };
  // A match that is the only one on both of its words is certain.
  candidates.forEach((list, j) => {
    const m = list[0];
    if (list.length === 1 && m && coverage2[j] === 1 && coverage1[m.matchStart] === 1) {
      start.matches[j] = m;
      start.used2[j] = true;
      start.used1[m.matchStart] = true;
    }
  });
  return resolve(candidates, start).matches;
}

function copy(p: Path): Path {
  return { ...p, matches: p.matches.slice(), used1: p.used1.slice(), used2: p.used2.slice() };
}

function compare(x: Path, y: Path): number {
  const diff = y.matches1 + y.matches2 - (x.matches1 + x.matches2);
  if (diff !== 0) return diff > 0 ? 1 : -1;
  if (x.chunks !== y.chunks) return x.chunks - y.chunks;
  return x.distance - y.distance;
}

/** Adds a match's weighted size to a path, truncating as Java's `int += double` does. */
function take(path: Path, m: Match): void {
  const w = SEARCH_WEIGHTS[m.module]!;
  path.matches1 = Math.trunc(path.matches1 + w);
  path.matches2 = Math.trunc(path.matches2 + w);
  if (path.lastMatchEnd !== -1 && m.matchStart !== path.lastMatchEnd) path.chunks++;
  path.idx = m.start + 1;
  path.lastMatchEnd = m.matchStart + 1;
}

function resolve(candidates: Match[][], start: Path): Path {
  let next: Path[] = [start];
  for (let current = 0; current <= candidates.length; current++) {
    const paths = next.sort(compare); // stable, like Collections.sort
    next = [];
    for (let rank = 0; rank < BEAM_SIZE && rank < paths.length; rank++) {
      const path = paths[rank]!;
      if (current === candidates.length) {
        if (path.lastMatchEnd !== -1) path.chunks++;
        next.push(path);
        continue;
      }
      if (path.used2[current]) {
        if (current < path.idx) next.push(path);
        else {
          const fixed = path.matches[path.idx];
          if (fixed) {
            take(path, fixed);
            path.distance += Math.abs(fixed.start - fixed.matchStart);
            next.push(path);
          }
        }
        continue;
      }
      for (const m of candidates[current]!) {
        if (path.used2[m.start] || path.used1[m.matchStart]) continue;
        const branch = copy(path);
        branch.used2[m.start] = true;
        branch.used1[m.matchStart] = true;
        branch.matches[current] = m;
        take(branch, m);
        path.distance += Math.abs(m.start - m.matchStart);
        next.push(branch);
      }
      if (path.lastMatchEnd !== -1) {
        path.chunks++;
        path.lastMatchEnd = -1;
      }
      path.idx++;
      next.push(path);
    }
    if (next.length === 0) next.push(paths[0]!);
  }
  return next.sort(compare)[0]!;
}

/**
 * Matched words and chunks of a finished alignment: a chunk is a run of
 * matches adjacent and in the same order in both sentences.
 */
export function countChunks(matches: readonly (Match | null)[]): { matched: number; chunks: number } {
  let matched = 0;
  let chunks = 0;
  let lastMatchEnd = -1;
  for (const m of matches) {
    if (m === null) {
      if (lastMatchEnd !== -1) {
        chunks++;
        lastMatchEnd = -1;
      }
      continue;
    }
    matched++;
    if (lastMatchEnd !== -1 && m.matchStart !== lastMatchEnd) chunks++;
    lastMatchEnd = m.matchStart + 1;
  }
  if (lastMatchEnd !== -1) chunks++;
  return { matched, chunks };
}
