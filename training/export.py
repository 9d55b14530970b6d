"""Exports a trained TransformerCaptioner to the Optimum VisionEncoderDecoder
layout Glimpse reads (and transformers.js loads):

  config.json, generation_config.json, preprocessor_config.json,
  tokenizer.json (WordLevel), tokenizer_config.json,
  onnx/decoder_model_merged.onnx   input_ids, encoder_hidden_states,
                                   past_key_values.{i}.key|value, use_cache_branch
                                   -> logits, present.{i}.key|value
  onnx/encoder_head.onnx           (real model) 627 features + ImageNet logits
                                   -> last_hidden_state; the build merges it
                                   behind the third-party backbone
  onnx/encoder_model.onnx          (tiny model) pixel_values -> last_hidden_state, logits

An M2 checkpoint (m2.py) exports to the same layout: its encoder keeps every
layer's output ([B, N, T, d]); the head writes them one after another along the
sequence axis as last_hidden_state [B, N*T, d], and the decoder graph splits
that back into its N layers before the meshed cross-attention. So the runtime
sees one memory, like any VisionEncoderDecoder model.

The "merged" decoder is one graph that concatenates the past and new keys;
with past length 0 on the first step it is the no-cache decoder, so
use_cache_branch only has to be accepted, not branched on.

Usage:
  python3 export.py --ckpt /work/cache/runs/transformer/best.pt --out ../models/glimpse-captioner
  python3 export.py --tiny --out ../scripts/lib/fixtures/tiny-random
  python3 export.py --ckpt /work/cache/runs/m2/best.pt --out /work/cache/export-m2 --reference /work/cache/export-m2-ref
"""
import argparse
import json
import os
import shutil

import torch
import torch.nn as nn

import data
from models import EncoderHead, TransformerCaptioner, build, never_emit_bias

OPSET = 13
HERE = os.path.dirname(os.path.abspath(__file__))
PREPROCESSOR = os.path.join(HERE, '..', 'models', 'glimpse-captioner', 'preprocessor_config.json')


class DecoderExport(nn.Module):
    """The merged decoder's contract around a module's decoder step `module.<step>(input_ids, memory, past) -> (logits, presents)`."""

    def __init__(self, module, step, n_layers, n_heads, d, vocab, memory_layers=1):
        super().__init__()
        self.module, self.step = module, step
        self.n_layers, self.n_heads, self.d, self.vocab = n_layers, n_heads, d, vocab
        # > 1: encoder_hidden_states holds that many encoder layers' outputs one after another (M2).
        self.memory_layers = memory_layers
        # Baked into the graph so every runtime (Glimpse, transformers.js) never emits them.
        self.register_buffer('bias', never_emit_bias(vocab))

    def forward(self, input_ids, encoder_hidden_states, use_cache_branch, *flat_past):
        past = [(flat_past[2 * i], flat_past[2 * i + 1]) for i in range(self.n_layers)]
        memory = encoder_hidden_states
        if self.memory_layers > 1:
            memory = memory.reshape(memory.shape[0], self.memory_layers, -1, self.d)
        logits, presents = getattr(self.module, self.step)(input_ids, memory, past)
        # The merged-decoder contract has a use_cache_branch input; this graph
        # needs no branch (zero-length past works), but the input must survive
        # export, so it enters the graph as an exact no-op.
        logits = logits + use_cache_branch.to(logits.dtype).sum() * 0.0 + self.bias
        return (logits, *[t for kv in presents for t in kv])

    def empty_past(self, batch):
        return [torch.zeros(batch, self.n_heads, 0, self.d // self.n_heads) for _ in range(2 * self.n_layers)]


def transformer_decoder(decoder):
    return DecoderExport(decoder, 'forward', decoder.n_layers, decoder.n_heads, decoder.d, decoder.emb.num_embeddings)


def m2_decoder(model):
    return DecoderExport(model, 'decode', model.dec_layers, model.n_heads, model.d, model.emb.num_embeddings, len(model.encoder.layers))


def export_decoder(wrapped, path):
    wrapped.eval()
    n, h, hd = wrapped.n_layers, wrapped.n_heads, wrapped.d // wrapped.n_heads
    b, t, p, s = 2, 3, 4, 7 * wrapped.memory_layers
    ids = torch.randint(4, wrapped.vocab, (b, t))
    mem = torch.randn(b, s, wrapped.d)
    past = [torch.randn(b, h, p, hd) for _ in range(2 * n)]
    names_past = [f'past_key_values.{i}.{kv}' for i in range(n) for kv in ('key', 'value')]
    names_present = [f'present.{i}.{kv}' for i in range(n) for kv in ('key', 'value')]
    dyn = {'input_ids': {0: 'batch_size', 1: 'sequence_length'}, 'encoder_hidden_states': {0: 'batch_size', 1: 'encoder_sequence_length'},
           'logits': {0: 'batch_size', 1: 'sequence_length'}}
    for name in names_past:
        dyn[name] = {0: 'batch_size', 2: 'past_sequence_length'}
    for name in names_present:
        dyn[name] = {0: 'batch_size', 2: 'past_sequence_length + sequence_length'}
    torch.onnx.export(wrapped, (ids, mem, torch.tensor([True]), *past), path, opset_version=OPSET,
                      input_names=['input_ids', 'encoder_hidden_states', 'use_cache_branch', *names_past],
                      output_names=['logits', *names_present], dynamic_axes=dyn, do_constant_folding=True)


class HeadExport(nn.Module):
    def __init__(self, head):
        super().__init__()
        self.head = head

    def forward(self, features, imagenet_logits):
        memory = self.head(features, imagenet_logits)
        # M2: [B, N, T, d], every encoder layer's output -> one after another, [B, N*T, d].
        return memory.flatten(1, 2) if memory.dim() == 4 else memory


def export_head(head, path, c_in=1280):
    head.eval()
    torch.onnx.export(HeadExport(head), (torch.randn(2, c_in, 7, 7), torch.randn(2, 1000)), path, opset_version=OPSET,
                      input_names=['features', 'imagenet_logits'], output_names=['last_hidden_state'],
                      dynamic_axes={'features': {0: 'batch_size'}, 'imagenet_logits': {0: 'batch_size'}, 'last_hidden_state': {0: 'batch_size'}},
                      do_constant_folding=True)


class TinyEncoder(nn.Module):
    """Self-contained stand-in for backbone + head (format tests only): a
    pooled 8x8 patch conv gives the 7x7 grid, a linear layer fakes ImageNet logits."""

    def __init__(self, d, c=16):
        super().__init__()
        self.patch = nn.Sequential(nn.AvgPool2d(4), nn.Conv2d(3, c, 8, stride=8))
        self.classify = nn.Linear(c, 1000)
        self.head = EncoderHead(d, c_in=c, n_layers=1, n_heads=2, ff=2 * d)

    def forward(self, pixel_values):
        grid = self.patch(pixel_values)
        logits = self.classify(grid.mean((2, 3)))
        return self.head(grid, logits), logits


def export_tiny_encoder(enc, path):
    enc.eval()
    torch.onnx.export(enc, (torch.randn(2, 3, 224, 224),), path, opset_version=OPSET,
                      input_names=['pixel_values'], output_names=['last_hidden_state', 'logits'],
                      dynamic_axes={'pixel_values': {0: 'batch_size'}, 'last_hidden_state': {0: 'batch_size'}, 'logits': {0: 'batch_size'}},
                      do_constant_folding=True)


def save_reference(out_dir, name, inputs, outputs):
    """Torch inputs/outputs for check-export.ts to compare onnxruntime against."""
    os.makedirs(out_dir, exist_ok=True)
    meta = {}
    for kind, tensors in (('in', inputs), ('out', outputs)):
        for key, t in tensors.items():
            arr = t.detach().numpy()
            fname = f'{name}.{kind}.{key}.bin'
            arr.tofile(os.path.join(out_dir, fname))
            meta.setdefault(kind, {})[key] = {'file': fname, 'dims': list(arr.shape), 'type': 'int64' if arr.dtype == 'int64' else 'float32'}
    json.dump(meta, open(os.path.join(out_dir, f'{name}.json'), 'w'))


def decoder_reference(wrapped, memory, out_dir):
    """`memory` as the encoder graph outputs it (M2: its layers one after another)."""
    torch.manual_seed(1)
    ids = torch.cat([torch.full((memory.shape[0], 1), data.BOS), torch.randint(4, wrapped.vocab, (memory.shape[0], 5))], 1)
    with torch.no_grad():
        logits = wrapped.eval()(ids, memory, torch.tensor([True]), *wrapped.empty_past(memory.shape[0]))[0]
    save_reference(out_dir, 'decoder', {'input_ids': ids, 'encoder_hidden_states': memory}, {'logits': logits})


EXPORTABLE = ('transformer', 'm2')


def load_checkpoint(path):
    """The model a checkpoint holds; a checkpoint of an architecture this layout can't hold fails here, by name."""
    ck = torch.load(path)
    arch = ck.get('arch') if isinstance(ck, dict) else None
    if arch not in EXPORTABLE or 'state' not in ck or 'vocab' not in ck:
        raise SystemExit(f"{path}: holds {'a ' + repr(arch) + ' model' if arch else 'no architecture name'}; "
                         f"export.py writes the Optimum layout for {' and '.join(EXPORTABLE)} checkpoints only "
                         '(Show-and-Tell and Up-Down are LSTMs with no KV cache to export)')
    model = build(arch, len(ck['vocab']), **ck.get('kw', {}))
    try:
        model.load_state_dict(ck['state'])
    except RuntimeError as error:
        first = str(error).splitlines()[0]
        raise SystemExit(f"{path}: its weights do not fit the {arch} architecture it names ({first})") from None
    return ck, model.eval()


def tokenizer_json(vocab):
    added = [{'id': i, 'content': w, 'single_word': False, 'lstrip': False, 'rstrip': False, 'normalized': False, 'special': True}
             for i, w in enumerate(data.SPECIALS)]
    return {
        'version': '1.0', 'truncation': None, 'padding': None, 'added_tokens': added,
        'normalizer': {'type': 'Lowercase'},
        'pre_tokenizer': {'type': 'Whitespace'},
        'post_processor': None,
        # WordPiece decoding joins words with spaces (no '##' pieces exist) and cleans up spacing.
        'decoder': {'type': 'WordPiece', 'prefix': '##', 'cleanup': True},
        'model': {'type': 'WordLevel', 'vocab': {w: i for i, w in enumerate(vocab)}, 'unk_token': '[UNK]'},
    }


def write_configs(out, vocab, d, n_layers, n_heads, n_enc_seq, extra, beams=3, length_penalty=1.0):
    ids = {'bos_token_id': data.BOS, 'eos_token_id': data.EOS, 'pad_token_id': data.PAD, 'decoder_start_token_id': data.BOS}
    # transformers.js picks the KV-cache shapes from the decoder's model_type;
    # declaring gpt2 (n_layer / n_head / n_embd) matches our self-attention-only cache.
    decoder = {'model_type': 'gpt2', 'is_decoder': True, 'add_cross_attention': True, 'n_layer': n_layers, 'n_head': n_heads,
               'n_embd': d, 'n_positions': 32, 'vocab_size': len(vocab), **ids}
    encoder = {'model_type': 'vit', 'hidden_size': d, 'image_size': 224, 'num_channels': 3, 'sequence_length': n_enc_seq}
    config = {'model_type': 'vision-encoder-decoder', 'architectures': ['VisionEncoderDecoderModel'], 'is_encoder_decoder': True,
              'tie_word_embeddings': True, 'encoder': encoder, 'decoder': decoder,
              'n_layer': n_layers, 'n_head': n_heads, 'n_embd': d, 'vocab_size': len(vocab), **ids, 'glimpse': extra}
    gen = {'max_length': 22, 'num_beams': beams, 'length_penalty': length_penalty, 'no_repeat_ngram_size': 3, **ids}
    tok_cfg = {'tokenizer_class': 'PreTrainedTokenizerFast', 'model_max_length': 32, 'do_lower_case': True,
               'bos_token': '[BOS]', 'eos_token': '[EOS]', 'pad_token': '[PAD]', 'unk_token': '[UNK]'}
    dump = lambda name, obj: json.dump(obj, open(os.path.join(out, name), 'w'), indent=1 if name != 'tokenizer.json' else None)
    dump('config.json', config)
    dump('generation_config.json', gen)
    dump('tokenizer.json', tokenizer_json(vocab))
    dump('tokenizer_config.json', tok_cfg)
    shutil.copyfile(PREPROCESSOR, os.path.join(out, 'preprocessor_config.json')) if os.path.abspath(out) != os.path.dirname(os.path.abspath(PREPROCESSOR)) else None


def main():
    p = argparse.ArgumentParser()
    p.add_argument('--ckpt')
    p.add_argument('--tiny', action='store_true')
    p.add_argument('--vocab', default=None, help='vocab.json for the tiny model (default: built from Flickr8k train)')
    p.add_argument('--out', required=True)
    p.add_argument('--reference', default=None, help='folder for torch reference tensors (see check-export.ts)')
    p.add_argument('--beams', type=int, default=3, help='generation_config.json num_beams')
    p.add_argument('--length-penalty', type=float, default=1.0, help='generation_config.json length_penalty (score = sum log p / length ** it)')
    args = p.parse_args()
    os.makedirs(os.path.join(args.out, 'onnx'), exist_ok=True)
    torch.manual_seed(0)
    if args.tiny:
        caps = data.load_captions()
        train = [l.strip() for l in open(os.path.join(data.DATA, 'Flickr_8k.trainImages.txt')) if l.strip()]
        # Frequent words only: keeps the committed files a few hundred KB.
        vocab = data.build_vocab(train, caps, min_count=200)
        d, n_layers, n_heads = 32, 2, 2
        model = TransformerCaptioner(len(vocab), d=d, dec_layers=n_layers, n_heads=n_heads, ff=64, c_in=16)
        enc = TinyEncoder(d)
        export_tiny_encoder(enc, os.path.join(args.out, 'onnx', 'encoder_model.onnx'))
        export_decoder(transformer_decoder(model.decoder), os.path.join(args.out, 'onnx', 'decoder_model_merged.onnx'))
        extra = {'random_weights': True, 'purpose': 'format tests only'}
        if args.reference:
            px = torch.randn(2, 3, 224, 224)
            with torch.no_grad():
                mem, lg = enc(px)
            save_reference(args.reference, 'encoder', {'pixel_values': px}, {'last_hidden_state': mem, 'logits': lg})
            decoder_reference(transformer_decoder(model.decoder), mem, args.reference)
    else:
        ck, model = load_checkpoint(args.ckpt)
        vocab = ck['vocab']
        wrapped = m2_decoder(model) if ck['arch'] == 'm2' else transformer_decoder(model.decoder)
        d, n_layers, n_heads = wrapped.d, wrapped.n_layers, wrapped.n_heads
        export_head(model.encoder, os.path.join(args.out, 'onnx', 'encoder_head.onnx'))
        export_decoder(wrapped, os.path.join(args.out, 'onnx', 'decoder_model_merged.onnx'))
        if args.reference:
            feats, lg = torch.randn(2, 1280, 7, 7).relu(), torch.randn(2, 1000) * 3
            with torch.no_grad():
                mem = HeadExport(model.encoder).eval()(feats, lg)
            save_reference(args.reference, 'encoder_head', {'features': feats, 'imagenet_logits': lg}, {'last_hidden_state': mem})
            decoder_reference(wrapped, mem, args.reference)
        n_enc_seq = (49 + 5) * wrapped.memory_layers
        extra = {'backbone': 'mobilenetv2-12-int8.onnx (tensor 627 + ImageNet logits), merged by scripts/assemble-models.ts',
                 'architecture': ck['arch'], 'checkpoint_epoch': ck.get('epoch'), 'averaged': ck.get('averaged')}
        if wrapped.memory_layers > 1:
            extra['memory'] = f'{wrapped.memory_layers} encoder layers one after another along the sequence ({n_enc_seq} = {wrapped.memory_layers} x 54 tokens)'
        if ck.get('scst_step') is not None:
            extra['scst_steps'] = ck['scst_step']  # self-critical fine-tuning steps after cross-entropy (training/scst.py)
    write_configs(args.out, vocab, d, n_layers, n_heads, 49 + 5 if args.tiny else n_enc_seq, extra, args.beams, args.length_penalty)


if __name__ == '__main__':
    main()
