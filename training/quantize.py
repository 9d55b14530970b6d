"""Weight-only int8 quantization by rewriting the ONNX graph.

onnxruntime's Python quantizer can't be installed here (no PyPI), so this
does the part we need with the `onnx` package: every float initializer with
at least MIN_ELEMENTS values that feeds MatMul, Gemm, Gather or Conv becomes
an int8 initializer (symmetric, per output channel) plus a DequantizeLinear
node that restores the original tensor name. Activations stay float32, so
every execution provider (WASM, WebGPU) runs it; the files shrink ~4x.

Usage: python3 quantize.py in.onnx out.onnx
"""
import sys

import numpy as np
import onnx
from onnx import helper, numpy_helper

MIN_ELEMENTS = 1024
# Which axis of the weight is the output channel, per consuming op.
CHANNEL_AXIS = {'MatMul': 1, 'Gemm': 0, 'Gather': 0, 'Conv': 0}


def share_transposed(model):
    """torch.onnx folds the tied output projection (emb.weight.t()) into a
    second, transposed copy of the embedding; point it back at the original
    through a Transpose node so the weights are stored once."""
    g = model.graph
    arrays = {t.name: numpy_helper.to_array(t) for t in g.initializer}
    drop = set()
    for name, arr in arrays.items():
        if arr.ndim != 2 or arr.size < MIN_ELEMENTS or name in drop:
            continue
        for other, o in arrays.items():
            if other != name and other not in drop and o.shape == arr.T.shape and np.array_equal(o, arr.T) and arr.shape[0] > arr.shape[1]:
                drop.add(other)
                g.node.insert(0, helper.make_node('Transpose', [name], [other], name=other + '_Transpose', perm=[1, 0]))
    keep = [t for t in g.initializer if t.name not in drop]
    del g.initializer[:]
    g.initializer.extend(keep)
    return model


def quantize(model):
    share_transposed(model)
    g = model.graph
    consumers = {}
    # Nodes inside If branches read outer initializers too (a merged decoder's
    # two graphs share their weights); the DequantizeLinear nodes stay in the
    # outer graph, where onnxruntime's weight lookups expect them.
    def visit(nodes):
        for n in nodes:
            for i, name in enumerate(n.input):
                consumers.setdefault(name, []).append((n, i))
            for a in n.attribute:
                if a.type == onnx.AttributeProto.GRAPH:
                    visit(a.g.node)
    visit(g.node)
    new_inits, new_nodes = [], []
    for init in g.initializer:
        arr = numpy_helper.to_array(init)
        uses = consumers.get(init.name, [])
        # A Transpose consumer (see share_transposed) takes whatever the other consumer's axis is.
        axes = {CHANNEL_AXIS.get(n.op_type) if (n.op_type != 'Gather' or i == 0) and (n.op_type != 'Gemm' or i == 1) else None
                for n, i in uses if n.op_type != 'Transpose'}
        if arr.dtype != np.float32 or arr.size < MIN_ELEMENTS or arr.ndim < 2 or len(axes) != 1 or None in axes:
            new_inits.append(init)
            continue
        axis = axes.pop()
        if any(n.op_type == 'Gemm' and any(a.name == 'transB' and a.i == 1 for a in n.attribute) for n, _ in uses):
            axis = 0
        elif any(n.op_type == 'Gemm' for n, _ in uses):
            axis = 1
        reduce_axes = tuple(a for a in range(arr.ndim) if a != axis)
        scale = np.abs(arr).max(axis=reduce_axes) / 127.0
        scale = np.where(scale == 0, 1.0, scale).astype(np.float32)
        shape = [1] * arr.ndim
        shape[axis] = -1
        q = np.clip(np.round(arr / scale.reshape(shape)), -127, 127).astype(np.int8)
        base = init.name
        new_inits += [numpy_helper.from_array(q, base + '_quantized'), numpy_helper.from_array(scale, base + '_scale'),
                      numpy_helper.from_array(np.zeros_like(scale, dtype=np.int8), base + '_zero_point')]
        new_nodes.append(helper.make_node('DequantizeLinear', [base + '_quantized', base + '_scale', base + '_zero_point'], [base],
                                          name=base + '_DequantizeLinear', axis=axis))
    del g.initializer[:]
    g.initializer.extend(new_inits)
    nodes = new_nodes + list(g.node)
    del g.node[:]
    g.node.extend(nodes)
    return model


if __name__ == '__main__':
    m = quantize(onnx.load(sys.argv[1]))
    onnx.checker.check_model(m)
    onnx.save(m, sys.argv[2])
