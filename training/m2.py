"""Meshed-Memory Transformer (Cornia et al., CVPR 2020) over MobileNetV2 grid + label tokens.

The two parts that make it M2 rather than a plain transformer:
- memory-augmented encoder: each encoder layer's self-attention also attends to
  `slots` learned key/value vectors per layer (a priori knowledge not in the image);
  every encoder layer's output is kept, not only the last;
- meshed cross-attention: each decoder layer attends to every encoder layer's output
  separately, and a learned sigmoid gate per encoder layer,
  alpha_i = sigmoid(W_i [y; C(x_i, y)] + b_i), weighs those contributions, summed and
  scaled by 1/sqrt(N).

Differences from the paper, kept for the shared 3-epoch budget on 2 CPU cores:
d 256, 4 heads, 40 memory slots, 3 + 3 layers, pre-LayerNorm residual blocks (the
paper's post-LN needs its long warm-up), the same inputs as the plain transformer
row (49 grid cells and the top-5 ImageNet label tokens), cross-entropy only.

Memory layout: encode() returns [B, N_enc, T, d] (batch first, so beam search can
repeat and reorder it like any other memory).
"""
import math

import torch
import torch.nn as nn

from models import N_LABELS, Attention, merge_heads, split_heads


class MemoryAttention(Attention):
    """Self-attention whose keys and values are extended by learned memory slots."""

    def __init__(self, d, h, dropout, slots):
        super().__init__(d, h, dropout)
        hd = d // h
        # Scaled as in the paper's code: keys by sqrt(d_k), values by sqrt(m).
        self.mk = nn.Parameter(torch.randn(1, h, slots, hd) / hd)
        self.mv = nn.Parameter(torch.randn(1, h, slots, hd) / slots)
        self.slots = slots

    def forward(self, y):
        b, h = y.shape[0], self.h
        hd = y.shape[-1] // h
        k = torch.cat([split_heads(self.k(y), h), math.sqrt(hd) * self.mk.expand(b, -1, -1, -1)], 2)
        v = torch.cat([split_heads(self.v(y), h), math.sqrt(self.slots) * self.mv.expand(b, -1, -1, -1)], 2)
        return self.attend(split_heads(self.q(y), h), k, v)


class M2EncoderLayer(nn.Module):
    def __init__(self, d, h, ff, dropout, slots):
        super().__init__()
        self.n1, self.n2 = nn.LayerNorm(d), nn.LayerNorm(d)
        self.att = MemoryAttention(d, h, dropout, slots)
        self.ff = nn.Sequential(nn.Linear(d, ff), nn.GELU(), nn.Dropout(dropout), nn.Linear(ff, d))
        self.drop = nn.Dropout(dropout)

    def forward(self, x):
        x = x + self.drop(self.att(self.n1(x)))
        return x + self.drop(self.ff(self.n2(x)))


class M2Encoder(nn.Module):
    """Grid + top ImageNet labels -> every layer's output, [B, N, 49 + N_LABELS, d]."""

    def __init__(self, d, c_in=1280, n_cells=49, n_layers=3, n_heads=4, ff=1024, dropout=0.1, feat_dropout=0.1, slots=40):
        super().__init__()
        self.proj = nn.Linear(c_in, d)
        self.pos = nn.Parameter(torch.zeros(1, n_cells, d))
        self.label_emb = nn.Embedding(1000, d)
        self.rank_emb = nn.Parameter(torch.zeros(1, N_LABELS, d))
        self.feat_drop = nn.Dropout(feat_dropout)
        self.drop = nn.Dropout(dropout)
        self.layers = nn.ModuleList([M2EncoderLayer(d, n_heads, ff, dropout, slots) for _ in range(n_layers)])
        self.norms = nn.ModuleList([nn.LayerNorm(d) for _ in range(n_layers)])
        nn.init.normal_(self.pos, std=0.02)
        nn.init.normal_(self.rank_emb, std=0.02)
        nn.init.normal_(self.label_emb.weight, std=0.02)

    def forward(self, grid, logits):
        x = self.proj(self.feat_drop(grid.flatten(2).transpose(1, 2))) + self.pos
        lab = self.label_emb(torch.topk(logits, N_LABELS, dim=-1).indices) + self.rank_emb
        x = self.drop(torch.cat([x, lab], 1))
        outs = []
        for layer, norm in zip(self.layers, self.norms):
            x = layer(x)
            outs.append(norm(x))
        return torch.stack(outs, 1)


class MeshedDecoderLayer(nn.Module):
    def __init__(self, d, h, ff, dropout, n_enc):
        super().__init__()
        self.n1, self.n2, self.n3 = nn.LayerNorm(d), nn.LayerNorm(d), nn.LayerNorm(d)
        self.self_att = Attention(d, h, dropout)
        self.cross_att = Attention(d, h, dropout)
        self.gates = nn.ModuleList([nn.Linear(2 * d, d) for _ in range(n_enc)])
        self.ff = nn.Sequential(nn.Linear(d, ff), nn.GELU(), nn.Dropout(dropout), nn.Linear(ff, d))
        self.drop = nn.Dropout(dropout)
        self.n_enc = n_enc

    def forward(self, x, memory, past_k, past_v, mask, img_of=None):
        att, k, v = self.self_att.cached(self.n1(x), past_k, past_v, mask)
        x = x + self.drop(att)
        c = self.cross_att
        y = self.n2(x)
        q = split_heads(c.q(y), c.h)
        mesh = 0
        for i, gate in enumerate(self.gates):
            mem = memory[:, i]
            mk, mv = split_heads(c.k(mem), c.h), split_heads(c.v(mem), c.h)
            if img_of is not None:  # training: one memory per image, several captions each
                mk, mv = mk[img_of], mv[img_of]
            ci = c.attend(q, mk, mv)
            mesh = mesh + torch.sigmoid(gate(torch.cat([y, ci], -1))) * ci
        x = x + self.drop(mesh / math.sqrt(self.n_enc))
        x = x + self.drop(self.ff(self.n3(x)))
        return x, k, v


class M2Captioner(nn.Module):
    def __init__(self, vocab, d=256, enc_layers=3, dec_layers=3, n_heads=4, ff=1024, dropout=0.1, feat_dropout=0.1, c_in=1280, slots=40, max_pos=32):
        super().__init__()
        self.encoder = M2Encoder(d, c_in=c_in, n_layers=enc_layers, n_heads=n_heads, ff=ff, dropout=dropout, feat_dropout=feat_dropout, slots=slots)
        self.d, self.n_heads, self.dec_layers = d, n_heads, dec_layers
        self.emb = nn.Embedding(vocab, d)
        self.pos = nn.Embedding(max_pos, d)
        self.layers = nn.ModuleList([MeshedDecoderLayer(d, n_heads, ff, dropout, enc_layers) for _ in range(dec_layers)])
        self.norm = nn.LayerNorm(d)
        self.drop = nn.Dropout(dropout)
        nn.init.normal_(self.emb.weight, std=0.02)
        nn.init.normal_(self.pos.weight, std=0.02)

    def encode(self, grid, logits):
        return self.encoder(grid, logits)

    def decode(self, input_ids, memory, past, img_of=None):
        t = input_ids.shape[1]
        p = past[0][0].shape[2]
        q_pos = torch.arange(t) + p
        x = self.drop(self.emb(input_ids) * math.sqrt(self.d) + self.pos(q_pos)[None])
        mask = (torch.arange(t + p)[None, :] <= q_pos[:, None])[None, None]
        presents = []
        for layer, (pk, pv) in zip(self.layers, past):
            x, k, v = layer(x, memory, pk, pv, mask, img_of)
            presents.append((k, v))
        return self.norm(x) @ self.emb.weight.t(), presents

    def init_state(self, memory):
        z = torch.zeros(memory.shape[0], self.n_heads, 0, self.d // self.n_heads)
        return [(z, z) for _ in range(self.dec_layers)]

    def forward(self, memory, inputs, img_of=None):
        logits, _ = self.decode(inputs, memory, self.init_state(inputs), img_of)
        return logits

    def step(self, memory, tokens, state):
        logits, presents = self.decode(tokens[:, None], memory, state)
        return logits[:, -1], presents

    @staticmethod
    def reorder(state, idx):
        return [(k[idx], v[idx]) for k, v in state]
