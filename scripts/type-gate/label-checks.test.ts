import { describe, expect, it } from 'vitest';
import { peopleOrAnimals } from './label-checks';
import { wordRecall, words as wordsOf } from '../lib/word-match';

describe('label checks', () => {
  it('finds people and animal words, not look-alikes', () => {
    expect(peopleOrAnimals('Automatic description: a man and his dogs')).toEqual(['man', 'dogs']);
    expect(peopleOrAnimals('Chart: Manpower by catalogue, Dogecoin')).toEqual([]);
  });
  it('counts read-back words with multiplicity, ignoring case and punctuation', () => {
    expect(wordsOf('SALE: 50% OFF!')).toEqual(['sale', '50', 'off']);
    expect(wordRecall('SALE 50% OFF', 'sale 50%')).toBeCloseTo(2 / 3);
    expect(wordRecall('go go go', 'go')).toBeCloseTo(1 / 3);
    expect(wordRecall('', 'anything')).toBe(1);
  });
});
