import { describe, expect, it } from 'vitest';
import { bleu } from './bleu';
import { ciderD } from './cider-d';
import { ciderDByImage, scoreCaptions } from './index';
import { alignWords, countChunks } from './meteor-align';
import { meteor, normalize } from './meteor';
import { rougeLSentence } from './rouge-l';
import { stem } from './stem';
import { tokenizeCaption } from './tokenize';

const one = (cand: string, refs: string[]) => [new Map([['x', cand]]), new Map([['x', refs]])] as const;

describe('tokenizeCaption', () => {
  it('lower-cases and drops PTB punctuation', () => {
    expect(tokenizeCaption('A dog, running; in the park!')).toBe('a dog running in the park');
    expect(tokenizeCaption('A child in a pink dress is climbing up a set of stairs .')).toBe(
      'a child in a pink dress is climbing up a set of stairs',
    );
  });
  it('splits clitics and drops quotes and brackets', () => {
    expect(tokenizeCaption("The dog's ball isn't (really) \"red\".")).toBe("the dog 's ball is n't really red");
    expect(tokenizeCaption('They cannot go')).toBe('they can not go');
  });
  it('keeps numbers, hyphenated words and abbreviations whole', () => {
    expect(tokenizeCaption('1,000 people in t-shirts at 10:30 in the U.S. - wow...')).toBe(
      '1,000 people in t-shirts at 10:30 in the u.s. wow',
    );
  });
});

describe('BLEU', () => {
  it('is 1 for a candidate equal to a reference', () => {
    const [c, r] = one('a dog runs on the grass', ['a dog runs on the grass', 'a cat']);
    for (const b of bleu(c, r)) expect(b).toBeCloseTo(1, 9);
  });
  it('applies the brevity penalty against the closest reference length', () => {
    const [c, r] = one('a dog', ['a dog runs', 'a dog runs on the grass']);
    expect(bleu(c, r)[0]).toBeCloseTo(Math.exp(1 - 3 / 2), 8);
  });
});

describe('ROUGE-L', () => {
  it('takes the best precision and the best recall separately', () => {
    // Best precision (1) comes from the first reference, best recall (1) from the second:
    // together they give 1, which no single reference reaches.
    expect(rougeLSentence('a dog runs', ['a dog runs fast', 'dog'])).toBeCloseTo(1, 12);
    // One reference: LCS 2 of 3 candidate words, 2 of 2 reference words.
    const f = ((1 + 1.44) * (2 / 3) * 1) / (1 + 1.44 * (2 / 3));
    expect(rougeLSentence('a dog runs', ['a dog'])).toBeCloseTo(f, 12);
    expect(rougeLSentence('a dog runs', ['a cat', 'two men'])).toBeCloseTo(2.44 * (1 / 3) * 0.5 / (0.5 + 1.44 / 3), 12);
  });
});

describe('CIDEr-D', () => {
  it('is 0 on a single image and rewards the matching caption on two', () => {
    const [c, r] = one('a dog', ['a dog']);
    expect(ciderD(c, r)).toBe(0);
    const refs = new Map([
      ['1', ['a dog runs on grass', 'a brown dog runs']],
      ['2', ['a man rides a bike', 'a person on a bicycle']],
    ]);
    const good = ciderD(new Map([['1', 'a dog runs'], ['2', 'a man rides a bike']]), refs);
    const bad = ciderD(new Map([['1', 'a man rides a bike'], ['2', 'a dog runs']]), refs);
    expect(good).toBeGreaterThan(1);
    expect(bad).toBeLessThan(0.1);
  });

  it('per image: tokenised like the corpus score, whose mean it is', () => {
    const refs = new Map([
      ['1', ['A dog runs on grass.', 'A brown dog runs.']],
      ['2', ['A man rides a bike.', 'A person on a bicycle.']],
      ['3', ['Two children play in the snow.', 'Kids in snow.']],
    ]);
    const cands = new Map([['1', 'A dog runs.'], ['2', 'A man on a bike.'], ['3', 'A dog runs.']]);
    const each = ciderDByImage(cands, refs);
    expect([...each.keys()]).toEqual(['1', '2', '3']);
    expect(each.get('1')!).toBeGreaterThan(each.get('3')!);
    expect(each.get('3')).toBe(0);
    expect([...each.values()].reduce((a, b) => a + b, 0) / 3).toBeCloseTo(scoreCaptions(cands, refs).CIDEr, 12);
  });
});

describe('METEOR (exact+stem)', () => {
  it('stems with Snowball English', () => {
    expect(stem('running')).toBe('run');
    expect(stem('dogs')).toBe('dog');
  });
  it('normalises like METEOR -norm', () => {
    expect(normalize('Le test, en français.')).toEqual(['le', 'test', ',', 'en', 'français', '.']);
    expect(normalize('It costs 3.50')).toEqual(['it', 'costs', '3.50']);
  });
  it('aligns stems where words differ and counts chunks', () => {
    const m = alignWords(['dogs', 'are', 'running'], ['a', 'dog', 'runs']);
    expect(m.map((x) => x && [x.matchStart, x.module])).toEqual([null, [0, 1], [2, 1]]);
    expect(countChunks(m)).toEqual({ matched: 2, chunks: 2 });
  });
  it('scores an identical caption near 1 and an unrelated one 0', () => {
    expect(meteor(...one('a dog runs on the grass', ['a dog runs on the grass']))).toBeGreaterThan(0.99);
    expect(meteor(...one('a red car', ['two men talking']))).toBe(0);
  });
  it('gives stem matches less credit than exact ones', () => {
    const exact = meteor(...one('a dog runs', ['a dog runs fast']));
    const stemmed = meteor(...one('a dog running', ['a dog runs fast']));
    expect(stemmed).toBeLessThan(exact);
    expect(stemmed).toBeGreaterThan(meteor(...one('a dog jumps', ['a dog runs fast'])));
  });
});

describe('scoreCaptions', () => {
  it('tokenises before scoring, so case and punctuation do not matter', () => {
    const refs = new Map([
      ['1.jpg', ['A dog runs on the grass .', 'A brown dog is running .']],
      ['2.jpg', ['A man rides a bike .', 'A person on a bicycle .']],
    ]);
    const a = scoreCaptions(new Map([['1.jpg', 'A DOG RUNS ON THE GRASS!'], ['2.jpg', 'a man rides a bike']]), refs);
    const b = scoreCaptions(new Map([['1.jpg', 'a dog runs on the grass'], ['2.jpg', 'A man, rides a bike.']]), refs);
    expect(a).toEqual(b);
    expect(a.Bleu_4).toBeCloseTo(1, 6);
    expect(Object.keys(a)).toEqual(['Bleu_1', 'Bleu_2', 'Bleu_3', 'Bleu_4', 'METEOR', 'ROUGE_L', 'CIDEr']);
  });
  it('rejects an image with references but no candidate', () => {
    expect(() => scoreCaptions(new Map(), new Map([['1.jpg', ['a dog']]]))).toThrow(/no candidate/);
  });
});
