// CTC greedy decoding and the dictionary layout (blank 0, symbols 1..N, space N + 1).
import { describe, expect, it } from 'vitest';
import { ctcGreedy, parseDictionary } from './ctc';

const symbols = parseDictionary('A\nB\nC\r\n'); // ['A', 'B', 'C', ' ']
const classes = symbols.length + 1; // + blank

/** One row per step: the class that wins and its probability; the rest share what is left. */
function probs(steps: [cls: number, p: number][]): Float32Array {
  const out = new Float32Array(steps.length * classes);
  steps.forEach(([cls, p], t) => {
    for (let k = 0; k < classes; k++) out[t * classes + k] = k === cls ? p : (1 - p) / (classes - 1);
  });
  return out;
}

describe('parseDictionary', () => {
  it('reads one symbol a line (CRLF too) and appends the space class', () => {
    expect(symbols).toEqual(['A', 'B', 'C', ' ']);
  });
});

describe('ctcGreedy', () => {
  it('collapses repeats, drops blanks, and keeps a repeat separated by a blank', () => {
    // A A _ B B _ B C → "ABBC"
    const p = probs([[1, 0.9], [1, 0.8], [0, 0.99], [2, 0.7], [2, 0.9], [0, 0.9], [2, 0.6], [3, 1]]);
    const out = ctcGreedy(p, 8, classes, symbols);
    expect(out.text).toBe('ABBC');
    // Mean over the kept steps (first step of each run): A 0.9, B 0.7, B 0.6, C 1.
    expect(out.confidence).toBeCloseTo((0.9 + 0.7 + 0.6 + 1) / 4, 5);
  });

  it('maps the last class to a space, trims and squeezes spaces', () => {
    const p = probs([[4, 0.9], [1, 0.9], [4, 0.9], [0, 0.9], [4, 0.9], [2, 0.9], [4, 0.9]]);
    expect(ctcGreedy(p, 7, classes, symbols).text).toBe('A B');
  });

  it('reads a word gap from the space probability of blank steps when asked to', () => {
    // A, then a blank step where the space class has 0.2 (blank 0.7), then B.
    const p = probs([[1, 0.9], [0, 0.7], [2, 0.9]]);
    p[1 * classes + 4] = 0.2;
    expect(ctcGreedy(p, 3, classes, symbols).text).toBe('AB');
    expect(ctcGreedy(p, 3, classes, symbols, 0, 0.1).text).toBe('A B');
    expect(ctcGreedy(p, 3, classes, symbols, 0, 0.3).text).toBe('AB');
  });

  it('returns empty text with confidence 0 for an all-blank sequence', () => {
    expect(ctcGreedy(probs([[0, 0.9], [0, 0.9]]), 2, classes, symbols)).toEqual({ text: '', confidence: 0 });
  });

  it('decodes one sequence of a batch at an offset', () => {
    const batch = new Float32Array([...probs([[1, 0.9], [0, 0.9]]), ...probs([[3, 0.9], [0, 0.9]])]);
    expect(ctcGreedy(batch, 2, classes, symbols, 2 * classes).text).toBe('C');
  });
});
