/** BENCHMARKS.md: the figures of one `npm run bench` run, with its command, date and machine. */
import { cpus, loadavg, release, totalmem } from 'node:os';
import type { InterleavedSummary, PairedSummary, RunSummary } from './summary';

export interface BenchDocument {
  command: string;
  model: string;
  quantized: boolean;
  limit: number;
  maxLength: number;
  noRepeatNgramSize: number;
  runtimes: string[];
  runs: RunSummary[];
  pairs: PairedSummary[];
  scan: { images: number; initialMs: { p50: number; p90: number }; rescanMs: { p50: number; p90: number }; axeImageRulesMs: { p50: number; p90: number } } | { skipped: string };
  /** `npm run bench:site`'s last line: pages per minute of the site audit per context count. */
  site?: { pages: number; rounds: number; figures: Array<{ contexts: number; pages_per_minute_median: number; seconds_median: number; ratio_to_first: number }> } | { skipped: string };
  /** The headline run: per photo as shipped, native reference, transformers.js, 1 thread, interleaved. */
  interleaved?: InterleavedSummary & { loadMs: Record<string, number>; maxRssMb: number; ort: string; beams: number };
  summary: Record<string, unknown>;
}

const f = (v: number): string => v.toFixed(1);
const row = (cells: (string | number)[]): string => `| ${cells.join(' | ')} |`;

/** Renders the report; every figure is a median or percentile over images, never a single timing. */
export function renderMarkdown(doc: BenchDocument): string {
  const lines = [
    '# Benchmarks',
    '',
    `Command: \`${doc.command}\``,
    '',
    `Date: ${new Date().toISOString()}`,
    '',
    `Machine: ${cpus()[0]?.model ?? 'unknown CPU'}, ${cpus().length} cores, ${Math.round(totalmem() / 2 ** 30)} GiB RAM, Linux ${release()}, Node ${process.version}; load average when the run ended: ${loadavg().map((l) => l.toFixed(1)).join(' / ')} (1/5/15 min).`,
    '',
    `Model: \`${doc.model}\` (${doc.quantized ? 'int8 `*_quantized.onnx`' : 'fp32'} files). Images: ${doc.limit} Flickr8k dev images; each run's first image is a warm-up and is not timed. Decoding: greedy, max_length ${doc.maxLength}, no_repeat_ngram_size ${doc.noRepeatNgramSize}, the same for both runtimes.`,
    '',
    'Runtimes, as each run reported them:',
    '',
    ...doc.runtimes.map((r) => `- ${r}`),
    '',
    'Latency is per caption, from RGBA pixels in memory to text (ms).',
    '',
    ...(doc.interleaved ? interleavedSection(doc.interleaved) : []),
    '## Glimpse vs transformers.js (one process, each image captioned by both, alternating order)',
    '',
    row(['threads', 'Glimpse p50', 'Glimpse p90', 'transformers.js p50', 'transformers.js p90', 'transformers.js / Glimpse (p50s)', 'median per-image ratio', 'identical captions']),
    row(['---', '---', '---', '---', '---', '---', '---', '---']),
    ...doc.pairs.map((p) => row([p.threads, f(p.glimpseP50), f(p.glimpseP90), f(p.transformersP50), f(p.transformersP90), `${p.speedup.toFixed(2)}×`, `${p.perImageRatio.toFixed(2)}×`, `${p.identical}/${p.n + 1}`])),
    '',
    ...doc.pairs.flatMap((p) => p.diffs.slice(0, 5).map((d) => `- differs at ${p.threads} thread(s), ${d.image}: Glimpse "${d.glimpse}", transformers.js "${d.transformers}"`)),
    '',
    '## Separate runs (one process per row): load time, peak memory, where Glimpse\'s time goes',
    '',
    row(['runtime', 'threads', 'p50', 'p90', 'preprocess', 'encoder', 'decoder', 'per decoder step', 'model load', 'peak RSS MB']),
    row(['---', '---', '---', '---', '---', '---', '---', '---', '---', '---']),
    ...doc.runs.map((s) =>
      row([s.runtime, s.threads, f(s.p50), f(s.p90), s.stages ? f(s.stages.preprocess) : '–', s.stages ? f(s.stages.encoder) : '–', s.stages ? f(s.stages.decoder) : '–', s.stages ? f(s.stages.perToken) : '–', Math.round(s.loadMs), s.maxRssMb]),
    ),
    '',
    'Stage columns are medians of the captioner\'s own timings; transformers.js\'s pipeline does not expose them.',
    '',
    '## Scanner (npm run bench:scan)',
    '',
    ...('skipped' in doc.scan
      ? [`Not run: ${doc.scan.skipped}.`]
      : [
          `${doc.scan.images} images on one generated page, in the built extension in headless Chromium; ms, p50 / p90 over runs:`,
          '',
          `- first pass at document_idle: ${doc.scan.initialMs.p50} / ${doc.scan.initialMs.p90}`,
          `- full rescan: ${doc.scan.rescanMs.p50} / ${doc.scan.rescanMs.p90}`,
          `- axe-core's image rules in the same page (peer): ${doc.scan.axeImageRulesMs.p50} / ${doc.scan.axeImageRulesMs.p90}`,
        ]),
    '',
    ...siteSection(doc.site),
    '```json',
    JSON.stringify(doc.summary),
    '```',
    '',
  ];
  return lines.join('\n');
}

function interleavedSection(i: NonNullable<BenchDocument['interleaved']>): string[] {
  return [
    '## Per photo, 1 WASM thread: Glimpse as shipped vs onnxruntime-node vs transformers.js (one process, interleaved)',
    '',
    `Every photo is handled four ways moments apart, the order rotating from photo to photo (${i.ort}); ${i.n} photos after 1 warm-up.`,
    '',
    row(['what', 'p50 ms', 'p90 ms', 'load ms']),
    row(['---', '---', '---', '---']),
    row([`Glimpse per photo as shipped (OCR + gate + caption, ${i.beams} beams), onnxruntime-web WASM`, f(i.describe.p50), f(i.describe.p90), Math.round(i.loadMs.describe ?? 0)]),
    row(['the same path and graphs on onnxruntime-node (native CPU)', f(i.native.p50), f(i.native.p90), Math.round(i.loadMs.native ?? 0)]),
    row(['Glimpse greedy caption only, WASM', f(i.caption.p50), f(i.caption.p90), Math.round(i.loadMs.caption ?? 0)]),
    row(['transformers.js greedy caption, same files, WASM', f(i.transformers.p50), f(i.transformers.p90), Math.round(i.loadMs.transformers ?? 0)]),
    '',
    `- native_ratio (Glimpse per photo ÷ native): ${i.nativeRatio.toFixed(2)}; same results on ${i.nativeIdentical}/${i.images} photos`,
    `- speedup (transformers.js greedy caption ÷ Glimpse per photo as shipped): ${i.speedup.toFixed(2)}×`,
    `- like for like (greedy caption each): ${i.speedupCaption.toFixed(2)}× (median per photo ${i.perImageRatio.toFixed(2)}×); identical captions ${i.identical}/${i.images}`,
    `- peak RSS of this process (all four loaded): ${i.maxRssMb} MB`,
    '',
  ];
}

function siteSection(site: BenchDocument['site']): string[] {
  if (!site) return [];
  const head = ['## Site audit throughput (npm run bench:site)', ''];
  if ('skipped' in site) return [...head, `Not run: ${site.skipped}.`, ''];
  return [
    ...head,
    `\`npm run audit:site\` on a generated ${site.pages}-page site, spawn to exit, medians over ${site.rounds} alternating rounds:`,
    '',
    row(['contexts', 'pages/min', 's per run', `× vs ${site.figures[0]?.contexts ?? 1}`]),
    row(['---', '---', '---', '---']),
    ...site.figures.map((r) => row([r.contexts, r.pages_per_minute_median, r.seconds_median, r.ratio_to_first])),
    '',
  ];
}
