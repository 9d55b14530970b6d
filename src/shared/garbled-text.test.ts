import { describe, expect, it } from 'vitest';
import { garbleSigns, readable } from './garbled-text';
import { fullText, quote } from './label-text';

describe('garbled OCR lines (letters outside the recogniser dictionary)', () => {
  it('sees the ways the recogniser misreads diacritics', () => {
    expect(garbleSigns('acci6n corazon ano')).toEqual(['a digit inside a lower-case word']);
    expect(garbleSigns('zrodlo 1odz zolw')).toEqual(['a digit for a letter at the start of a word']);
    expect(garbleSigns('StraBe GroBe schon')).toEqual(['a capital B for ß']);
    expect(garbleSigns('Gr?e')).toEqual(['a question mark inside a word']);
    expect(garbleSigns('Gr悠e')).toEqual(['a Chinese glyph inside a Latin word']);
  });
  it('leaves English, numbers, units, joined words, bare-letter readings and Chinese text alone', () => {
    for (const line of ['TOTAL RM 37.10', 'Open 10am to 5pm, 1st floor', 'H2O mp3 4K 3px 2nd', 'TrackBack URL for this entry:', 'SmallBusiness Server 2003',
      'Really? Yes!', 'garcon francais', 'ksiazka Krakow Gdansk', '悠指山城 欢迎光临', 'COVID-19 update', 'iPhone YouTube eBay']) {
      expect(garbleSigns(line), line).toEqual([]);
    }
  });
  it('takes garbled lines out and counts them', () => {
    expect(readable('TOTAL 12.50\nStraBe GroBe schon')).toEqual({ text: 'TOTAL 12.50', garbled: 1 });
    expect(readable('SALE')).toEqual({ text: 'SALE', garbled: 0 });
  });
  it('makes a name say "text in another script or language" instead of quoting a garbled line', () => {
    expect(quote('StraBe GroBe schon')).toBe('text in another script or language');
    expect(quote('Menu\nacci6n corazon')).toBe('Menu (and text in another script or language)');
    expect(fullText('Menu\nacci6n corazon')).toBe('Menu (and text in another script or language)');
    const long = Array.from({ length: 40 }, (_, i) => `ITEM ${i} 2.80`).join('\n');
    const said = quote(`${long}\nweiB`);
    expect(said.endsWith('… (and text in another script or language)')).toBe(true);
    expect(said.length).toBeLessThanOrEqual(201);
  });
});
