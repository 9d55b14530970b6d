/**
 * `npm run bench`: Glimpse's captioner on onnxruntime-web WASM with 1 and with
 * all threads (latency p50/p90, per-stage split, per token, model load time,
 * peak memory), against transformers.js's `image-to-text` pipeline on the
 * same onnxruntime-web build, threads, images and greedy decoding settings,
 * checking that both write the same captions. Prints a table, then one JSON
 * object as the last stdout line; `--md FILE` also writes the report.
 *
 * Each measurement runs in a child process of its own (onnxruntime fixes its
 * thread count at start-up; peak memory is per process). The Glimpse vs
 * transformers.js ratio comes from one process that captions every image with
 * both, alternating which goes first, so both see the same machine load.
 *
 * It also runs the scanner benchmark (`npm run bench:scan`, 1,000 images
 * against axe-core's image rules) and the cold-start page of 20 photos
 * (`npm run bench:page20`: first and all labels, engine peak memory) when the
 * extension is built, and reports them; and the site audit's throughput
 * (`npm run bench:site`: pages per minute of `npm run audit:site` on a
 * generated 50-page site with 1, 2 and 4 browser contexts), unless
 * `--skip-site`.
 *
 * @example npm run bench -- --limit 30 --md BENCHMARKS.md
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseSplit } from './eval/captions-file';
import { percentile, round } from './eval/percentile';
import { renderMarkdown } from './bench/markdown';
import { summarize, summarizeInterleaved, summarizePairs, type InterleavedSummary, type PairedSummary, type RunSummary } from './bench/summary';
import type { InterleavedReport, PairedReport, RunOptions, RunReport } from './bench/run-options';
import type { GateReport } from './bench/run-gate';
import type { ConceptReport } from './bench/run-concepts';
import type { SiteThroughput } from './bench/site-throughput';

const repo = resolve(fileURLToPath(new URL('.', import.meta.url)), '..');
const shared = process.env.GLIMPSE_SHARED ?? join(repo, '..', 'shared');
const log = (line: string): void => void process.stderr.write(`${line}\n`);

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    images: { type: 'string', default: join(shared, 'data', 'flickr8k', 'images') },
    split: { type: 'string', default: join(shared, 'data', 'flickr8k', 'Flickr_8k.devImages.txt') },
    model: { type: 'string', default: join(repo, '.cache', 'models', 'glimpse-captioner') },
    limit: { type: 'string', default: '30' },
    md: { type: 'string' },
    'skip-scan': { type: 'boolean', default: false },
    'skip-page20': { type: 'boolean', default: false },
    'skip-site': { type: 'boolean', default: false },
    /** bench:site's alternating rounds (each runs 1, 2 and 4 contexts) and site size. */
    'site-rounds': { type: 'string', default: '3' },
    'site-pages': { type: 'string', default: '50' },
  },
  strict: true,
});

const model = resolve(values.model);
if (!existsSync(join(model, 'config.json'))) {
  log(`no model at ${model}: run npm run models, or pass --model DIR`);
  process.exit(2);
}
const limit = Number(values.limit);
if (!Number.isInteger(limit) || limit < 2) {
  log('--limit must be an integer of at least 2');
  process.exit(2);
}
// One extra image up front: each run's first caption is a warm-up and is not timed.
const images = parseSplit(readFileSync(values.split, 'utf8'))
  .slice(0, limit + 1)
  .map((n) => join(values.images, n));
const generation = JSON.parse(readFileSync(join(model, 'generation_config.json'), 'utf8')) as Record<string, unknown>;
const maxLength = typeof generation.max_new_tokens === 'number' ? generation.max_new_tokens + 1 : typeof generation.max_length === 'number' ? generation.max_length : 20;
const noRepeatNgramSize = typeof generation.no_repeat_ngram_size === 'number' ? generation.no_repeat_ngram_size : 0;
// Glimpse prefers the *_quantized.onnx pair when both exist; transformers.js is told the same ('q8').
const quantized = ['encoder_model', 'decoder_model_merged'].every((f) => existsSync(join(model, 'onnx', `${f}_quantized.onnx`)));
// onnxruntime-web uses at most 4 threads by default; Glimpse caps at 4 too.
const allThreads = Math.min(4, availableParallelism());
const threadCounts = [...new Set([1, allThreads])];

function child<T>(script: string, threads: number, extra: Record<string, unknown> = {}): T {
  const options: RunOptions = { model, images, threads, maxLength, noRepeatNgramSize, dtype: quantized ? 'q8' : 'fp32', ...extra };
  log(`${script}: ${threads} thread(s), ${images.length} images…`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'scripts', 'bench', `${script}.ts`), '--options', JSON.stringify(options)], {
    cwd: repo,
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'inherit'],
    maxBuffer: 64 * 1024 * 1024,
  });
  if (run.status !== 0) throw new Error(`${script} with ${threads} thread(s) failed (exit ${run.status})`);
  return JSON.parse(run.stdout.trimEnd().split('\n').at(-1)!) as T;
}

interface ScanFigures {
  images: number;
  initialMs: { p50: number; p90: number };
  rescanMs: { p50: number; p90: number };
  axeImageRulesMs: { p50: number; p90: number };
}

/**
 * A child benchmark that needs the built extension (scripts/bench/SCRIPT): its last stdout line is
 * its JSON figures; the lines before it are passed on when `echo`. Or why it did not run.
 */
function runChildBench<T>(name: 'scan' | 'page20' | 'site', what: string, script: string, args: string[] = [], echo = true): T | { skipped: string } {
  if (values[`skip-${name}`]) return { skipped: `--skip-${name}` };
  if (!existsSync(join(repo, 'dist', 'manifest.json'))) return { skipped: 'the extension is not built (npm run build)' };
  log(`${what}…`);
  const run = spawnSync(process.execPath, ['--import', 'tsx', join(repo, 'scripts', 'bench', script), ...args], { cwd: repo, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
  if (run.status !== 0) return { skipped: `bench:${name} failed (exit ${run.status})` };
  const lines = run.stdout.trimEnd().split('\n');
  if (echo) for (const line of lines.slice(0, -1)) log(line);
  return JSON.parse(lines.at(-1)!) as T;
}

/** The scanner benchmark's JSON line, or why it did not run. */
function runScanBench(): ScanFigures | { skipped: string } {
  return runChildBench<ScanFigures>('scan', 'scanner benchmark (npm run bench:scan)', 'scan.ts', [], false);
}

interface Page20Figures { page20_first_label_ms: number | null; page20_all_labels_ms: number | null; engine_peak_mb: number | null; page_timer_p99_late_ms: number | null; runs: number; timed_out: number }

/** The built extension on a cold start: a page of 20 unlabelled photos (scripts/bench/page20.ts). */
function runPage20Bench(): Page20Figures | { skipped: string } {
  return runChildBench<Page20Figures>('page20', 'cold-start page of 20 photos (npm run bench:page20)', 'page20.ts', ['--variants', '0,off']);
}

/** Pages per minute of the site audit with 1, 2 and 4 contexts (scripts/bench/site-throughput.ts, in a child process). */
function runSiteBench(): SiteThroughput | { skipped: string } {
  const args = ['--rounds', values['site-rounds']!, '--pages', values['site-pages']!, '--contexts', '1,2,4', '--no-build'];
  return runChildBench<SiteThroughput>('site', `site audit throughput (npm run bench:site), ${values['site-rounds']} rounds of 1, 2 and 4 contexts`, 'site-throughput.ts', args);
}

/** Where the rendered non-photos are (scripts/type-devset), or the e2e fixture's few. */
function nonPhotoPaths(n: number): string[] {
  const labels = join(repo, '.cache', 'type-devset', 'labels.json');
  if (existsSync(labels)) {
    const rows = JSON.parse(readFileSync(labels, 'utf8')) as { file: string; split: string; type: string }[];
    const pick = rows.filter((r) => r.split === 'test' && r.type !== 'photo');
    // Spread over the types: every k-th row.
    const step = Math.max(1, Math.floor(pick.length / n));
    return pick.filter((_, i) => i % step === 0).slice(0, n).map((r) => resolve(join(repo, '.cache', 'type-devset'), r.file));
  }
  const fixture = join(repo, 'e2e', 'fixtures', 'pages', 'mixed-types.expected.json');
  if (!existsSync(fixture)) return [];
  const rows = JSON.parse(readFileSync(fixture, 'utf8')) as { src: string; type: string }[];
  return rows.filter((r) => r.type !== 'photo').map((r) => join(repo, 'e2e', 'fixtures', 'pages', r.src));
}

type Spread = { p50: number; p90: number };
const spread = (xs: number[]): Spread => ({ p50: percentile(xs, 0.5), p90: percentile(xs, 0.9) });

interface GateFigures {
  photos: number;
  nonPhotos: number;
  photoPlainMs: Spread;
  photoDescribeMs: Spread;
  photoAddedMs: Spread;
  ocrMs: Spread;
  gateMs: Spread;
  nonPhotoPlainMs: Spread;
  nonPhotoDescribeMs: Spread;
  nonPhotoRatio: number;
  photosRoutedAway: number;
  nonPhotosCaptioned: number;
  maxRssMb: number;
}

/** The added cost of the image-type gate and OCR per image, 1 thread. */
function runGateBench(): GateFigures | { skipped: string } {
  if (!existsSync(join(model, 'image-type-gate.json'))) return { skipped: 'the model has no image-type-gate.json' };
  const nonPhotos = nonPhotoPaths(limit);
  const report = child<GateReport>('run-gate', 1, { nonPhotos });
  // The first image of the run warms the sessions up.
  const photos = report.runs.filter((r) => r.photo).slice(1);
  const others = report.runs.filter((r) => !r.photo);
  const nonPhotoPlain = spread(others.map((r) => r.plainMs));
  const nonPhotoDescribe = spread(others.map((r) => r.describeMs));
  return {
    photos: photos.length,
    nonPhotos: others.length,
    photoPlainMs: spread(photos.map((r) => r.plainMs)),
    photoDescribeMs: spread(photos.map((r) => r.describeMs)),
    photoAddedMs: spread(photos.map((r) => r.describeMs - r.plainMs)),
    ocrMs: spread(report.runs.map((r) => r.ocrMs)),
    gateMs: spread(report.runs.map((r) => r.gateMs)),
    nonPhotoPlainMs: nonPhotoPlain,
    nonPhotoDescribeMs: nonPhotoDescribe,
    nonPhotoRatio: nonPhotoDescribe.p50 / nonPhotoPlain.p50,
    photosRoutedAway: photos.filter((r) => r.type !== 'photo').length,
    nonPhotosCaptioned: others.filter((r) => r.type === 'photo').length,
    maxRssMb: report.maxRssMb,
  };
}

/** What the object detector and the concept models add per photo, 1 thread, with the native detector as the peer. */
interface ConceptFigures { photos: number; addedMs: Spread; detectorMs: Spread; conceptsMs: Spread; nativeDetectorMs: Spread; detectorNativeRatio: number; maxRssMb: number }

function runConceptBench(): ConceptFigures | { skipped: string } {
  if (!existsSync(join(model, 'concepts.json'))) return { skipped: 'the model has no concepts.json' };
  const report = child<ConceptReport>('run-concepts', 1);
  const photos = report.runs.slice(1);
  const detector = spread(photos.map((r) => r.detectorMs));
  const native = spread(photos.map((r) => r.nativeDetectorMs));
  return {
    photos: photos.length,
    addedMs: spread(photos.map((r) => r.withConceptsMs - r.plainMs)),
    detectorMs: detector,
    conceptsMs: spread(photos.map((r) => r.conceptsMs)),
    nativeDetectorMs: native,
    detectorNativeRatio: detector.p50 / native.p50,
    maxRssMb: report.maxRssMb,
  };
}

const runs: RunSummary[] = [];
const pairs: PairedSummary[] = [];
const runtimes: string[] = [];
for (const threads of threadCounts) {
  const g = child<RunReport>('run-glimpse', threads);
  runs.push(summarize(g));
  runtimes.push(`Glimpse: ${g.ort}, files ${g.files.join(', ')}`);
  const p = child<PairedReport>('run-paired', threads);
  pairs.push(summarizePairs(p));
  runtimes.push(`paired run, ${threads} thread(s): ${p.ort}`);
}
const tj = child<RunReport>('run-transformers', allThreads);
runs.push(summarize(tj));
runtimes.push(`transformers.js alone: ${tj.ort}`);

const f = (v: number): string => v.toFixed(1);
const out = (line: string): void => void process.stdout.write(`${line}\n`);
out(`model ${model} (${quantized ? 'int8 *_quantized.onnx' : 'fp32'} files); ${limit} Flickr8k dev images after 1 warm-up; greedy, max_length ${maxLength}, no_repeat_ngram_size ${noRepeatNgramSize}`);
for (const r of runtimes) out(`  ${r}`);
out('separate runs (load time, peak memory, per-stage medians in ms):');
for (const s of runs) {
  const stages = s.stages ? `  preprocess ${f(s.stages.preprocess)} | encoder ${f(s.stages.encoder)} | decoder ${f(s.stages.decoder)} | ${f(s.stages.perToken)}/token` : '';
  out(`  ${s.runtime.padEnd(15)} ${s.threads} thr  p50 ${f(s.p50)}  p90 ${f(s.p90)}  load ${Math.round(s.loadMs)}  peak RSS ${s.maxRssMb} MB${stages}`);
}
out('interleaved runs (same process, same images, alternating order):');
for (const p of pairs) {
  out(`  ${p.threads} thr  Glimpse p50 ${f(p.glimpseP50)} p90 ${f(p.glimpseP90)} | transformers.js p50 ${f(p.transformersP50)} p90 ${f(p.transformersP90)} | ratio of p50s ${p.speedup.toFixed(2)}x, median per-image ratio ${p.perImageRatio.toFixed(2)}x | identical captions ${p.identical}/${p.n + 1}`);
  for (const d of p.diffs.slice(0, 5)) out(`    ${d.image}: Glimpse "${d.glimpse}" / transformers.js "${d.transformers}"`);
}

const scan = runScanBench();
const gate = runGateBench();
if ('photoAddedMs' in gate) {
  out(`image-type gate + OCR, 1 thread (${gate.photos} photos, ${gate.nonPhotos} non-photos, interleaved with plain captioning):`);
  out(`  photos: plain caption p50 ${f(gate.photoPlainMs.p50)}, with gate + OCR p50 ${f(gate.photoDescribeMs.p50)}; added per image p50 ${f(gate.photoAddedMs.p50)} p90 ${f(gate.photoAddedMs.p90)} (OCR p50 ${f(gate.ocrMs.p50)}, gate ${f(gate.gateMs.p50)})`);
  out(`  non-photos: plain caption p50 ${f(gate.nonPhotoPlainMs.p50)}, described without decoder p50 ${f(gate.nonPhotoDescribeMs.p50)} (ratio ${gate.nonPhotoRatio.toFixed(2)}x)`);
} else out(`image-type gate bench skipped: ${gate.skipped}`);

/** The headline: one interleaved run, 1 WASM thread, per photo as shipped vs transformers.js and native. */
function runInterleaved(): InterleavedSummary & { loadMs: InterleavedReport['loadMs']; maxRssMb: number; ort: string } {
  const report = child<InterleavedReport>('run-interleaved', 1);
  return { ...summarizeInterleaved(report), loadMs: report.loadMs, maxRssMb: report.maxRssMb, ort: report.ort };
}
const inter = runInterleaved();
out(`interleaved run, 1 thread, ${inter.n} photos after 1 warm-up (${inter.ort}):`);
out(`  Glimpse per photo as shipped (OCR + gate + caption, ${String(generation.num_beams ?? 1)} beams), WASM: p50 ${f(inter.describe.p50)} p90 ${f(inter.describe.p90)}`);
out(`  the same on onnxruntime-node (native): p50 ${f(inter.native.p50)} p90 ${f(inter.native.p90)}  → native_ratio ${inter.nativeRatio.toFixed(2)}; same results ${inter.nativeIdentical}/${inter.images}`);
out(`  greedy caption: Glimpse p50 ${f(inter.caption.p50)} p90 ${f(inter.caption.p90)} | transformers.js p50 ${f(inter.transformers.p50)} p90 ${f(inter.transformers.p90)} → ${inter.speedupCaption.toFixed(2)}x (median per image ${inter.perImageRatio.toFixed(2)}x); identical ${inter.identical}/${inter.images}`);
out(`  transformers.js greedy caption ÷ Glimpse per photo as shipped: speedup ${inter.speedup.toFixed(2)}x`);

const concepts = runConceptBench();
if ('addedMs' in concepts) {
  out(`object detector + concept models, 1 thread (${concepts.photos} photos, interleaved with the path without them):`);
  out(`  added per photo p50 ${f(concepts.addedMs.p50)} p90 ${f(concepts.addedMs.p90)}; detector on WASM p50 ${f(concepts.detectorMs.p50)} p90 ${f(concepts.detectorMs.p90)} vs native p50 ${f(concepts.nativeDetectorMs.p50)} (${concepts.detectorNativeRatio.toFixed(1)}x); concept models + cross-check p50 ${f(concepts.conceptsMs.p50)}`);
} else out(`concept bench skipped: ${concepts.skipped}`);

const page20 = runPage20Bench();
if ('engine_peak_mb' in page20) {
  out(`page of 20 unlabelled photos in the built extension, cold start (${page20.runs} runs, medians):`);
  out(`  first label ${page20.page20_first_label_ms ?? '–'} ms, all labels ${page20.page20_all_labels_ms ?? '–'} ms after load${page20.timed_out ? ` (${page20.timed_out} runs timed out)` : ''}; engine peak RSS ${page20.engine_peak_mb} MB; the page's 50 ms timer p99 ${page20.page_timer_p99_late_ms ?? '–'} ms late`);
} else out(`page-of-20 bench skipped: ${page20.skipped}`);

const site = runSiteBench();
if ('figures' in site) {
  out(`site audit throughput, ${site.pages}-page site, ${site.rounds} alternating rounds (medians):`);
  out(`  ${site.figures.map((r) => `${r.contexts} context(s) ${r.pages_per_minute_median} pages/min (×${r.ratio_to_first})`).join(' | ')}; load average median ${site.load1_median}`);
} else out(`site throughput bench skipped: ${site.skipped}`);
/** Pages per minute by context count, e.g. { "1": 20.1, "2": 31.5, "4": 33.0 }, or null when not run. */
const sitePagesPerMinute = 'figures' in site ? Object.fromEntries(site.figures.map((r) => [String(r.contexts), r.pages_per_minute_median])) : null;

const top = pairs.find((p) => p.threads === allThreads)!;
const summary = {
  glimpse_ms_p50: round(inter.describe.p50, 1),
  glimpse_ms_p90: round(inter.describe.p90, 1),
  transformersjs_ms_p50: round(inter.transformers.p50, 1),
  native_ms_p50: round(inter.native.p50, 1),
  speedup: round(inter.speedup, 2),
  native_ratio: round(inter.nativeRatio, 2),
  page20_first_label_ms: 'engine_peak_mb' in page20 ? page20.page20_first_label_ms : null,
  page20_all_labels_ms: 'engine_peak_mb' in page20 ? page20.page20_all_labels_ms : null,
  engine_peak_mb: 'engine_peak_mb' in page20 ? page20.engine_peak_mb : null,
  page_timer_p99_late_ms: 'engine_peak_mb' in page20 ? page20.page_timer_p99_late_ms : null,
  glimpse_caption_ms_p50: round(inter.caption.p50, 1),
  speedup_caption: round(inter.speedupCaption, 2),
  threads: 1,
  glimpse_1thread_ms_p50: round(pairs[0]!.glimpseP50, 1),
  speedup_1thread: round(pairs[0]!.speedup, 2),
  all_threads: allThreads,
  glimpse_all_threads_ms_p50: round(top.glimpseP50, 1),
  speedup_all_threads: round(top.speedup, 2),
  captions_identical: `${inter.identical}/${inter.images}`,
  native_identical: `${inter.nativeIdentical}/${inter.images}`,
  images: limit,
  load_ms: Object.fromEntries(Object.entries(inter.loadMs).map(([k, v]) => [k, Math.round(v)])),
  interleaved_peak_rss_mb: inter.maxRssMb,
  scan,
  gate,
  concepts,
  page20,
  site_pages_per_minute: sitePagesPerMinute,
  site,
};
if (values.md) {
  const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim();
  writeFileSync(values.md, renderMarkdown({ command, model, quantized, limit, maxLength, noRepeatNgramSize, runtimes, runs, pairs, scan, site, summary, interleaved: { ...inter, beams: Number(generation.num_beams ?? 1) } }));
  log(`wrote ${values.md}`);
}
out(JSON.stringify(summary));
