/**
 * Writes an ONNX graph (opset 13, NCHW float32) for the part of a Keras
 * functional model that feeds the named layers, from its layers JSON and
 * float weights. It knows exactly the layer kinds InceptionV3 is made of:
 * Conv2D, BatchNormalization (folded into the convolution before it),
 * Activation relu, Max/AveragePooling2D and Concatenate; any other kind on
 * the path to an output is refused rather than guessed at.
 *
 * Keras "same" padding is TF's: the odd pixel of padding goes after, and an
 * average pool leaves padding out of its count (ONNX `count_include_pad` 0).
 *
 * @example
 *   const model = kerasToOnnx(layers, weights, { input: 'pixel_values', size: 299, outputs: ['mixed5'] });
 *   writeFileSync('inception.onnx', await encodeModel(model));
 */
import type { KerasLayer, Weight } from './nsfwjs-inception';
import { valueInfo, type OnnxModel } from './onnx-graph';

const FLOAT = 1;
const ATTR_INT = 2;
const ATTR_INTS = 7;

interface Options { input: string; size: number; outputs: string[] }
/** Channels, height, width of a tensor in the graph. */
type Shape = [number, number, number];

function attr(name: string, value: number | number[]): object {
  return Array.isArray(value) ? { name, type: ATTR_INTS, ints: value } : { name, type: ATTR_INT, i: value };
}

function pair(v: unknown): [number, number] {
  const a = v as number[];
  return [a[0]!, a[1]!];
}

/** Output size and ONNX pads [top, left, bottom, right] for a Keras window. */
function windowed(shape: Shape, kernel: [number, number], strides: [number, number], padding: unknown): { h: number; w: number; pads: number[] } {
  const [, h, w] = shape;
  if (padding === 'valid') return { h: Math.floor((h - kernel[0]) / strides[0]) + 1, w: Math.floor((w - kernel[1]) / strides[1]) + 1, pads: [0, 0, 0, 0] };
  if (padding !== 'same') throw new Error(`padding ${String(padding)} is not handled`);
  const outH = Math.ceil(h / strides[0]);
  const outW = Math.ceil(w / strides[1]);
  const totalH = Math.max((outH - 1) * strides[0] + kernel[0] - h, 0);
  const totalW = Math.max((outW - 1) * strides[1] + kernel[1] - w, 0);
  return { h: outH, w: outW, pads: [Math.floor(totalH / 2), Math.floor(totalW / 2), totalH - Math.floor(totalH / 2), totalW - Math.floor(totalW / 2)] };
}

/** Layers that the outputs depend on, in the JSON's (topological) order. */
function needed(layers: KerasLayer[], outputs: string[]): KerasLayer[] {
  const byName = new Map(layers.map((l) => [l.name, l]));
  const keep = new Set<string>();
  const stack = [...outputs];
  while (stack.length) {
    const name = stack.pop()!;
    if (keep.has(name)) continue;
    const layer = byName.get(name);
    if (!layer) throw new Error(`the model has no layer ${name}`);
    keep.add(name);
    for (const node of layer.inbound_nodes) for (const [from] of node) stack.push(from);
  }
  return layers.filter((l) => keep.has(l.name));
}

function weight(weights: Map<string, Weight>, name: string): Weight {
  const w = weights.get(name);
  if (!w) throw new Error(`no weight ${name}`);
  return w;
}

export function kerasToOnnx(layers: KerasLayer[], weights: Map<string, Weight>, options: Options): OnnxModel {
  const path = needed(layers, options.outputs);
  const consumers = new Map<string, number>();
  for (const l of path) for (const node of l.inbound_nodes) for (const [from] of node) consumers.set(from, (consumers.get(from) ?? 0) + 1);
  const shapes = new Map<string, Shape>();
  /** Layer name → the ONNX tensor holding its output (a folded BatchNormalization aliases its conv). */
  const tensor = new Map<string, string>();
  const convs = new Map<string, { kernel: Float32Array; bias: Float32Array; outChannels: number; dims: number[] }>();
  const nodes: object[] = [];
  for (const layer of path) {
    const c = layer.config;
    const inputs = layer.inbound_nodes.flatMap((node) => node.map(([from]) => from));
    const inShape = shapes.get(inputs[0]!)!;
    const inTensor = tensor.get(inputs[0]!)!;
    if (layer.class_name === 'InputLayer') {
      tensor.set(layer.name, options.input);
      shapes.set(layer.name, [3, options.size, options.size]);
    } else if (layer.class_name === 'Conv2D') {
      if (c.data_format !== 'channels_last' || pair(c.dilation_rate).some((d) => d !== 1) || c.activation !== 'linear') throw new Error(`${layer.name}: only undilated linear channels_last Conv2D is handled`);
      const kw = weight(weights, `${layer.name}/kernel`);
      const [kh, kwid, cin, cout] = kw.shape as [number, number, number, number];
      // Keras kernels are [kh, kw, in, out]; ONNX wants [out, in, kh, kw].
      const kernel = new Float32Array(kw.data.length);
      for (let y = 0; y < kh; y++) for (let x = 0; x < kwid; x++) for (let i = 0; i < cin; i++) for (let o = 0; o < cout; o++) {
        kernel[((o * cin + i) * kh + y) * kwid + x] = kw.data[((y * kwid + x) * cin + i) * cout + o]!;
      }
      const bias = c.use_bias ? Float32Array.from(weight(weights, `${layer.name}/bias`).data) : new Float32Array(cout);
      const strides = pair(c.strides);
      const out = windowed(inShape, [kh, kwid], strides, c.padding);
      nodes.push({ name: layer.name, opType: 'Conv', input: [inTensor, `${layer.name}/W`, `${layer.name}/B`], output: [layer.name], attribute: [attr('kernel_shape', [kh, kwid]), attr('strides', strides), attr('pads', out.pads)] });
      convs.set(layer.name, { kernel, bias, outChannels: cout, dims: [cout, cin, kh, kwid] });
      tensor.set(layer.name, layer.name);
      shapes.set(layer.name, [cout, out.h, out.w]);
    } else if (layer.class_name === 'BatchNormalization') {
      const conv = convs.get(inputs[0]!);
      if (!conv || consumers.get(inputs[0]!) !== 1 || (c.axis !== 3 && c.axis !== -1)) throw new Error(`${layer.name}: only a channel BatchNormalization right after a Conv2D is handled`);
      const mean = weight(weights, `${layer.name}/moving_mean`).data;
      const variance = weight(weights, `${layer.name}/moving_variance`).data;
      const beta = c.center ? weight(weights, `${layer.name}/beta`).data : new Float32Array(conv.outChannels);
      const gamma = c.scale ? weight(weights, `${layer.name}/gamma`).data : new Float32Array(conv.outChannels).fill(1);
      const perOut = conv.kernel.length / conv.outChannels;
      for (let o = 0; o < conv.outChannels; o++) {
        const k = gamma[o]! / Math.sqrt(variance[o]! + (c.epsilon as number));
        for (let j = 0; j < perOut; j++) conv.kernel[o * perOut + j]! *= k;
        conv.bias[o] = (conv.bias[o]! - mean[o]!) * k + beta[o]!;
      }
      tensor.set(layer.name, inTensor);
      shapes.set(layer.name, inShape);
    } else if (layer.class_name === 'Activation') {
      if (c.activation !== 'relu') throw new Error(`${layer.name}: activation ${String(c.activation)} is not handled`);
      nodes.push({ name: layer.name, opType: 'Relu', input: [inTensor], output: [layer.name] });
      tensor.set(layer.name, layer.name);
      shapes.set(layer.name, inShape);
    } else if (layer.class_name === 'MaxPooling2D' || layer.class_name === 'AveragePooling2D') {
      const kernel = pair(c.pool_size);
      const strides = pair(c.strides);
      const out = windowed(inShape, kernel, strides, c.padding);
      const opType = layer.class_name === 'MaxPooling2D' ? 'MaxPool' : 'AveragePool';
      // AveragePool's count_include_pad defaults to 0, which is TF's "same" average.
      nodes.push({ name: layer.name, opType, input: [inTensor], output: [layer.name], attribute: [attr('kernel_shape', kernel), attr('strides', strides), attr('pads', out.pads)] });
      tensor.set(layer.name, layer.name);
      shapes.set(layer.name, [inShape[0], out.h, out.w]);
    } else if (layer.class_name === 'Concatenate') {
      if (c.axis !== 3 && c.axis !== -1) throw new Error(`${layer.name}: only channel concatenation is handled`);
      nodes.push({ name: layer.name, opType: 'Concat', input: inputs.map((i) => tensor.get(i)!), output: [layer.name], attribute: [attr('axis', 1)] });
      tensor.set(layer.name, layer.name);
      shapes.set(layer.name, [inputs.reduce((sum, i) => sum + shapes.get(i)![0], 0), inShape[1], inShape[2]]);
    } else {
      throw new Error(`${layer.name}: Keras layer ${layer.class_name} is not handled`);
    }
  }
  const initializer = [...convs.entries()].flatMap(([name, conv]) => [
    { name: `${name}/W`, dataType: FLOAT, dims: conv.dims, rawData: bytesOf(conv.kernel) },
    { name: `${name}/B`, dataType: FLOAT, dims: [conv.dims[0]], rawData: bytesOf(conv.bias) },
  ]);
  return {
    irVersion: 7,
    producerName: 'glimpse scripts/lib/keras-onnx.ts',
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'inception_v3',
      node: nodes,
      initializer,
      input: [valueInfo(options.input, ['batch_size', 3, options.size, options.size])],
      output: options.outputs.map((name) => {
        const [ch, h, w] = shapes.get(name)!;
        if (tensor.get(name) !== name) throw new Error(`${name} is not a graph tensor of its own`);
        return valueInfo(name, ['batch_size', ch, h, w]);
      }),
    },
  };
}

function bytesOf(data: Float32Array): Uint8Array {
  return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
}
