/**
 * Rewrites an operator-quantized int8 graph (QLinearConv, QLinearAdd,
 * QLinearGlobalAveragePool, QLinearMatMul between QuantizeLinear and
 * DequantizeLinear, as the ONNX Model Zoo's MobileNetV2 ships) as the float
 * graph it approximates: the same int8 weights, dequantized once here into
 * float initialisers, float Conv/Add/GlobalAveragePool/MatMul, and a Clip
 * where each quantized tensor's uint8 range clipped values (that clipping is
 * how the int8 graph applies ReLU6). Weight-only DequantizeLinear nodes are
 * folded the same way. Other ops pass through with float inputs.
 *
 * Why: onnxruntime-web's WASM build runs QLinearConv far slower than float
 * Conv with SIMD (BENCHMARKS.md, "Per-operator profile"). The activations are
 * no longer rounded to 8 bits, so outputs differ slightly from the int8 graph;
 * `npm run eval` measures what that does to captions.
 *
 * Pure: works on a decoded ModelProto (protobufjs), no Node modules.
 *
 * @example
 *   const model = await loadModel(bytes);
 *   const { converted } = floatFromQLinear(model); // converted: 52 QLinearConv + …
 */
import type { OnnxModel } from './onnx-graph';

/* eslint-disable @typescript-eslint/no-explicit-any -- protobufjs messages are dynamic; the schema is onnx.proto. */

const FLOAT = 1;
const UINT8 = 2;
const INT8 = 3;
const INT32 = 6;
const INT64 = 7;

/** protobufjs decodes int64 fields as Long objects when long.js is present. */
const num = (x: unknown): number => (typeof x === 'object' && x !== null && 'toNumber' in x ? (x as { toNumber(): number }).toNumber() : Number(x));

/** An initializer's values as numbers, whatever its storage (raw bytes or typed fields). */
export function initializerValues(t: any): Float64Array {
  const count = (t.dims as unknown[]).reduce<number>((a, d) => a * num(d), 1);
  const raw: Uint8Array | undefined = t.rawData && t.rawData.length ? t.rawData : undefined;
  const out = new Float64Array(count);
  if (raw) {
    const view = new DataView(raw.buffer, raw.byteOffset, raw.byteLength);
    for (let i = 0; i < count; i++) {
      switch (t.dataType) {
        case FLOAT: out[i] = view.getFloat32(i * 4, true); break;
        case UINT8: out[i] = view.getUint8(i); break;
        case INT8: out[i] = view.getInt8(i); break;
        case INT32: out[i] = view.getInt32(i * 4, true); break;
        case INT64: out[i] = Number(view.getBigInt64(i * 8, true)); break;
        default: throw new Error(`initializer ${t.name}: data type ${t.dataType} not handled`);
      }
    }
    return out;
  }
  const field = t.dataType === FLOAT ? t.floatData : t.dataType === INT64 ? t.int64Data : t.int32Data;
  const values: unknown[] = field ?? [];
  if (values.length === 0 && count > 0) {
    // A scalar zero point may be stored with no data at all (proto3 default 0).
    if (count === 1) return out;
    throw new Error(`initializer ${t.name}: no data`);
  }
  for (let i = 0; i < count; i++) out[i] = num(values[i]);
  return out;
}

function floatInit(name: string, dims: readonly number[], values: Float64Array | Float32Array): any {
  const data = Float32Array.from(values);
  return { name, dataType: FLOAT, dims: [...dims], rawData: new Uint8Array(data.buffer) };
}

/** Per-axis dequantization: (q − zp) × scale, scale/zp broadcast along `axis` when they are 1-D. */
function dequantize(q: Float64Array, dims: readonly number[], scale: Float64Array, zp: Float64Array, axis: number): Float32Array {
  const out = new Float32Array(q.length);
  if (scale.length === 1) {
    for (let i = 0; i < q.length; i++) out[i] = (q[i]! - (zp[0] ?? 0)) * scale[0]!;
    return out;
  }
  const inner = dims.slice(axis + 1).reduce((a, d) => a * d, 1);
  const channels = dims[axis]!;
  for (let i = 0; i < q.length; i++) {
    const c = Math.floor(i / inner) % channels;
    out[i] = (q[i]! - (zp.length > 1 ? zp[c]! : (zp[0] ?? 0))) * scale[c]!;
  }
  return out;
}

export interface FloatOptions {
  /**
   * 'clipped' (default): float activations, clipped to each quantized tensor's range.
   * 'rounded': also rounded to its 8-bit grid (QuantizeLinear + DequantizeLinear
   * after each op), which reproduces the int8 graph's outputs almost bit for bit.
   */
  activations?: 'clipped' | 'rounded';
}

export interface FloatConversion {
  /** Nodes replaced, by op type. */
  converted: Record<string, number>;
}

/**
 * Converts the QLinear* / QuantizeLinear / DequantizeLinear part of `model`
 * in place. Throws on a quantized op it does not know rather than leave a
 * graph that mixes uint8 and float tensors.
 */
export function floatFromQLinear(model: OnnxModel, options: FloatOptions = {}): FloatConversion {
  const g = model.graph;
  const inits = new Map<string, any>(g.initializer.map((t: any) => [t.name, t]));
  const used = new Set<string>([...g.node.flatMap((n: any) => [...n.input, ...n.output]), ...g.initializer.map((t: any) => t.name), ...g.input.map((i: any) => i.name)]);
  const floatName = new Map<string, string>(); // quantized activation → its float stand-in
  const newInits: any[] = [];
  const nodes: any[] = [];
  const converted: Record<string, number> = {};
  const count = (op: string): void => void (converted[op] = (converted[op] ?? 0) + 1);
  const value = (name: string): Float64Array => {
    const t = inits.get(name);
    if (!t) throw new Error(`${name} is not a constant; only constant scales, zero points and weights are handled`);
    return initializerValues(t);
  };
  const fresh = (base: string): string => {
    let name = base.replace(/_quantized$/, '');
    if (name === base || used.has(name)) name = `${base}_float`;
    while (used.has(name)) name += '_';
    used.add(name);
    return name;
  };
  const floatOf = (name: string): string => floatName.get(name) ?? name;
  const constant = (name: string, values: Float64Array | Float32Array, dims: readonly number[]): string => {
    const n = fresh(`${name}_dequantized`);
    newInits.push(floatInit(n, dims, values));
    return n;
  };
  /** Float output with the clipping the uint8/int8 output range applied. */
  const clipped = (quantizedOut: string, scaleName: string, zpName: string, build: (out: string) => void): void => {
    const out = fresh(quantizedOut);
    const zpInit = inits.get(zpName);
    const s = value(scaleName)[0]!;
    const zp = zpInit ? initializerValues(zpInit)[0]! : 0;
    const [qmin, qmax] = zpInit?.dataType === INT8 ? [-128, 127] : [0, 255];
    const raw = `${out}_unclipped`;
    used.add(raw);
    build(raw);
    if (options.activations === 'rounded') {
      // Quantize + dequantize: the int8 graph's rounding and clipping, exactly, on float kernels.
      const q = `${out}_rounded`;
      used.add(q);
      nodes.push({ opType: 'QuantizeLinear', name: `${out}_quantize`, input: [raw, scaleName, ...(zpInit ? [zpName] : [])], output: [q], attribute: [] });
      nodes.push({ opType: 'DequantizeLinear', name: `${out}_dequantize`, input: [q, scaleName, ...(zpInit ? [zpName] : [])], output: [out], attribute: [] });
    } else {
      const lo = constant(`${out}_min`, Float32Array.of((qmin - zp) * s), []);
      const hi = constant(`${out}_max`, Float32Array.of((qmax - zp) * s), []);
      nodes.push({ opType: 'Clip', name: `${out}_clip`, input: [raw, lo, hi], output: [out], attribute: [] });
    }
    floatName.set(quantizedOut, out);
  };
  const weight = (q: string, scale: string, zp: string, axis: number): string => {
    const t = inits.get(q);
    if (!t) throw new Error(`weight ${q} is not a constant`);
    const dims = t.dims.map(num);
    return constant(q, dequantize(initializerValues(t), dims, value(scale), inits.has(zp) ? value(zp) : Float64Array.of(0), axis), dims);
  };

  for (const n of g.node) {
    const op = n.opType as string;
    const i = n.input as string[];
    if (op === 'QuantizeLinear') {
      if (inits.has(i[0]!)) throw new Error(`QuantizeLinear of constant ${i[0]} not handled`);
      clipped(n.output[0], i[1]!, i[2] ?? '', (out) => nodes.push({ opType: 'Identity', name: `${n.name}_float`, input: [floatOf(i[0]!)], output: [out], attribute: [] }));
    } else if (op === 'DequantizeLinear') {
      const axisAttr = n.attribute.find((a: any) => a.name === 'axis');
      if (inits.has(i[0]!)) {
        const t = inits.get(i[0]!);
        const dims = t.dims.map(num);
        const axis = axisAttr ? num(axisAttr.i) : 1;
        const name = n.output[0] as string;
        newInits.push(floatInit(name, dims, dequantize(initializerValues(t), dims, value(i[1]!), i[2] && inits.has(i[2]) ? value(i[2]) : Float64Array.of(0), axis < 0 ? axis + dims.length : axis)));
      } else {
        nodes.push({ opType: 'Identity', name: n.name, input: [floatOf(i[0]!)], output: n.output, attribute: [] });
      }
    } else if (op === 'QLinearConv') {
      // x, x_scale, x_zp, w, w_scale, w_zp, y_scale, y_zp, [bias int32 at x_scale × w_scale]
      const w = weight(i[3]!, i[4]!, i[5]!, 0);
      const inputs = [floatOf(i[0]!), w];
      if (i[8]) {
        const bias = value(i[8]);
        const xs = value(i[1]!)[0]!;
        const ws = value(i[4]!);
        inputs.push(constant(i[8], bias.map((b, c) => b * xs * (ws.length > 1 ? ws[c]! : ws[0]!)), [bias.length]));
      }
      clipped(n.output[0], i[6]!, i[7]!, (out) => nodes.push({ opType: 'Conv', domain: '', name: n.name, input: inputs, output: [out], attribute: n.attribute }));
    } else if (op === 'QLinearAdd') {
      // A, A_scale, A_zp, B, B_scale, B_zp, C_scale, C_zp
      const operand = (k: number): string => (inits.has(i[k]!) ? weight(i[k]!, i[k + 1]!, i[k + 2]!, 0) : floatOf(i[k]!));
      clipped(n.output[0], i[6]!, i[7]!, (out) => nodes.push({ opType: 'Add', domain: '', name: n.name, input: [operand(0), operand(3)], output: [out], attribute: [] }));
    } else if (op === 'QLinearGlobalAveragePool') {
      if (n.attribute.some((a: any) => a.name === 'channels_last' && num(a.i) !== 0)) throw new Error('QLinearGlobalAveragePool with channels_last not handled');
      clipped(n.output[0], i[3]!, i[4]!, (out) => nodes.push({ opType: 'GlobalAveragePool', domain: '', name: n.name, input: [floatOf(i[0]!)], output: [out], attribute: [] }));
    } else if (op === 'QLinearMatMul') {
      // a, a_scale, a_zp, b, b_scale, b_zp, y_scale, y_zp; b's scale is per output column (axis 1)
      const b = inits.has(i[3]!) ? weight(i[3]!, i[4]!, i[5]!, 1) : floatOf(i[3]!);
      clipped(n.output[0], i[6]!, i[7]!, (out) => nodes.push({ opType: 'MatMul', domain: '', name: n.name, input: [floatOf(i[0]!), b], output: [out], attribute: [] }));
    } else if (op.startsWith('QLinear') || op === 'MatMulInteger' || op === 'ConvInteger' || op === 'DynamicQuantizeLinear') {
      throw new Error(`${op} not handled`);
    } else {
      // Shape, Reshape, Gather… : same op on the float stand-ins.
      const renamed = i.map(floatOf);
      for (const out of n.output as string[]) if (floatName.has(out)) throw new Error(`${out} produced twice`);
      // A pass-through of a quantized tensor (Reshape of 464_quantized) gives a float tensor under the old name.
      nodes.push({ ...n, input: renamed });
      continue;
    }
    count(op);
  }
  g.node = nodes;
  const stillUsed = new Set<string>(nodes.flatMap((n: any) => n.input));
  g.initializer = [...g.initializer.filter((t: any) => stillUsed.has(t.name)), ...newInits.filter((t: any) => stillUsed.has(t.name))];
  for (const list of [g.input, g.output, g.valueInfo ?? []]) {
    for (const v of list) if (v.type?.tensorType && (v.type.tensorType.elemType === UINT8 || v.type.tensorType.elemType === INT8)) v.type.tensorType.elemType = FLOAT;
  }
  // Quantized tensors' value_info no longer describes anything; onnxruntime re-infers shapes.
  g.valueInfo = (g.valueInfo ?? []).filter((v: any) => !String(v.name).endsWith('_quantized'));
  return { converted };
}
