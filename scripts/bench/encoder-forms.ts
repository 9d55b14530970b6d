/**
 * The encoder in each form `npm run models` can assemble — the shipped int8
 * backbone (QLinearConv) and the float rewrites of `--float-backbone clipped`
 * and `rounded` — on onnxruntime-web WASM, 1 thread, Glimpse's session
 * options, in one process: session creation time, then run p50/p90 over real
 * photos with the forms interleaved (order rotating), and how often each
 * float form's ImageNet top-1 agrees with the int8 one.
 *
 * @example npm run models -- --float-backbone clipped && npm run models -- --float-backbone rounded && npx tsx scripts/bench/encoder-forms.ts --runs 20
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { configureRuntime, ort, sessionOptions } from '../../src/captioner/env';
import { preprocess, type PreprocessorConfig } from '../../src/captioner/preprocess';
import { parseSplit } from '../eval/captions-file';
import { percentile, round } from '../eval/percentile';
import { loadImage } from '../lib/load-image';

const repo = resolve(import.meta.dirname, '../..');
const flickr = join(repo, '..', 'shared', 'data', 'flickr8k');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' } } });
const file = 'glimpse-captioner/onnx/encoder_model_quantized.onnx';
const forms = Object.fromEntries(
  [
    ['int8 (shipped)', join(repo, '.cache/models', file)],
    ['float, clipped', join(repo, '.cache/models-float-clipped', file)],
    ['float, rounded', join(repo, '.cache/models-float-rounded', file)],
  ].filter(([, path]) => existsSync(path!)),
) as Record<string, string>;

configureRuntime({ numThreads: 1 });
const sessions: Record<string, ort.InferenceSession> = {};
const created: Record<string, number> = {};
for (const [name, path] of Object.entries(forms)) {
  const t = performance.now();
  sessions[name] = await ort.InferenceSession.create(readFileSync(path), sessionOptions('wasm'));
  created[name] = performance.now() - t;
}
const config = JSON.parse(readFileSync(join(repo, '.cache/models/glimpse-captioner/preprocessor_config.json'), 'utf8')) as PreprocessorConfig;
const names = parseSplit(readFileSync(join(flickr, 'Flickr_8k.devImages.txt'), 'utf8')).slice(0, Number(values.runs) + 1);
const times: Record<string, number[]> = {};
const agree: Record<string, number> = {};
const argmax = (a: Float32Array): number => a.reduce((best, v, i) => (v > a[best]! ? i : best), 0);
for (const [i, name] of names.entries()) {
  const pixels = preprocess(await loadImage(join(flickr, 'images', name)), { ...config, size: { height: 224, width: 224 } });
  const keys = Object.keys(sessions);
  const top1: Record<string, number> = {};
  for (let k = 0; k < keys.length; k++) {
    const form = keys[(i + k) % keys.length]!;
    const t = performance.now();
    const out = await sessions[form]!.run({ pixel_values: new ort.Tensor('float32', pixels.data, pixels.dims) });
    if (i > 0) (times[form] ??= []).push(performance.now() - t);
    top1[form] = argmax(out.logits!.data as Float32Array);
  }
  for (const form of keys) if (top1[form] === top1[keys[0]!]) agree[form] = (agree[form] ?? 0) + 1;
}
const rows = Object.keys(sessions).map((form) => ({
  form,
  createMs: Math.round(created[form]!),
  p50: round(percentile(times[form]!, 0.5), 1),
  p90: round(percentile(times[form]!, 0.9), 1),
  top1AgreesWithInt8: `${agree[form] ?? 0}/${names.length}`,
  mb: round(readFileSync(forms[form]!).length / 1e6, 2),
}));
console.log('| encoder form | file MB | session creation ms | run p50 ms | run p90 ms | ImageNet top-1 = int8 |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const r of rows) console.log(`| ${r.form} | ${r.mb} | ${r.createMs} | ${r.p50} | ${r.p90} | ${r.top1AgreesWithInt8} |`);
console.log(JSON.stringify(rows));
