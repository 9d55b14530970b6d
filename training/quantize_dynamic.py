"""Dynamic int8 quantization of MatMul weights, in the form onnxruntime's
quantize_dynamic writes (and Xenova's `_quantized` files use): per MatMul,
DynamicQuantizeLinear on the activation, MatMulInteger against int8
weights (symmetric, per output column), Cast, and a Mul by both scales.
Weights read by other ops (the embedding's Gather, the patch Conv) then get
quantize.py's weight-only DequantizeLinear, as onnxruntime quantizes Gather.

Nodes inside If branches are rewritten in place; the int8 weights live in
the outer graph, which the branches can read.

Usage: from quantize_dynamic import quantize_dynamic; model = quantize_dynamic(model)
"""
import numpy as np
import onnx
from onnx import helper, numpy_helper, TensorProto

from quantize import MIN_ELEMENTS, quantize, share_transposed


def _graphs(nodes):
    for n in nodes:
        for a in n.attribute:
            if a.type == onnx.AttributeProto.GRAPH:
                yield a.g
                yield from _graphs(a.g.node)


def _all_nodes(graph):
    yield from graph.node
    for g in _graphs(graph.node):
        yield from g.node


def quantize_dynamic(model):
    share_transposed(model)  # the tied output projection reads the embedding through a Transpose: stays one weight
    top = model.graph
    arrays = {t.name: numpy_helper.to_array(t) for t in top.initializer}
    uses = {}
    for n in _all_nodes(top):
        for i, name in enumerate(n.input):
            uses.setdefault(name, []).append((n.op_type, i))
    weights = {name for name, arr in arrays.items()
               if arr.dtype == np.float32 and arr.ndim == 2 and arr.size >= MIN_ELEMENTS and uses.get(name)
               and all(op == 'MatMul' and i == 1 for op, i in uses[name])}
    for name in sorted(weights):  # sorted: a set iterates in a per-run order, and the file must be reproducible
        w = arrays[name]
        scale = np.abs(w).max(axis=0) / 127.0
        scale = np.where(scale == 0, 1.0, scale).astype(np.float32)
        q = np.clip(np.round(w / scale), -127, 127).astype(np.int8)
        top.initializer.extend([numpy_helper.from_array(q, name + '_quantized'), numpy_helper.from_array(scale, name + '_scale'),
                                numpy_helper.from_array(np.zeros_like(q[0]), name + '_zero_point')])
    keep = [t for t in top.initializer if t.name not in weights]
    del top.initializer[:]
    top.initializer.extend(keep)

    def rewrite(graph):
        out = []
        for n in graph.node:
            for a in n.attribute:
                if a.type == onnx.AttributeProto.GRAPH:
                    rewrite(a.g)
            if n.op_type != 'MatMul' or n.input[1] not in weights:
                out.append(n)
                continue
            a, w, y, p = n.input[0], n.input[1], n.output[0], (n.name or n.output[0]) + '_'
            out += [
                helper.make_node('DynamicQuantizeLinear', [a], [p + 'a_q', p + 'a_scale', p + 'a_zero_point'], name=p + 'QuantizeInput'),
                helper.make_node('MatMulInteger', [p + 'a_q', w + '_quantized', p + 'a_zero_point', w + '_zero_point'], [p + 'int32'], name=p + 'MatMulInteger'),
                helper.make_node('Cast', [p + 'int32'], [p + 'float'], name=p + 'Cast', to=TensorProto.FLOAT),
                helper.make_node('Mul', [p + 'a_scale', w + '_scale'], [p + 'scale'], name=p + 'Scale'),
                helper.make_node('Mul', [p + 'float', p + 'scale'], [y], name=p + 'Rescale'),
            ]
        del graph.node[:]
        graph.node.extend(out)

    rewrite(top)
    return quantize(model)  # what is left: Gather / Conv weights, weight-only
