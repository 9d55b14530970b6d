/**
 * OCR on non-English Latin text: Polish, German and French words (scripts/ocr/latin-words.ts) rendered three
 * to a line on white, in three system fonts at 30 and 44 px, the way the OCR samples are (SVG through sharp),
 * then read by Glimpse's OCR (PP-OCRv4 on onnxruntime-web WASM, default settings). Per word list and
 * language: recall of words with diacritics read exactly, read as the bare word (accents dropped: "garcon"),
 * and of plain words; and how many lines src/shared/garbled-text.ts takes for "text in another script or
 * language" (with diacritics: it should; without: it must not).
 *
 *   npx tsx scripts/ocr/latin-recall.ts [--list report|design] [--json .cache/ocr-latin.json]
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import sharp from 'sharp';
import { configureRuntime } from '../../src/captioner/env';
import { createOcr } from '../../src/captioner/ocr';
import { garbleSigns } from '../../src/shared/garbled-text';
import { ocrModelSource } from '../lib/ocr-models';
import { renderSvg, textSvg } from '../lib/ocr-samples';
import { bare, LATIN_WORDS, nonAscii, type Language, type WordList } from './latin-words';

const FONTS = ['DejaVu Sans', 'Liberation Serif', 'Liberation Sans'];
const SIZES = [30, 44];

interface Line { language: Language; truth: string[]; read: string; flagged: boolean }

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { list: { type: 'string', default: 'report' }, json: { type: 'string' } } });
  const list = values.list as WordList;
  if (!(list in LATIN_WORDS)) throw new Error(`--list is design or report, not ${list}`);
  configureRuntime({ numThreads: 1 });
  const ocr = await createOcr(ocrModelSource());
  const lines: Line[] = [];
  const languages = Object.keys(LATIN_WORDS[list]) as Language[];
  for (const language of languages) {
    const all = [...LATIN_WORDS[list][language].diacritic.split(' '), ...LATIN_WORDS[list][language].plain.split(' ')];
    for (let i = 0; i < all.length; i += 3) {
      const truth = all.slice(i, i + 3);
      for (const [k, font] of FONTS.entries()) {
        const size = SIZES[(i / 3 + k) % SIZES.length]!;
        const png = await renderSvg(textSvg(Math.max(480, Math.round(truth.join(' ').length * size * 0.75)), size * 3, [{ text: truth.join(' '), size, font }]));
        const { data, info } = await sharp(png).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
        const result = await ocr.read({ width: info.width, height: info.height, data: new Uint8Array(data.buffer, data.byteOffset, data.length) });
        lines.push({ language, truth, read: result.text, flagged: result.lines.some((l) => garbleSigns(l.text).length > 0) });
      }
    }
  }
  await ocr.dispose();
  const pct = (n: number, d: number) => (d ? `${((100 * n) / d).toFixed(0)}%` : '–');
  console.log(`${list} list (${lines.length} rendered lines)\n`);
  console.log('| language | diacritic words read exactly | read as the bare word | plain words read | lines with diacritics said "another script or language" | lines without said so |');
  console.log('|---|---|---|---|---|---|');
  const examples: string[] = [];
  for (const language of languages) {
    let n = 0, exact = 0, folded = 0, plainN = 0, plainHit = 0, dLines = 0, dFlag = 0, pLines = 0, pFlag = 0;
    for (const l of lines.filter((x) => x.language === language)) {
      const read = l.read.split(/\s+/).map((w) => w.replace(/[^\p{L}\p{N}]+/gu, '')).filter(Boolean);
      const withDiacritics = l.truth.some((w) => nonAscii(w).length > 0);
      if (withDiacritics) { dLines++; if (l.flagged) dFlag++; } else { pLines++; if (l.flagged) pFlag++; }
      if (withDiacritics && examples.length < 12 && l.truth.every((w) => nonAscii(w).length)) examples.push(`${l.truth.join(' ')} → ${l.read.replace(/\n/g, ' ')}${l.flagged ? ' (said as another script or language)' : ''}`);
      for (const w of l.truth) {
        if (nonAscii(w).length) {
          n++;
          if (read.some((r) => r.toLowerCase() === w.toLowerCase())) exact++;
          else if (read.some((r) => bare(r) === bare(w))) folded++;
        } else {
          plainN++;
          if (read.some((r) => r.toLowerCase() === w.toLowerCase())) plainHit++;
        }
      }
    }
    console.log(`| ${language} | ${pct(exact, n)} (${exact}/${n}) | ${pct(folded, n)} (${folded}/${n}) | ${pct(plainHit, plainN)} (${plainHit}/${plainN}) | ${dFlag}/${dLines} | ${pFlag}/${pLines} |`);
  }
  console.log(`\n${examples.join('\n')}`);
  if (values.json) writeFileSync(values.json, JSON.stringify(lines, null, 1));
}

await main();
