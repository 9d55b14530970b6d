"""A ViT encoder and a GPT-2 decoder with cross-attention, written to match
Hugging Face's ViTModel and GPT2LMHeadModel (add_cross_attention=True) layer
for layer: the architecture of nlpconnect's vit-gpt2 image captioner, which
Xenova's ONNX export (Xenova/vit-gpt2-image-captioning) ships. Used only to
build the random-weight stand-in (make-vit-gpt2-standin.py); transformers
is not installable here, so the modules are written out.

  ViT:   16x16 patch Conv2d -> [CLS] + patches + learned positions ->
         pre-LN layers (attention, GELU MLP) -> final LayerNorm (eps 1e-12)
  GPT-2: token + position embeddings -> blocks of
         ln_1, causal self-attention (cached), ln_cross_attn, cross-attention
         over the encoder states, ln_2, gelu_new MLP -> ln_f -> tied lm_head
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from models import merge_heads as merge, split_heads as split


class ViTLayer(nn.Module):
    def __init__(self, d, h, ff):
        super().__init__()
        self.h = h
        self.layernorm_before = nn.LayerNorm(d, eps=1e-12)
        self.qkv = nn.ModuleDict({k: nn.Linear(d, d) for k in ('query', 'key', 'value')})
        self.out = nn.Linear(d, d)
        self.layernorm_after = nn.LayerNorm(d, eps=1e-12)
        self.intermediate = nn.Linear(d, ff)
        self.output = nn.Linear(ff, d)

    def forward(self, x):
        y = self.layernorm_before(x)
        q, k, v = (split(self.qkv[n](y), self.h) for n in ('query', 'key', 'value'))
        x = x + self.out(merge(attend(q, k, v)))
        return x + self.output(F.gelu(self.intermediate(self.layernorm_after(x))))


class ViTEncoder(nn.Module):
    def __init__(self, d, layers, heads, ff, image=224, patch=16):
        super().__init__()
        self.patch = nn.Conv2d(3, d, patch, stride=patch)
        self.cls = nn.Parameter(torch.zeros(1, 1, d))
        self.pos = nn.Parameter(torch.zeros(1, (image // patch) ** 2 + 1, d))
        self.layers = nn.ModuleList(ViTLayer(d, heads, ff) for _ in range(layers))
        self.layernorm = nn.LayerNorm(d, eps=1e-12)

    def forward(self, pixel_values):
        x = self.patch(pixel_values).flatten(2).transpose(1, 2)
        x = torch.cat([self.cls.expand(x.shape[0], -1, -1), x], 1) + self.pos
        for layer in self.layers:
            x = layer(x)
        return self.layernorm(x)




def attend(q, k, v, mask=None):
    w = q @ k.transpose(-1, -2) / math.sqrt(q.shape[-1])
    if mask is not None:
        w = w.masked_fill(~mask, torch.finfo(w.dtype).min)
    return w.softmax(-1) @ v


def gelu_new(x):
    return 0.5 * x * (1.0 + torch.tanh(math.sqrt(2.0 / math.pi) * (x + 0.044715 * x.pow(3))))


class GPT2Block(nn.Module):
    def __init__(self, d, h):
        super().__init__()
        self.h = h
        self.ln_1 = nn.LayerNorm(d, eps=1e-5)
        self.c_attn = nn.Linear(d, 3 * d)
        self.attn_proj = nn.Linear(d, d)
        self.ln_cross_attn = nn.LayerNorm(d, eps=1e-5)
        self.q_attn = nn.Linear(d, d)
        self.cross_kv = nn.Linear(d, 2 * d)
        self.cross_proj = nn.Linear(d, d)
        self.ln_2 = nn.LayerNorm(d, eps=1e-5)
        self.c_fc = nn.Linear(d, 4 * d)
        self.mlp_proj = nn.Linear(4 * d, d)

    def forward(self, x, memory, past_k, past_v):
        q, k, v = self.c_attn(self.ln_1(x)).split(x.shape[-1], dim=2)
        k, v = split(k, self.h), split(v, self.h)
        if past_k is not None:  # None: the first step, which Optimum exports as a graph of its own
            k, v = torch.cat([past_k, k], 2), torch.cat([past_v, v], 2)
        t, total = x.shape[1], k.shape[2]
        # Query i (absolute position past + i) sees keys 0..past + i.
        mask = torch.arange(total).unsqueeze(0) <= torch.arange(total - t, total).unsqueeze(1)
        x = x + self.attn_proj(merge(attend(split(q, self.h), k, v, mask)))
        ck, cv = self.cross_kv(memory).split(x.shape[-1], dim=2)
        x = x + self.cross_proj(merge(attend(split(self.q_attn(self.ln_cross_attn(x)), self.h), split(ck, self.h), split(cv, self.h))))
        x = x + self.mlp_proj(gelu_new(self.c_fc(self.ln_2(x))))
        return x, k, v


class GPT2Decoder(nn.Module):
    def __init__(self, vocab, d, layers, heads, positions=1024):
        super().__init__()
        self.n_layers, self.n_heads, self.d = layers, heads, d
        self.wte = nn.Embedding(vocab, d)
        self.wpe = nn.Embedding(positions, d)
        self.blocks = nn.ModuleList(GPT2Block(d, heads) for _ in range(layers))
        self.ln_f = nn.LayerNorm(d, eps=1e-5)

    def forward(self, input_ids, memory, past=None):
        p = 0 if past is None else past[0][0].shape[2]
        past = past or [(None, None)] * self.n_layers
        positions = torch.arange(p, p + input_ids.shape[1]).unsqueeze(0)
        x = self.wte(input_ids) + self.wpe(positions)
        presents = []
        for block, (pk, pv) in zip(self.blocks, past):
            x, k, v = block(x, memory, pk, pv)
            presents.append((k, v))
        return self.ln_f(x) @ self.wte.weight.t(), presents

    def empty_past(self, b):
        hd = self.d // self.n_heads
        return [(torch.zeros(b, self.n_heads, 0, hd), torch.zeros(b, self.n_heads, 0, hd)) for _ in range(self.n_layers)]


def randomize(module, std, seed):
    """Random weights with a spread large enough that the greedy caption
    depends on the image and on every earlier token (GPT-2's own 0.02 init
    makes a tiny random model say the same thing for every image)."""
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        for name, p in module.named_parameters():
            if 'ln' in name or 'layernorm' in name:
                p.copy_(1.0 + 0.1 * torch.randn(p.shape, generator=g) if name.endswith('weight') else 0.1 * torch.randn(p.shape, generator=g))
            else:
                p.copy_(std * torch.randn(p.shape, generator=g))
