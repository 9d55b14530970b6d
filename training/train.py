"""Trains one caption architecture on cached features, scoring dev each epoch.

Usage: python3 train.py --arch transformer --epochs 8 --out /work/cache/runs/transformer
Writes <out>/epoch-N.pt, <out>/log.json (per-epoch dev scores, greedy) and
<out>/best.pt (highest dev CIDEr-D: early stopping).
"""
import argparse
import json
import os
import time

import numpy as np
import torch
import torch.nn.functional as F

import data
from metrics import score_all
from models import build, generate

p = argparse.ArgumentParser()
p.add_argument('--arch', default='transformer')
p.add_argument('--epochs', type=int, default=8)
p.add_argument('--out', required=True)
p.add_argument('--lr', type=float, default=5e-4)
p.add_argument('--batch-images', type=int, default=20)
p.add_argument('--dropout', type=float, default=0.2)
p.add_argument('--feat-dropout', type=float, default=0.2)
p.add_argument('--smoothing', type=float, default=0.1)
p.add_argument('--wd', type=float, default=0.05)
p.add_argument('--d', type=int, default=256)
p.add_argument('--dec-layers', type=int, default=3)
p.add_argument('--enc-layers', type=int, default=1)
p.add_argument('--ff', type=int, default=1024)
p.add_argument('--slots', type=int, default=40, help='m2: learned memory slots per encoder layer')
p.add_argument('--hidden', type=int, default=512, help='LSTM width (showtell, updown)')
p.add_argument('--no-flip', action='store_true')
p.add_argument('--image-every-step', action='store_true', help='showtell: image beside every word, not only first')
p.add_argument('--threads', type=int, default=1)
p.add_argument('--dev-limit', type=int, default=1000)
p.add_argument('--seed', type=int, default=8)
args = p.parse_args()

data.start_run(args.seed, args.threads, args.out)

feats = data.Features()
caps = data.load_captions()
train_ids, dev_ids = feats.train, feats.dev[:args.dev_limit]
vocab = data.build_vocab([feats.images[i] for i in train_ids], caps)
index = {w: i for i, w in enumerate(vocab)}
json.dump(vocab, open(os.path.join(args.out, 'vocab.json'), 'w'))

enc_caps = {}
for i in train_ids:
    ws = [data.words(c) for c in caps[feats.images[i]]]
    enc_caps[i] = ([data.encode(w, index) for w in ws], [data.encode(data.flip_words(w), index) for w in ws])
dev_refs = {i: [data.words(c) for c in caps[feats.images[i]]] for i in dev_ids}

if args.arch in ('transformer', 'm2'):
    kw = dict(d=args.d, enc_layers=args.enc_layers, dec_layers=args.dec_layers, ff=args.ff, dropout=args.dropout, feat_dropout=args.feat_dropout)
    if args.arch == 'm2':
        kw['slots'] = args.slots
else:
    kw = dict(dropout=args.dropout, d=args.hidden)
    if args.image_every_step:
        kw['image_every_step'] = True
model = build(args.arch, len(vocab), **kw)
n_params = sum(p.numel() for p in model.parameters())
print(f'{args.arch}: {n_params / 1e6:.2f}M params, vocab {len(vocab)}', flush=True)

decay = [p for n, p in model.named_parameters() if p.dim() >= 2 and 'emb' not in n and 'pos' not in n]
no_decay = [p for n, p in model.named_parameters() if not (p.dim() >= 2 and 'emb' not in n and 'pos' not in n)]
opt = torch.optim.AdamW([{'params': decay, 'weight_decay': args.wd}, {'params': no_decay, 'weight_decay': 0.0}], lr=args.lr)
steps_per_epoch = len(train_ids) // args.batch_images
total = steps_per_epoch * args.epochs
warmup = min(500, total // 10)
sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / warmup) * 0.5 * (1 + np.cos(np.pi * min(s, total) / total)))


def batch_tensors(ids, flips):
    grid = torch.from_numpy(np.stack([feats.grid[f][i] for i, f in zip(ids, flips)]))
    logits = torch.from_numpy(np.stack([feats.logits[f][i] for i, f in zip(ids, flips)]))
    return grid, logits


def evaluate(model, ids, beams=1, bs=100):
    model.eval()
    hyps = {}
    for s in range(0, len(ids), bs):
        chunk = ids[s:s + bs]
        grid, logits = batch_tensors(chunk, [0] * len(chunk))
        out = generate(model, model.encode(grid, logits), beams=beams)
        for i, o in zip(chunk, out):
            hyps[i] = [vocab[t] for t in o]
    model.train()
    return hyps


log = []
rng = np.random.RandomState(args.seed)
t_start = time.time()
for epoch in range(1, args.epochs + 1):
    model.train()
    order = rng.permutation(train_ids)
    t0 = time.time()
    tot_loss = 0.0
    for s in range(steps_per_epoch):
        ids = order[s * args.batch_images:(s + 1) * args.batch_images].tolist()
        flips = [0 if args.no_flip else int(rng.rand() < 0.5) for _ in ids]
        grid, logits = batch_tensors(ids, flips)
        seqs = [c for i, f in zip(ids, flips) for c in enc_caps[i][f]]
        img_of = torch.tensor([j for j, i in enumerate(ids) for _ in enc_caps[i][0]])
        L = max(len(c) for c in seqs)
        tgt = torch.full((len(seqs), L), data.PAD, dtype=torch.long)
        for r, c in enumerate(seqs):
            tgt[r, :len(c)] = torch.tensor(c)
        inp = torch.cat([torch.full((len(seqs), 1), data.BOS, dtype=torch.long), tgt[:, :-1]], 1)
        inp = inp.masked_fill(inp == data.EOS, data.PAD)
        out = model(model.encode(grid, logits), inp, img_of)
        loss = F.cross_entropy(out.reshape(-1, out.shape[-1]), tgt.reshape(-1), ignore_index=data.PAD, label_smoothing=args.smoothing)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        tot_loss += loss.item()
        if s % 50 == 0:
            print(f'epoch {epoch} step {s}/{steps_per_epoch} loss {loss.item():.3f} {time.time() - t0:.0f}s', flush=True)
    train_time = time.time() - t0
    hyps = evaluate(model, dev_ids)
    scores = score_all(hyps, dev_refs)
    entry = {'epoch': epoch, 'loss': tot_loss / steps_per_epoch, 'train_s': train_time, 'eval_s': time.time() - t0 - train_time, **scores}
    log.append(entry)
    print(json.dumps(entry), flush=True)
    torch.save({'arch': args.arch, 'kw': kw, 'vocab': vocab, 'state': model.state_dict(), 'epoch': epoch}, os.path.join(args.out, f'epoch-{epoch}.pt'))
    if scores['CIDEr-D'] >= max(e['CIDEr-D'] for e in log):
        torch.save({'arch': args.arch, 'kw': kw, 'vocab': vocab, 'state': model.state_dict(), 'epoch': epoch}, os.path.join(args.out, 'best.pt'))
    json.dump({'arch': args.arch, 'params': n_params, 'args': vars(args), 'epochs': log, 'total_s': time.time() - t_start}, open(os.path.join(args.out, 'log.json'), 'w'), indent=1)
