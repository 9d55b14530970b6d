"""Caption models over MobileNetV2 features.

- ShowTell: mean-pooled grid feature -> LSTM (Vinyals et al. 2015).
- UpDown: attention LSTM + language LSTM over grid (+ ImageNet label) memory
  (Anderson et al. 2018 decoder; our "regions" are the 7x7 grid cells and
  top-5 ImageNet labels, not Faster R-CNN boxes).
- Transformer: small encoder head over grid + label tokens, plain transformer
  decoder with an explicit GPT-2-style self-attention KV cache so it exports
  to the Optimum VisionEncoderDecoder layout. Not M2 meshed memory.
- M2 (m2.py): memory-augmented encoder layers and meshed, gated cross-attention.

All take (grid [B,C,7,7], logits [B,1000]) and token ids.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from data import BOS, EOS, PAD, UNK

# Tokens a caption must never contain: rare words ([UNK]) carry no meaning
# for a listener, and [PAD]/[BOS] are not words.
NEVER_EMIT = (PAD, BOS, UNK)


def never_emit_bias(vocab):
    bias = torch.zeros(vocab)
    bias[list(NEVER_EMIT)] = -1e4
    return bias

N_LABELS = 5


class EncoderHead(nn.Module):
    """Grid features + top ImageNet labels -> memory [B, 49 + N_LABELS, d]."""

    def __init__(self, d, c_in=1280, n_cells=49, n_classes=1000, n_layers=1, n_heads=4, ff=1024, dropout=0.1, feat_dropout=0.1):
        super().__init__()
        self.proj = nn.Linear(c_in, d)
        self.pos = nn.Parameter(torch.zeros(1, n_cells, d))
        self.label_emb = nn.Embedding(n_classes, d)
        self.rank_emb = nn.Parameter(torch.zeros(1, N_LABELS, d))
        self.norm_in = nn.LayerNorm(d)
        self.feat_drop = nn.Dropout(feat_dropout)
        self.drop = nn.Dropout(dropout)
        self.layers = nn.ModuleList([EncoderLayer(d, n_heads, ff, dropout) for _ in range(n_layers)])
        self.norm_out = nn.LayerNorm(d)
        nn.init.normal_(self.pos, std=0.02)
        nn.init.normal_(self.rank_emb, std=0.02)
        nn.init.normal_(self.label_emb.weight, std=0.02)

    def forward(self, grid, logits):
        x = grid.flatten(2).transpose(1, 2)  # [B, 49, C]
        x = self.proj(self.feat_drop(x)) + self.pos
        top = torch.topk(logits, N_LABELS, dim=-1).indices
        lab = self.label_emb(top) + self.rank_emb
        x = self.drop(self.norm_in(torch.cat([x, lab], 1)))
        for layer in self.layers:
            x = layer(x)
        return self.norm_out(x)


def split_heads(x, h):
    b, t, d = x.shape
    return x.view(b, t, h, d // h).transpose(1, 2)


def merge_heads(x):
    b, h, t, hd = x.shape
    return x.transpose(1, 2).reshape(b, t, h * hd)


class Attention(nn.Module):
    def __init__(self, d, h, dropout):
        super().__init__()
        self.h = h
        self.q = nn.Linear(d, d)
        self.k = nn.Linear(d, d)
        self.v = nn.Linear(d, d)
        self.o = nn.Linear(d, d)
        self.drop = nn.Dropout(dropout)

    def attend(self, q, k, v, mask=None):
        att = q @ k.transpose(-1, -2) / math.sqrt(q.shape[-1])
        if mask is not None:
            att = att.masked_fill(~mask, -1e4)
        att = self.drop(att.softmax(-1))
        return self.o(merge_heads(att @ v))

    def cached(self, y, past_k, past_v, mask):
        """Masked self-attention of y over the cached keys/values and its own; returns (output, keys, values)."""
        k = torch.cat([past_k, split_heads(self.k(y), self.h)], 2)
        v = torch.cat([past_v, split_heads(self.v(y), self.h)], 2)
        return self.attend(split_heads(self.q(y), self.h), k, v, mask), k, v


class EncoderLayer(nn.Module):
    def __init__(self, d, h, ff, dropout):
        super().__init__()
        self.n1, self.n2 = nn.LayerNorm(d), nn.LayerNorm(d)
        self.att = Attention(d, h, dropout)
        self.ff = nn.Sequential(nn.Linear(d, ff), nn.GELU(), nn.Dropout(dropout), nn.Linear(ff, d))
        self.drop = nn.Dropout(dropout)

    def forward(self, x):
        y = self.n1(x)
        a = self.att
        x = x + self.drop(a.attend(split_heads(a.q(y), a.h), split_heads(a.k(y), a.h), split_heads(a.v(y), a.h)))
        return x + self.drop(self.ff(self.n2(x)))


class DecoderLayer(nn.Module):
    def __init__(self, d, h, ff, dropout):
        super().__init__()
        self.n1, self.n2, self.n3 = nn.LayerNorm(d), nn.LayerNorm(d), nn.LayerNorm(d)
        self.self_att = Attention(d, h, dropout)
        self.cross_att = Attention(d, h, dropout)
        self.ff = nn.Sequential(nn.Linear(d, ff), nn.GELU(), nn.Dropout(dropout), nn.Linear(ff, d))
        self.drop = nn.Dropout(dropout)

    def forward(self, x, memory, past_k, past_v, mask, img_of=None):
        att, k, v = self.self_att.cached(self.n1(x), past_k, past_v, mask)
        x = x + self.drop(att)
        c = self.cross_att
        y = self.n2(x)
        mk, mv = split_heads(c.k(memory), c.h), split_heads(c.v(memory), c.h)
        if img_of is not None:  # training: one memory per image, several captions each
            mk, mv = mk[img_of], mv[img_of]
        x = x + self.drop(c.attend(split_heads(c.q(y), c.h), mk, mv))
        x = x + self.drop(self.ff(self.n3(x)))
        return x, k, v


class TransformerDecoder(nn.Module):
    """GPT-2-style decoder with cross-attention; exported as decoder_model_merged."""

    def __init__(self, vocab, d=256, n_layers=3, n_heads=4, ff=1024, dropout=0.1, max_pos=32):
        super().__init__()
        self.n_layers, self.n_heads, self.d = n_layers, n_heads, d
        self.emb = nn.Embedding(vocab, d)
        self.pos = nn.Embedding(max_pos, d)
        self.layers = nn.ModuleList([DecoderLayer(d, n_heads, ff, dropout) for _ in range(n_layers)])
        self.norm = nn.LayerNorm(d)
        self.drop = nn.Dropout(dropout)
        nn.init.normal_(self.emb.weight, std=0.02)
        nn.init.normal_(self.pos.weight, std=0.02)

    def forward(self, input_ids, memory, past, img_of=None):
        """past: list of (k, v) [B, H, P, hd] per layer (P may be 0). Returns logits, presents."""
        t = input_ids.shape[1]
        p = past[0][0].shape[2]
        q_pos = torch.arange(t, device=input_ids.device) + p
        x = self.drop(self.emb(input_ids) * math.sqrt(self.d) + self.pos(q_pos)[None])
        k_pos = torch.arange(t + p, device=input_ids.device)
        mask = (k_pos[None, :] <= q_pos[:, None])[None, None]
        presents = []
        for layer, (pk, pv) in zip(self.layers, past):
            x, k, v = layer(x, memory, pk, pv, mask, img_of)
            presents.append((k, v))
        logits = self.norm(x) @ self.emb.weight.t()
        return logits, presents

    def empty_past(self, b, device=None):
        hd = self.d // self.n_heads
        z = torch.zeros(b, self.n_heads, 0, hd, device=device)
        return [(z, z) for _ in range(self.n_layers)]


class TransformerCaptioner(nn.Module):
    def __init__(self, vocab, d=256, enc_layers=1, dec_layers=3, n_heads=4, ff=1024, dropout=0.1, feat_dropout=0.1, c_in=1280):
        super().__init__()
        self.encoder = EncoderHead(d, c_in=c_in, n_layers=enc_layers, n_heads=n_heads, ff=ff, dropout=dropout, feat_dropout=feat_dropout)
        self.decoder = TransformerDecoder(vocab, d, dec_layers, n_heads, ff, dropout)

    def encode(self, grid, logits):
        return self.encoder(grid, logits)

    def forward(self, memory, inputs, img_of=None):
        logits, _ = self.decoder(inputs, memory, self.decoder.empty_past(inputs.shape[0], inputs.device), img_of)
        return logits

    def init_state(self, memory):
        return self.decoder.empty_past(memory.shape[0], memory.device)

    def step(self, memory, tokens, state):
        logits, presents = self.decoder(tokens[:, None], memory, state)
        return logits[:, -1], presents

    @staticmethod
    def reorder(state, idx):
        return [(k[idx], v[idx]) for k, v in state]


class ShowTell(nn.Module):
    """image_every_step=False is the paper's model (image is the LSTM's first
    input only); True also concatenates it to every word embedding, which
    learns to use the image in far fewer epochs."""

    def __init__(self, vocab, d=512, dropout=0.3, c_in=1280, image_every_step=False):
        super().__init__()
        self.every = image_every_step
        self.img = nn.Sequential(nn.Dropout(dropout), nn.Linear(c_in, d))
        self.emb = nn.Embedding(vocab, d)
        self.lstm = nn.LSTMCell(2 * d if image_every_step else d, d)
        self.drop = nn.Dropout(dropout)
        self.out = nn.Linear(d, vocab)

    def encode(self, grid, logits):
        return self.img(grid.flatten(2).mean(2))

    def _input(self, memory, x):
        return torch.cat([x, memory], 1) if self.every else x

    def init_state(self, memory):
        z = memory.new_zeros(memory.shape[0], memory.shape[1])
        return self.lstm(self._input(memory, memory), (z, z))  # the image is the first input, as in the paper

    def step(self, memory, tokens, state):
        h, c = self.lstm(self._input(memory, self.emb(tokens)), state)
        return self.out(self.drop(h)), (h, c)

    def forward(self, memory, inputs, img_of=None):
        if img_of is not None:
            memory = memory[img_of]
        state = self.init_state(memory)
        outs = []
        for t in range(inputs.shape[1]):
            o, state = self.step(memory, inputs[:, t], state)
            outs.append(o)
        return torch.stack(outs, 1)

    @staticmethod
    def reorder(state, idx):
        return tuple(s[idx] for s in state)


class UpDown(nn.Module):
    def __init__(self, vocab, d=384, att=256, dropout=0.3, c_in=1280):
        super().__init__()
        self.proj = nn.Sequential(nn.Dropout(0.1), nn.Linear(c_in, d), nn.ReLU())
        self.label_emb = nn.Embedding(1000, d)
        self.emb = nn.Embedding(vocab, d)
        self.att_lstm = nn.LSTMCell(3 * d, d)
        self.lang_lstm = nn.LSTMCell(2 * d, d)
        self.wv = nn.Linear(d, att)
        self.wh = nn.Linear(d, att)
        self.wa = nn.Linear(att, 1)
        self.drop = nn.Dropout(dropout)
        self.out = nn.Linear(d, vocab)

    def encode(self, grid, logits):
        v = self.proj(grid.flatten(2).transpose(1, 2))
        lab = self.label_emb(torch.topk(logits, N_LABELS, -1).indices)
        return torch.cat([v, lab], 1)

    def init_state(self, memory):
        z = memory.new_zeros(memory.shape[0], memory.shape[2])
        return (z, z, z, z)

    def step(self, memory, tokens, state, projected=None):
        h1, c1, h2, c2 = state
        vbar = memory.mean(1)
        h1, c1 = self.att_lstm(torch.cat([h2, vbar, self.emb(tokens)], 1), (h1, c1))
        projected = self.wv(memory) if projected is None else projected
        a = self.wa(torch.tanh(projected + self.wh(h1)[:, None])).squeeze(-1).softmax(-1)
        ctx = (a[:, :, None] * memory).sum(1)
        h2, c2 = self.lang_lstm(torch.cat([ctx, h1], 1), (h2, c2))
        return self.out(self.drop(h2)), (h1, c1, h2, c2)

    def forward(self, memory, inputs, img_of=None):
        if img_of is not None:
            memory = memory[img_of]
        state = self.init_state(memory)
        projected = self.wv(memory)  # once per caption, not once per word
        outs = []
        for t in range(inputs.shape[1]):
            o, state = self.step(memory, inputs[:, t], state, projected)
            outs.append(o)
        return torch.stack(outs, 1)

    @staticmethod
    def reorder(state, idx):
        return tuple(s[idx] for s in state)


def build(arch, vocab, **kw):
    if arch == 'm2':
        from m2 import M2Captioner  # m2.py builds on this module's attention
        return M2Captioner(vocab, **kw)
    return {'transformer': TransformerCaptioner, 'showtell': ShowTell, 'updown': UpDown}[arch](vocab, **kw)


def from_checkpoint(ck):
    """The model a checkpoint dict ({'arch', 'vocab', 'kw', 'state'}) holds, in eval mode."""
    model = build(ck['arch'], len(ck['vocab']), **ck['kw'])
    model.load_state_dict(ck['state'])
    return model.eval()


@torch.no_grad()
def caption_images(model, vocab, grid, logits, ids, beams=1, no_repeat=0, length_penalty=1.0, batch=100):
    """Decodes the images `ids` (rows of the cached grid and logits arrays) in batches: {id: [words]}."""
    hyps = {}
    for s in range(0, len(ids), batch):
        chunk = ids[s:s + batch]
        memory = model.encode(torch.from_numpy(grid[chunk]), torch.from_numpy(logits[chunk]))
        for i, o in zip(chunk, generate(model, memory, beams=beams, no_repeat=no_repeat, length_penalty=length_penalty)):
            hyps[i] = [vocab[t] for t in o]
    return hyps


@torch.no_grad()
def generate(model, memory, max_len=20, beams=1, no_repeat=0, length_penalty=1.0):
    """Greedy (beams=1) or beam search; returns token lists without BOS/EOS.
    Beam hypotheses are ranked by sum log p / (words + 1) ** length_penalty, as the captioner core does."""
    b = memory.shape[0]
    if beams == 1:
        state = model.init_state(memory)
        tok = torch.full((b,), BOS, dtype=torch.long)
        out = torch.zeros(b, 0, dtype=torch.long)
        done = torch.zeros(b, dtype=torch.bool)
        for _ in range(max_len):
            logits, state = model.step(memory, tok, state)
            logits = ban_repeats(logits + never_emit_bias(logits.shape[-1]), out, no_repeat)
            tok = logits.argmax(-1)
            tok = torch.where(done, torch.full_like(tok, PAD), tok)
            out = torch.cat([out, tok[:, None]], 1)
            done |= tok == EOS
            if done.all():
                break
        return [strip(r) for r in out.tolist()]
    k = beams
    mem = memory.repeat_interleave(k, 0)
    state = model.init_state(mem)
    tok = torch.full((b * k,), BOS, dtype=torch.long)
    scores = torch.zeros(b, k)
    scores[:, 1:] = -1e9
    seqs = torch.zeros(b * k, 0, dtype=torch.long)
    finished = [[] for _ in range(b)]
    alive = torch.ones(b * k, dtype=torch.bool)
    for t in range(max_len):
        logits, state = model.step(mem, tok, state)
        logp = ban_repeats(logits + never_emit_bias(logits.shape[-1]), seqs, no_repeat).log_softmax(-1)
        logp[~alive] = -1e9
        v = logp.shape[-1]
        cand = (scores.view(-1, 1) + logp).view(b, k * v)
        top, idx = cand.topk(2 * k, -1)
        new_scores = torch.full((b, k), -1e9)
        src = torch.zeros(b, k, dtype=torch.long)
        new_tok = torch.full((b, k), PAD, dtype=torch.long)
        for i in range(b):
            j = 0
            for s, ix in zip(top[i].tolist(), idx[i].tolist()):
                beam, w = divmod(ix, v)
                if s < -1e8:
                    break
                if w == EOS or t == max_len - 1:
                    seq = seqs[i * k + beam].tolist() + ([w] if w != EOS else [])
                    finished[i].append((s / (len(seq) + 1) ** length_penalty, seq))
                    continue
                if j < k:
                    new_scores[i, j], src[i, j], new_tok[i, j] = s, i * k + beam, w
                    j += 1
        flat = src.view(-1)
        state = model.reorder(state, flat)
        seqs = torch.cat([seqs[flat], new_tok.view(-1, 1)], 1)
        tok = new_tok.view(-1)
        scores = new_scores
        alive = scores.view(-1) > -1e8
        if not alive.any():
            break
    return [strip(max(f)[1]) if f else [] for f in finished]


def ban_repeats(logits, seqs, n):
    if n <= 0 or seqs.shape[1] < n - 1 or seqs.shape[1] == 0:
        return logits
    logits = logits.clone()
    rows = seqs.tolist()
    for r, seq in enumerate(rows):
        prefix = tuple(seq[len(seq) - n + 1:]) if n > 1 else ()
        for i in range(len(seq) - n + 1):
            if tuple(seq[i:i + n - 1]) == prefix:
                logits[r, seq[i + n - 1]] = -1e9
    return logits


def strip(ids):
    out = []
    for i in ids:
        if i in (EOS, PAD):
            break
        out.append(i)
    return out
