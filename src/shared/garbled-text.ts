/**
 * Lines the OCR read that are a garbled reading of letters its recogniser
 * doesn't have. PP-OCRv4's dictionary is Chinese plus ASCII and a handful of
 * accented letters (é è à ü ä ó É): it reads most other diacritics as the bare
 * letter ("mañana" → "manana", "garçon" → "garcon": still the word, said as
 * is), but some as a digit, a capital B, a stray mark or a Chinese glyph inside
 * a Latin word ("acción" → "acci6n", "łódź" → "1odz", "Straße" → "StraBe").
 * Such a line is said as "text in another script or language" rather than
 * quoted garbled. The signs are data; how they were chosen and how they do on
 * words they were not chosen on is in models/README.md (scripts/ocr/latin-recall.ts).
 */

/** Word endings after a leading number that are English, not a misread letter: 1st, 10am, 3px, 4k. */
const NUMBER_SUFFIXES = new Set(['st', 'nd', 'rd', 'th', 'am', 'pm', 'px', 'em', 'rem', 'pt', 'kg', 'km', 'cm', 'mm', 'ml', 'kb', 'mb', 'gb', 'tb', 'hz', 'khz', 'mhz', 'ghz', 'fps', 'mph', 'kph', 'min', 'sec', 'hrs', 'yrs', 'lbs', 'oz', 'ft', 'in', 'yd', 'mi', 'mp', 'ms', 'kw', 'kwh', 'x', 'k', 'm', 'g', 'h', 's', 'd', 'p', 'l']);

/** What a misread letter looks like inside a word the recogniser otherwise read as Latin letters. */
export const GARBLE_SIGNS: readonly { sign: string; test: (word: string) => boolean }[] = [
  // "acci6n", "t6dz": one digit between two lower-case letters in a word of letters (H2O has capitals, mp3 ends
  // in the digit, r00t and v28build hold more than one digit).
  { sign: 'a digit inside a lower-case word', test: (w) => /^\p{L}*\p{Ll}\d\p{Ll}\p{L}*$/u.test(w.replace(/[.,;:!?)"']+$/u, '')) },
  // "1odz", "6dy": a word starting with a digit then lower-case letters that are no unit or ordinal (1st, 10am, 3px).
  { sign: 'a digit for a letter at the start of a word', test: (w) => { const m = /^\d(\p{Ll}{2,})$/u.exec(w.replace(/[.,;:!?)"']+$/u, '')); return m !== null && !NUMBER_SUFFIXES.has(m[1]!); } },
  // "StraBe", "FuBball", "weiB": ß read as a capital B after lower-case letters, before e, b or the word's end
  // (a join of two words, "TrackBack", "SmallBusiness", has another letter after the B).
  { sign: 'a capital B for ß', test: (w) => /\p{Ll}B(e|b|$)/u.test(w.replace(/[.,;:!?)"']+$/u, '')) },
  // "Gr?e": a question mark between letters.
  { sign: 'a question mark inside a word', test: (w) => /\p{L}\?\p{L}/u.test(w) },
  // "Gr悠e": a Chinese glyph touching Latin letters (real Chinese text is read whole, never one glyph inside a Latin word).
  { sign: 'a Chinese glyph inside a Latin word', test: (w) => /[A-Za-z]\p{Script=Han}|\p{Script=Han}[A-Za-z]/u.test(w) },
];

/** What a name says instead of a garbled line. */
export const UNREADABLE_SCRIPT_TEXT = 'text in another script or language';

/** The garble signs one line shows, by name; [] when it reads as plain text. */
export function garbleSigns(line: string): string[] {
  const words = line.split(/\s+/).filter(Boolean);
  return GARBLE_SIGNS.filter(({ test }) => words.some(test)).map(({ sign }) => sign);
}

/**
 * The OCR text with its garbled lines taken out, and whether any were.
 *
 * @example readable('TOTAL 12.50\nStraBe GroBe schon') // → { text: 'TOTAL 12.50', garbled: 1 }
 */
export function readable(ocrText: string): { text: string; garbled: number } {
  const lines = ocrText.split('\n');
  const kept = lines.filter((l) => garbleSigns(l).length === 0);
  return { text: kept.join('\n'), garbled: lines.length - kept.length };
}
