/**
 * What folding weight-only DequantizeLinear at session creation buys
 * (`sessionOptions()` in src/captioner/env.ts): the shipped encoder and
 * decoder opened twice on onnxruntime-web WASM, 1 thread — with onnxruntime's
 * default options (QDQ fusions on, the DequantizeLinear nodes kept) and with
 * Glimpse's — then run interleaved: session creation ms, and run p50/p90 of
 * the encoder and of one decoder step with 1 and 5 beams (past length 8).
 *
 * @example npx tsx scripts/bench/qdq-fold.ts --runs 30
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { configureRuntime, ort, sessionOptions } from '../../src/captioner/env';
import { percentile, round } from '../eval/percentile';

const repo = resolve(import.meta.dirname, '../..');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '30' }, model: { type: 'string', default: join(repo, '.cache/models/glimpse-captioner') } } });
const runs = Number(values.runs);
configureRuntime({ numThreads: 1 });
const folded = sessionOptions('wasm');
const variants: Record<string, ort.InferenceSession.SessionOptions> = { 'onnxruntime defaults (DequantizeLinear kept)': { ...folded, extra: undefined }, 'Glimpse (folded at creation)': folded };
const encoderBytes = readFileSync(join(values.model, 'onnx/encoder_model_quantized.onnx'));
const decoderBytes = readFileSync(join(values.model, 'onnx/decoder_model_merged_quantized.onnx'));
const pixels = new ort.Tensor('float32', new Float32Array(3 * 224 * 224).map((_, i) => Math.sin(i)), [1, 3, 224, 224]);

type Case = { name: string; run: () => Promise<unknown> };
const cases: Record<string, Case[]> = {};
const created: Record<string, { encoder: number; decoder: number }> = {};
for (const [variant, options] of Object.entries(variants)) {
  let t = performance.now();
  const encoder = await ort.InferenceSession.create(encoderBytes, options);
  const encoderMs = performance.now() - t;
  t = performance.now();
  const decoder = await ort.InferenceSession.create(decoderBytes, options);
  created[variant] = { encoder: encoderMs, decoder: performance.now() - t };
  const states = (await encoder.run({ pixel_values: pixels })).last_hidden_state!;
  const step = (beams: number): Record<string, ort.Tensor> => {
    const feeds: Record<string, ort.Tensor> = {
      input_ids: new ort.Tensor('int64', new BigInt64Array(beams).fill(5n), [beams, 1]),
      encoder_hidden_states: states,
      use_cache_branch: new ort.Tensor('bool', [true], [1]),
    };
    for (const meta of decoder.inputMetadata) {
      if (!meta.name.startsWith('past_key_values') || !meta.isTensor) continue;
      const [, heads, , headDim] = meta.shape as [unknown, number, unknown, number];
      feeds[meta.name] = new ort.Tensor('float32', new Float32Array(beams * heads * 8 * headDim).fill(0.01), [beams, heads, 8, headDim]);
    }
    return feeds;
  };
  const [one, five] = [step(1), step(5)];
  cases[variant] = [
    { name: 'encoder', run: () => encoder.run({ pixel_values: pixels }) },
    { name: 'decoder step, 1 beam', run: () => decoder.run(one) },
    { name: 'decoder step, 5 beams', run: () => decoder.run(five) },
  ];
}
const times: Record<string, number[]> = {};
const names = Object.keys(variants);
for (let r = 0; r <= runs; r++) {
  for (let k = 0; k < names.length; k++) {
    const variant = names[(r + k) % names.length]!;
    for (const c of cases[variant]!) {
      const t = performance.now();
      await c.run();
      if (r > 0) (times[`${variant}|${c.name}`] ??= []).push(performance.now() - t);
    }
  }
}
console.log('| session options | encoder creation ms | decoder creation ms | encoder p50 / p90 ms | decoder step, 1 beam p50 / p90 ms | decoder step, 5 beams p50 / p90 ms |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
const cell = (key: string): string => `${round(percentile(times[key]!, 0.5), 2)} / ${round(percentile(times[key]!, 0.9), 2)}`;
for (const v of names) console.log(`| ${v} | ${Math.round(created[v]!.encoder)} | ${Math.round(created[v]!.decoder)} | ${cell(`${v}|encoder`)} | ${cell(`${v}|decoder step, 1 beam`)} | ${cell(`${v}|decoder step, 5 beams`)} |`);
