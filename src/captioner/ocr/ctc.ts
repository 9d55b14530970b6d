/**
 * CTC greedy decoding for the PaddleOCR recogniser. Class 0 is the CTC blank,
 * classes 1..N are the dictionary's lines in order, and class N + 1 is a space
 * (PaddleOCR's `use_space_char`). Greedy: argmax per time step, collapse
 * repeats, drop blanks. Confidence = mean of the kept steps' max probabilities.
 *
 * @example
 *   const dict = parseDictionary(text);            // ['\'', '疗', …, ' ']
 *   ctcGreedy(probs, steps, dict.length + 1, dict) // { text: 'SALE', confidence: 0.98 }
 */

/** Dictionary file (one symbol a line) → class symbols for classes 1..N+1, the space appended. */
export function parseDictionary(text: string): string[] {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  if (lines.length && lines[lines.length - 1] === '') lines.pop();
  return [...lines, ' '];
}

export interface Decoded {
  text: string;
  confidence: number;
}

/**
 * Decodes one sequence. `probs` holds `steps × classes` softmax outputs
 * (row-major, starting at `offset`); `symbols[k - 1]` is class k's text.
 *
 * `spaceThreshold`: the recogniser (trained mostly on Chinese, where spaces
 * are rare) often lets a blank win a word gap while still giving the space
 * class some probability. A blank step whose space probability reaches the
 * threshold therefore separates the characters around it by a space. 1 turns
 * this off (plain greedy CTC).
 */
export function ctcGreedy(probs: Float32Array, steps: number, classes: number, symbols: readonly string[], offset = 0, spaceThreshold = 1): Decoded {
  const space = symbols[symbols.length - 1] === ' ' ? symbols.length : -1;
  let text = '';
  let sum = 0;
  let kept = 0;
  let previous = -1;
  let gapSpace = false;
  for (let t = 0; t < steps; t++) {
    const row = offset + t * classes;
    let best = 0;
    let bestP = probs[row]!;
    for (let k = 1; k < classes; k++) {
      const p = probs[row + k]!;
      if (p > bestP) {
        bestP = p;
        best = k;
      }
    }
    if (best === 0) {
      if (space > 0 && probs[row + space]! >= spaceThreshold) gapSpace = true;
    } else if (best !== previous) {
      if (gapSpace && best !== space && text !== '' && !text.endsWith(' ')) text += ' ';
      text += symbols[best - 1] ?? '';
      sum += bestP;
      kept++;
    }
    if (best !== 0) gapSpace = false;
    previous = best;
  }
  // Spaces at either end are padding the model read as gaps, not text.
  return { text: text.replace(/\s+/g, ' ').trim(), confidence: kept ? sum / kept : 0 };
}
