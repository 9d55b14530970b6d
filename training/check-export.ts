/**
 * Checks an exported model with onnxruntime-node against the torch reference
 * tensors export.py wrote, and the decoder's KV-cache path against its
 * no-cache path. Exits non-zero on any mismatch beyond tolerance.
 *
 * Usage: npx tsx training/check-export.ts <modelDir> <referenceDir> [encoder|encoder_head]
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as ort from 'onnxruntime-node';

const [modelDir, refDir, encoderName = 'encoder'] = process.argv.slice(2) as [string, string, string?];
const config = JSON.parse(readFileSync(join(modelDir, 'config.json'), 'utf8'));
const { n_layer: layers, n_head: heads, n_embd: embd } = config.decoder;
let failures = 0;

type Meta = Record<'in' | 'out', Record<string, { file: string; dims: number[]; type: 'int64' | 'float32' }>>;

function load(name: string): { inputs: Record<string, ort.Tensor>; outputs: Record<string, ort.Tensor> } {
  const meta = JSON.parse(readFileSync(join(refDir, `${name}.json`), 'utf8')) as Meta;
  const read = (m: Meta['in']) =>
    Object.fromEntries(Object.entries(m).map(([k, v]) => {
      const buf = readFileSync(join(refDir, v.file));
      const data = v.type === 'int64' ? new BigInt64Array(buf.buffer, buf.byteOffset, buf.length / 8) : new Float32Array(buf.buffer, buf.byteOffset, buf.length / 4);
      return [k, new ort.Tensor(v.type, data, v.dims)];
    }));
  return { inputs: read(meta.in), outputs: read(meta.out) };
}

function compare(label: string, got: ort.Tensor, want: ort.Tensor, tol: number): void {
  const a = got.data as Float32Array;
  const b = want.data as Float32Array;
  let max = 0;
  for (let i = 0; i < b.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  const ok = a.length === b.length && max <= tol;
  if (!ok) failures++;
  console.log(`${ok ? 'ok  ' : 'FAIL'} ${label}: max |diff| ${max.toExponential(2)} (tol ${tol})`);
}

function argmaxAgreement(a: Float32Array, b: Float32Array, vocab: number): number {
  let same = 0;
  const rows = b.length / vocab;
  for (let r = 0; r < rows; r++) {
    let ia = 0;
    let ib = 0;
    for (let v = 1; v < vocab; v++) {
      if (a[r * vocab + v]! > a[r * vocab + ia]!) ia = v;
      if (b[r * vocab + v]! > b[r * vocab + ib]!) ib = v;
    }
    if (ia === ib) same++;
  }
  return same / rows;
}

function emptyPast(batch: number): Record<string, ort.Tensor> {
  const feeds: Record<string, ort.Tensor> = {};
  for (let i = 0; i < layers; i++)
    for (const kv of ['key', 'value']) feeds[`past_key_values.${i}.${kv}`] = new ort.Tensor('float32', new Float32Array(0), [batch, heads, 0, embd / heads]);
  return feeds;
}

async function checkDecoder(file: string, tol: number): Promise<void> {
  const session = await ort.InferenceSession.create(join(modelDir, 'onnx', file));
  const { inputs, outputs } = load('decoder');
  const ids = inputs.input_ids!;
  const [batch, seq] = ids.dims as [number, number];
  const mem = inputs.encoder_hidden_states!;
  const full = await session.run({ input_ids: ids, encoder_hidden_states: mem, use_cache_branch: new ort.Tensor('bool', [false], [1]), ...emptyPast(batch) });
  const vocab = full.logits!.dims[2]!;
  compare(`${file} no-cache logits vs torch`, full.logits!, outputs.logits!, tol);
  if (tol > 1e-2) console.log(`     argmax agreement with torch: ${(argmaxAgreement(full.logits!.data as Float32Array, outputs.logits!.data as Float32Array, vocab) * 100).toFixed(1)}%`);
  // Step by step with the cache: logits at each position must equal the no-cache run.
  let past = emptyPast(batch);
  const stepped = new Float32Array(batch * seq * vocab);
  const idData = ids.data as BigInt64Array;
  for (let t = 0; t < seq; t++) {
    const step = new BigInt64Array(batch);
    for (let b = 0; b < batch; b++) step[b] = idData[b * seq + t]!;
    const out = await session.run({ input_ids: new ort.Tensor('int64', step, [batch, 1]), encoder_hidden_states: mem, use_cache_branch: new ort.Tensor('bool', [t > 0], [1]), ...past });
    const logits = out.logits!.data as Float32Array;
    for (let b = 0; b < batch; b++) stepped.set(logits.subarray(b * vocab, (b + 1) * vocab), (b * seq + t) * vocab);
    past = {};
    for (let i = 0; i < layers; i++) for (const kv of ['key', 'value']) past[`past_key_values.${i}.${kv}`] = out[`present.${i}.${kv}`]!;
  }
  // int8 weights: ORT picks different fused kernels for 1-token and n-token
  // inputs, so the paths agree to rounding of the quantized matmuls, not to fp32 precision.
  const cacheTol = file.includes('_quantized') ? 1e-2 : 1e-3;
  compare(`${file} KV-cache path vs no-cache path`, new ort.Tensor('float32', stepped, full.logits!.dims), full.logits!, cacheTol);
}

async function checkEncoder(file: string, tol: number): Promise<void> {
  const session = await ort.InferenceSession.create(join(modelDir, 'onnx', file));
  const { inputs, outputs } = load(encoderName);
  const out = await session.run(inputs);
  for (const [name, want] of Object.entries(outputs)) compare(`${file} ${name} vs torch`, out[name]!, want, tol);
}

await checkEncoder(`${encoderName}${encoderName === 'encoder' ? '_model' : ''}.onnx`, 1e-3);
await checkDecoder('decoder_model_merged.onnx', 1e-3);
await checkDecoder('decoder_model_merged_quantized.onnx', Number.POSITIVE_INFINITY);
process.exit(failures ? 1 : 0);
