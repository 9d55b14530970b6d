/**
 * Small ONNX graph surgery in Node, on top of protobufjs and the upstream
 * `onnx.proto` schema (vendored beside this file, Apache-2.0): expose an inner
 * tensor as an output, rename an input, and append a second graph (a trained
 * head) that reads the first one's tensors. The build uses it to assemble the
 * shipped encoder from the third-party backbone plus Glimpse's own head, so
 * the repository never holds a copy of the backbone and the build needs no Python.
 *
 * @example
 *   const model = await loadModel(bytes);
 *   exposeOutput(model, '627', [null, 1280, 7, 7]);
 *   const merged = encodeModel(model);
 */
import { fileURLToPath } from 'node:url';
import protobuf from 'protobufjs';

/* eslint-disable @typescript-eslint/no-explicit-any -- protobufjs messages are dynamic; the schema is onnx.proto. */
export type OnnxModel = any;

const FLOAT = 1;
const INT64 = 7;
/** AttributeProto.AttributeType */
const ATTRIBUTE_INT = 2;
const ATTRIBUTE_INTS = 7;

let modelType: protobuf.Type | null = null;

async function schema(): Promise<protobuf.Type> {
  if (!modelType) {
    const root = await protobuf.load(fileURLToPath(new URL('./onnx.proto', import.meta.url)));
    modelType = root.lookupType('onnx.ModelProto');
  }
  return modelType;
}

export async function loadModel(bytes: Uint8Array): Promise<OnnxModel> {
  return (await schema()).decode(bytes);
}

export async function encodeModel(model: OnnxModel): Promise<Uint8Array> {
  return (await schema()).encode(model).finish();
}

function valueInfo(name: string, dims: (number | string | null)[], elemType = FLOAT): any {
  return {
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d, i) => (typeof d === 'number' ? { dimValue: d } : { dimParam: d ?? `${name}_dim${i}` })) },
      },
    },
  };
}

/** Makes an inner tensor a graph output (no-op when it already is one). */
export function exposeOutput(model: OnnxModel, tensor: string, dims: (number | string | null)[]): void {
  const g = model.graph;
  if (g.output.some((o: any) => o.name === tensor)) return;
  if (!g.node.some((n: any) => n.output.includes(tensor))) throw new Error(`no node produces tensor ${tensor}`);
  g.output.push(valueInfo(tensor, dims));
}

/**
 * Appends a graph output `output` [batch, channels]: the spatial mean of a
 * [batch, channels, h, w] tensor (ReduceMean over axes 2 and 3, opset 13's
 * attribute form). The encoder exposes the backbone's pooled features this way.
 */
export function appendSpatialMean(model: OnnxModel, tensor: string, output: string, channels: number): void {
  const g = model.graph;
  if (!g.node.some((n: any) => n.output.includes(tensor))) throw new Error(`no node produces tensor ${tensor}`);
  g.node.push({
    name: `${output}/ReduceMean`,
    opType: 'ReduceMean',
    input: [tensor],
    output: [output],
    attribute: [
      { name: 'axes', type: ATTRIBUTE_INTS, ints: [2, 3] },
      { name: 'keepdims', type: ATTRIBUTE_INT, i: 0 },
    ],
  });
  g.output.push(valueInfo(output, ['batch_size', channels]));
}

/** Renames every use of a tensor name (inputs, outputs, node edges). */
export function renameTensor(model: OnnxModel, from: string, to: string): void {
  const g = model.graph;
  for (const list of [g.input, g.output, g.valueInfo ?? []]) for (const v of list) if (v.name === from) v.name = to;
  for (const t of g.initializer) if (t.name === from) t.name = to;
  for (const n of g.node) {
    n.input = n.input.map((x: string) => (x === from ? to : x));
    n.output = n.output.map((x: string) => (x === from ? to : x));
  }
}

function opsetOf(model: OnnxModel, domain = ''): number {
  const entry = model.opsetImport.find((o: any) => (o.domain ?? '') === domain);
  return entry ? Number(entry.version) : 0;
}

/**
 * Raises the default-domain opset of a graph from 12 to 13. Of the ops the
 * MobileNetV2 Zoo graph uses, only Unsqueeze changed between them (its axes
 * moved from an attribute to an input); any other op we don't know to be
 * compatible is refused rather than silently reinterpreted.
 */
export function upgradeOpset12To13(model: OnnxModel): void {
  if (opsetOf(model) >= 13) return;
  const unchanged = new Set(['QLinearConv', 'QuantizeLinear', 'DequantizeLinear', 'Shape', 'Gather', 'Concat', 'Reshape', 'QLinearMatMul', 'Conv', 'Add', 'Relu', 'Clip', 'GlobalAveragePool', 'Gemm', 'MatMul', 'Transpose', 'Identity']);
  const g = model.graph;
  for (const n of g.node) {
    if (n.domain && n.domain !== 'ai.onnx') continue;
    if (n.opType === 'Unsqueeze') {
      const axes = n.attribute.find((a: any) => a.name === 'axes');
      if (!axes) continue;
      const name = `${n.name || n.output[0]}_axes`;
      g.initializer.push({ name, dataType: INT64, dims: [axes.ints.length], int64Data: axes.ints });
      n.input.push(name);
      n.attribute = n.attribute.filter((a: any) => a.name !== 'axes');
    } else if (!unchanged.has(n.opType)) {
      throw new Error(`opset 12->13: ${n.opType} not checked for compatibility`);
    }
  }
  for (const o of model.opsetImport) if (!o.domain) o.version = 13;
}

/**
 * Appends `head` to `base`: the head's inputs are wired to base tensors named
 * in `wiring` (head input -> base tensor), its names get `prefix` so they
 * can't collide, and the merged graph's outputs become `outputs` (taken from
 * either graph, after prefixing head tensors).
 */
export function appendHead(base: OnnxModel, head: OnnxModel, wiring: Record<string, string>, outputs: string[], prefix = 'head/'): void {
  const headOpset = opsetOf(head);
  if (opsetOf(base) !== headOpset) throw new Error(`opset mismatch: base ${opsetOf(base)} vs head ${headOpset}`);
  const map = (x: string): string => (x === '' ? x : (wiring[x] ?? (head.graph.output.some((o: any) => o.name === x) ? x : prefix + x)));
  const g = base.graph;
  for (const t of head.graph.initializer) g.initializer.push({ ...t, name: map(t.name) });
  for (const n of head.graph.node) g.node.push({ ...n, name: prefix + (n.name ?? ''), input: n.input.map(map), output: n.output.map(map) });
  const available = [...g.output, ...head.graph.output];
  g.output = outputs.map((name) => {
    const found = available.find((o: any) => o.name === name);
    if (!found) throw new Error(`output ${name} not found`);
    return found;
  });
  for (const o of head.opsetImport) if (!base.opsetImport.some((b: any) => (b.domain ?? '') === (o.domain ?? ''))) base.opsetImport.push(o);
}

export { valueInfo };
