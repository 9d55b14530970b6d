/**
 * English function words for METEOR's content/function weighting (delta).
 *
 * METEOR 1.5 reads its list from a file inside its jar, built from word
 * frequencies in a large corpus, which is not available here. This list is
 * written by hand: English closed-class words (articles, determiners,
 * pronouns, prepositions, conjunctions, auxiliaries) and punctuation. The
 * reference vectors pin a few entries: "this", "is", "a" and "." are function
 * words, while "test", "good", "le", "en" and "est" are not.
 */
export const FUNCTION_WORDS: ReadonlySet<string> = new Set<string>(
  `
  a an the this that these those some any each every no all both either neither another other such
  i me my mine we us our ours you your yours he him his she her hers it its they them their theirs
  myself yourself himself herself itself ourselves themselves one
  who whom whose which what where when why how whether there here
  is am are was were be been being do does did done have has had having
  will would shall should can could may might must ought
  of in on at by for with from to into onto upon about above below over under between among through
  during before after against without within along across behind beside near around off out up down
  than as like per via
  and or but nor so yet if because while although though unless until since then also not only very
  too just more most much many few less least
  's n't 're 've 'll 'd 'm
  . , ; : ! ? ' " \` '' \`\` ( ) [ ] { } - -- ...
  `
    .split(/\s+/)
    .filter((w) => w !== ''),
);
