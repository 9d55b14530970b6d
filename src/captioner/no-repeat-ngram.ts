/**
 * The no-repeat-n-gram rule of Hugging Face's NoRepeatNGramLogitsProcessor:
 * a token is banned if appending it would repeat an n-gram already present in
 * the sequence (decoder start token included, as there).
 *
 * @example
 *   bannedByNgram([0, 5, 6, 5], 2) // Set {6}: "5 6" already occurred
 */
export function bannedByNgram(sequence: readonly number[], n: number): Set<number> {
  const banned = new Set<number>();
  if (n <= 0 || sequence.length + 1 < n) return banned;
  const prefixStart = sequence.length - (n - 1);
  for (let start = 0; start + n <= sequence.length; start++) {
    let match = true;
    for (let k = 0; k < n - 1; k++) {
      if (sequence[start + k] !== sequence[prefixStart + k]) {
        match = false;
        break;
      }
    }
    if (match) banned.add(sequence[start + n - 1]!);
  }
  return banned;
}

/** Sets banned entries of a score row to -Infinity, in place. */
export function applyBans(scores: Float64Array, ...bans: Iterable<number>[]): Float64Array {
  for (const ban of bans) for (const id of ban) if (id >= 0 && id < scores.length) scores[id] = -Infinity;
  return scores;
}
