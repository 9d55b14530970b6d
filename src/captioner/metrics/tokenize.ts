/**
 * The COCO caption evaluation's tokenisation: Stanford CoreNLP's PTBTokenizer
 * with -lowerCase, then every token in its punctuation list dropped.
 *
 * Written here because CoreNLP is Java and no npm tokenizer reproduces its
 * output: this covers what captions contain (sentence punctuation, quotes,
 * brackets, clitics such as "n't" and "'s", numbers with separators); rare
 * constructs such as URLs or emoticons may split differently.
 */

/**
 * pycocoevalcap's PUNCTUATIONS, plus the raw marks that CoreNLP would have
 * rewritten into them: brackets become -LRB-/-RRB- and straight double quotes
 * become `` or ''. (Brackets are dropped here; whether CoreNLP's -lowerCase
 * also lower-cases its bracket escapes, which would keep them, is untested.)
 */
const DROPPED = new Set(["''", "'", '``', '`', '-lrb-', '-rrb-', '-lcb-', '-rcb-', '.', '?', '!', ',', ':', '-', '--', '...', ';', '(', ')', '[', ']', '{', '}', '"']);

const CLITIC = /^(.+?)(n't|'s|'re|'ve|'ll|'d|'m)$/;
// Split a leading or trailing punctuation mark off a word, one mark at a time.
const LEADING = /^([([{"'`$#]|``|\.\.\.|--)(.+)$/;
const TRAILING = /^(.+?)([)\]}"!?;:,%]|''|\.\.\.|--|\.|')$/;
const ABBREVIATION = /^([a-z]\.)+$/;

/**
 * Tokenises one caption into a space-joined, lower-case string of tokens.
 *
 * @example tokenizeCaption('A dog\'s ball, (red).') // "a dog 's ball red"
 */
export function tokenizeCaption(caption: string): string {
  return tokenizeToList(caption).join(' ');
}

/** Same as {@link tokenizeCaption}, returning the token list. */
export function tokenizeToList(caption: string): string[] {
  const text = caption
    .toLowerCase()
    .replace(/[\u2018\u2019]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    // Inner punctuation that PTB always separates, except commas and colons inside numbers.
    .replace(/([!?;()[\]{}"])/g, ' $1 ')
    .replace(/,(?!\d)|(?<!\d),/g, ' , ');
  const out: string[] = [];
  for (const chunk of text.split(/\s+/)) if (chunk !== '') splitChunk(chunk, out);
  return out.filter((t) => !DROPPED.has(t));
}

function splitChunk(chunk: string, out: string[]): void {
  const tail: string[] = [];
  let word = chunk;
  for (;;) {
    const lead = LEADING.exec(word);
    if (lead) {
      out.push(lead[1]!);
      word = lead[2]!;
      continue;
    }
    const trail = TRAILING.exec(word);
    // "u.s." keeps its final period, as PTB keeps it on known abbreviations.
    if (trail && !(trail[2] === '.' && ABBREVIATION.test(word))) {
      tail.unshift(trail[2]!);
      word = trail[1]!;
      continue;
    }
    break;
  }
  if (word === 'cannot') out.push('can', 'not');
  else {
    const clitic = CLITIC.exec(word);
    if (clitic && clitic[2] === "n't" && clitic[1] === 'ca') out.push('ca', "n't");
    else if (clitic) out.push(clitic[1]!, clitic[2]!);
    else out.push(word);
  }
  out.push(...tail);
}
