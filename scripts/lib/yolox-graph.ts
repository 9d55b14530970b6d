/**
 * Rewrites the YOLOX-Nano graph for another fixed input size. The network is
 * fully convolutional and its head's Reshapes use [1, 85, -1] and its Resizes
 * scales, so only the declared shapes name 416: the input [1, 3, 416, 416],
 * the output [1, 3549, 85] and the inner value_info shapes. Those are
 * rewritten (the inner ones dropped; onnxruntime infers them again) and the
 * weights are untouched. The detector reads its input size from the graph.
 *
 * @example
 *   const small = await yoloxAtSize(bytes, 320, 320); // input [1,3,320,320], output [1,2100,85]
 */
import { encodeModel, loadModel } from './onnx-graph';
import { anchorCount } from '../../src/captioner/concepts/yolox-decode';

interface OnnxTensor {
  name: string;
  int64Data?: (number | { toNumber(): number })[];
  rawData?: Uint8Array;
}

function int64Values(t: OnnxTensor): number[] {
  if (t.int64Data?.length) return t.int64Data.map((v) => (typeof v === 'number' ? v : v.toNumber()));
  if (!t.rawData) return [];
  const view = new DataView(t.rawData.buffer, t.rawData.byteOffset, t.rawData.byteLength);
  return Array.from({ length: t.rawData.byteLength / 8 }, (_, i) => Number(view.getBigInt64(i * 8, true)));
}

const SIZE_BAKING_OPS = new Set(['Reshape', 'Resize', 'Expand', 'Tile', 'ConstantOfShape']);

/** The same weights with an input of width × height (multiples of 32). */
export async function yoloxAtSize(bytes: Uint8Array, width: number, height: number): Promise<Uint8Array> {
  if (width % 32 || height % 32) throw new Error(`YOLOX input sides must be multiples of 32, not ${width}×${height}`);
  const model = await loadModel(bytes);
  const g = model.graph;
  const [input] = g.input;
  const [output] = g.output;
  if (g.input.length !== 1 || g.output.length !== 1 || !input || !output) throw new Error('expected a YOLOX graph with one input and one output');
  const inDims = input.type.tensorType.shape.dim;
  const outDims = output.type.tensorType.shape.dim;
  if (inDims.length !== 4 || outDims.length !== 3) throw new Error('expected input [1,3,H,W] and output [1,N,85]');
  // A shape constant fed to a size-sensitive op would still say 416: refuse rather than produce a wrong graph.
  const inits = new Map<string, OnnxTensor>(g.initializer.map((t: OnnxTensor) => [t.name, t]));
  for (const n of g.node) {
    if (!SIZE_BAKING_OPS.has(n.opType)) continue;
    const shapeInput: string | undefined = n.opType === 'Resize' ? n.input[3] : n.input[1];
    const shape = shapeInput ? inits.get(shapeInput) : undefined;
    // A Reshape to [1, 85, -1] lets the anchor count follow the input; any other fixed shape would not.
    if (shape && !(n.opType === 'Reshape' && int64Values(shape).includes(-1))) {
      throw new Error(`${n.opType} ${n.name} takes a fixed shape (${shapeInput}); this graph can't be resized by rewriting shapes`);
    }
  }
  inDims[2] = { dimValue: height };
  inDims[3] = { dimValue: width };
  outDims[1] = { dimValue: anchorCount({ width, height }) };
  g.valueInfo = [];
  return encodeModel(model);
}
