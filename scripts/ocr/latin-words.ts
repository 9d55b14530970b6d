/**
 * Everyday Polish, German and French words, with and without diacritics, for
 * measuring how the PP-OCRv4 recogniser (a Chinese + ASCII dictionary with a
 * few accented letters: é è à ü ä ó É) reads non-English Latin text. Common
 * words and place names, not picked by how they read.
 *
 * Two disjoint lists: `design` was read first and the garble signs of
 * src/shared/garbled-text.ts were set looking at what it became; `report` was
 * written after that and only measures them.
 */
export const LATIN_WORDS = {
  design: {
    polish: {
      diacritic: 'źródło łódź żółw gęś święto pięć mąka ćma dzień książka Kraków Gdańsk Łódź zażółć jeść mówię ręka słońce więcej szczęście',
      plain: 'dom kot woda chleb miasto praca szkoła okno ulica rower',
    },
    german: {
      diacritic: 'Straße Größe schön Mädchen Brücke Käse weiß Fußball Übung hören Bäckerei München Köln für über Tür Grüße müde',
      plain: 'Haus Tisch Stadt Wasser Brot Fenster Arbeit Zeit Hund Blume',
    },
    french: {
      diacritic: 'garçon français élève être forêt hôpital cœur œuvre déjà où Noël naïve château fenêtre leçon très première crème',
      plain: 'maison table ville pain chat route jardin livre porte fleur',
    },
  },
  report: {
    polish: {
      diacritic: 'ładny późno łyżka wieś jabłko gałąź źle piękny żaba mężczyzna Wrocław Poznań Białystok sklep śniadanie dziękuję ciężki pociąg',
      plain: 'stol las rzeka kawa herbata most droga biuro pies brat',
    },
    german: {
      diacritic: 'Frühstück Größe Schlüssel gemütlich Käsekuchen Füße groß heiß Bürger Straßenbahn Düsseldorf Zürich Österreich fünf Löffel Gemüse Mütze süß',
      plain: 'Garten Auto Kirche Schule Buch Wald Morgen Abend Licht Berg',
    },
    french: {
      diacritic: 'façade reçu théâtre hôtel île goût âge sœur mûr où Besançon Orléans Nîmes cliché préféré aperçu tôt dîner',
      plain: 'arbre vent soleil ami nuit pomme rouge bleu main port',
    },
  },
} as const;

export type WordList = keyof typeof LATIN_WORDS;
export type Language = keyof (typeof LATIN_WORDS)['report'];

/** The letters beyond ASCII in a word (what the recogniser must read to get it right). */
export const nonAscii = (word: string): string[] => [...word].filter((c) => c.charCodeAt(0) > 127);

/** The word without its accents (NFD, combining marks dropped; ł, ø, ß, œ, æ spelled out), lower-case. */
export function bare(word: string): string {
  return word.toLowerCase().normalize('NFD').replace(/\p{M}/gu, '').replace(/ł/g, 'l').replace(/ø/g, 'o').replace(/ß/g, 'ss').replace(/œ/g, 'oe').replace(/æ/g, 'ae');
}
