/**
 * English plurals and articles for the concept words Glimpse says.
 *
 * @example plural('person') // 'people'
 * @example withArticle('elephant') // 'an elephant'
 */
const IRREGULAR: Record<string, string> = {
  person: 'people', child: 'children', man: 'men', woman: 'women', sheep: 'sheep', fish: 'fish',
  deer: 'deer', skis: 'skis', mouse: 'mice', goose: 'geese', knife: 'knives', shelf: 'shelves',
};

export function plural(word: string): string {
  const parts = word.split(' ');
  const last = parts.pop()!;
  let p = IRREGULAR[last];
  if (!p) {
    if (/(s|x|z|ch|sh)$/.test(last)) p = `${last}es`;
    else if (/[^aeiou]y$/.test(last)) p = `${last.slice(0, -1)}ies`;
    else p = `${last}s`;
  }
  return [...parts, p].join(' ');
}

export function withArticle(word: string): string {
  return `${/^[aeiou]/.test(word) ? 'an' : 'a'} ${word}`;
}

const NUMERALS = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** '2 dogs', 'a dog'; numbers as digits, which screen readers say quickly. */
export function counted(word: string, n: number): string {
  return n === 1 ? withArticle(word) : `${n} ${plural(word)}`;
}

/** Number words as reference captions write them ('two dogs'), for judging counts. */
export function numberWord(n: number): string | null {
  return NUMERALS[n] ?? null;
}
