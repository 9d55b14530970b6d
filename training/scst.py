"""Self-critical sequence training (SCST) on CIDEr-D, from a cross-entropy checkpoint.

Rennie et al. 2017, with the cheap "K samples, leave-one-out baseline" variant:
for each batch of images, K captions per image are sampled (multinomial, no
gradient); each gets reward = CIDEr-D against that image's 5 training
references, with document frequencies over the whole TRAIN reference corpus;
its baseline is the mean reward of the image's other K-1 samples. One
teacher-forced pass over the sampled sequences (with their [EOS]) gives the
log-probabilities, and the loss is -(reward - baseline) * sum(log p).

The end of sentence is scored as a word ("[EOS]" appended to samples and
references when computing the reward), which discourages SCST's known
failure of truncated endings ("a man in a"). Flip augmentation as in
train.py: mirrored features are paired with left/right-swapped references.

Dropout is off while sampling and while computing log-probabilities, so the
gradient is on-policy. Dev CIDEr-D (greedy, Python metrics) is measured every
--eval-every steps; the best checkpoint is saved in train.py's format to
<out>/best.pt (export.py and finalize.py read it unchanged).

Usage: python3 scst.py --init /work/cache/runs/transformer/final.pt --out /work/cache/runs/scst --epochs 2
"""
import argparse
import json
import math
import os
import time
from collections import Counter, defaultdict

import numpy as np
import torch

import data
from metrics import ngrams, score_all
from models import build, generate, never_emit_bias

p = argparse.ArgumentParser()
p.add_argument('--init', required=True, help='cross-entropy checkpoint (train.py / finalize.py format)')
p.add_argument('--out', required=True)
p.add_argument('--epochs', type=float, default=2.0)
p.add_argument('--lr', type=float, default=5e-5)
p.add_argument('--batch-images', type=int, default=20)
p.add_argument('--samples', type=int, default=5, help='K captions sampled per image')
p.add_argument('--warmup', type=int, default=50, help='steps of linear learning-rate warm-up')
p.add_argument('--max-len', type=int, default=20)
p.add_argument('--eval-every', type=int, default=150, help='steps between dev evaluations')
p.add_argument('--dev-limit', type=int, default=500, help='dev images for the periodic evaluation')
p.add_argument('--max-steps', type=int, default=0, help='stop after this many steps (0: no limit)')
p.add_argument('--max-minutes', type=float, default=0, help='stop (after an evaluation) once this much time has passed')
p.add_argument('--no-flip', action='store_true')
p.add_argument('--threads', type=int, default=1)
p.add_argument('--seed', type=int, default=8)
args = p.parse_args()

data.start_run(args.seed, args.threads, args.out)

ck = torch.load(args.init)
vocab = ck['vocab']
index = {w: i for i, w in enumerate(vocab)}
model = build(ck['arch'], len(vocab), **ck['kw'])
model.load_state_dict(ck['state'])
bias = never_emit_bias(len(vocab))

feats = data.Features()
caps = data.load_captions()
train_ids, dev_all = feats.train, feats.dev
dev_ids = dev_all[:args.dev_limit]
dev_refs = {i: [data.words(c) for c in caps[feats.images[i]]] for i in dev_all}
EOS_W = '[EOS]'

# ---- CIDEr-D reward with train-corpus document frequencies -------------------------------
N_MAX, SIGMA = 4, 6.0
train_refs = [[[data.words(c) for c in caps[feats.images[i]]], [data.flip_words(data.words(c)) for c in caps[feats.images[i]]]] for i in train_ids]
df = defaultdict(float)
for refs in train_refs:
    seen = set()
    for r in refs[0]:
        r = r + [EOS_W]
        for n in range(1, N_MAX + 1):
            seen.update(ngrams(r, n))
    for g in seen:
        df[g] += 1
LOG_N = math.log(float(len(train_ids)))


def tfidf(ws):
    vecs, norms = [], []
    for n in range(1, N_MAX + 1):
        v = {g: c * (LOG_N - math.log(max(1.0, df.get(g, 0.0)))) for g, c in ngrams(ws, n).items()}
        vecs.append(v)
        norms.append(math.sqrt(sum(x * x for x in v.values())))
    return vecs, norms, len(ws)


_ref_cache = {}


def ref_vectors(i, flip):
    key = (i, flip)
    if key not in _ref_cache:
        _ref_cache[key] = [tfidf(r + [EOS_W]) for r in train_refs[i][flip]]
    return _ref_cache[key]


def cider_d_one(hyp_words, refs):
    hv, hn, hl = tfidf(hyp_words + [EOS_W])
    total = 0.0
    for rv, rn, rl in refs:
        pen = math.exp(-((hl - rl) ** 2) / (2 * SIGMA ** 2))
        for n in range(N_MAX):
            if hn[n] == 0 or rn[n] == 0:
                continue
            r = rv[n]
            val = sum(min(x, r[g]) * r[g] for g, x in hv[n].items() if g in r)
            total += val / (hn[n] * rn[n]) * pen
    return total / N_MAX / len(refs) * 10.0


# ---- sampling, log-probabilities ----------------------------------------------------------
def batch_tensors(ids, flips):
    grid = torch.from_numpy(np.stack([feats.grid[f][i] for i, f in zip(ids, flips)]))
    logits = torch.from_numpy(np.stack([feats.logits[f][i] for i, f in zip(ids, flips)]))
    return grid, logits


@torch.no_grad()
def sample(memory, k, max_len, gen):
    mem = memory.repeat_interleave(k, 0)
    b = mem.shape[0]
    state = model.init_state(mem)
    tok = torch.full((b,), data.BOS, dtype=torch.long)
    out = torch.full((b, max_len), data.PAD, dtype=torch.long)
    done = torch.zeros(b, dtype=torch.bool)
    for t in range(max_len):
        logits, state = model.step(mem, tok, state)
        probs = (logits + bias).softmax(-1)
        tok = torch.multinomial(probs, 1, generator=gen).squeeze(1)
        tok = torch.where(done, torch.full_like(tok, data.PAD), tok)
        out[:, t] = tok
        done |= tok == data.EOS
        if done.all():
            break
    return out[:, :t + 1]


def seq_logprob(memory, tgt, img_of):
    """Sum of log p(token) over each sampled sequence, [EOS] included; PAD ignored."""
    inp = torch.cat([torch.full((tgt.shape[0], 1), data.BOS, dtype=torch.long), tgt[:, :-1]], 1)
    inp = inp.masked_fill(inp == data.EOS, data.PAD)
    out = model(memory, inp, img_of)
    logp = (out + bias).log_softmax(-1).gather(2, tgt.unsqueeze(2)).squeeze(2)
    mask = (tgt != data.PAD).float()
    return (logp * mask).sum(1), mask.sum(1)


def to_words(row):
    ws = []
    for t in row:
        if t in (data.EOS, data.PAD):
            break
        ws.append(vocab[t])
    return ws


FUNCTION_WORDS = {'a', 'an', 'the', 'in', 'on', 'of', 'with', 'and', 'at', 'to', 'is', 'are', 'his', 'her', 'their', 'its',
                  'while', 'for', 'from', 'by', 'into', 'through', 'near', 'under', 'over', 'behind', 'next', 'some', 'two', 'three'}


def caption_health(hyps):
    """Counts of SCST's known failure modes in a set of captions."""
    bad_end = sum(1 for h in hyps.values() if h and h[-1] in FUNCTION_WORDS)
    rep_word = sum(1 for h in hyps.values() if any(a == b for a, b in zip(h, h[1:])))
    rep_bigram = sum(1 for h in hyps.values() if any(c > 1 for c in ngrams(h, 2).values()))
    lens = [len(h) for h in hyps.values()]
    return {'bad_end': bad_end, 'repeat_word': rep_word, 'repeat_bigram': rep_bigram, 'mean_len': sum(lens) / max(len(lens), 1),
            'distinct': len({' '.join(h) for h in hyps.values()})}


def evaluate(ids, beams=1, bs=100):
    model.eval()
    hyps = {}
    with torch.no_grad():
        for s in range(0, len(ids), bs):
            chunk = ids[s:s + bs]
            grid, logits = batch_tensors(chunk, [0] * len(chunk))
            out = generate(model, model.encode(grid, logits), beams=beams, no_repeat=3 if beams > 1 else 0)
            for i, o in zip(chunk, out):
                hyps[i] = [vocab[t] for t in o]
    refs = {i: dev_refs[i] for i in ids}
    return hyps, {**score_all(hyps, refs), **caption_health(hyps)}


# ---- training loop ------------------------------------------------------------------------
opt = torch.optim.Adam(model.parameters(), lr=args.lr)
steps_per_epoch = len(train_ids) // args.batch_images
total_steps = int(round(steps_per_epoch * args.epochs))
if args.max_steps:
    total_steps = min(total_steps, args.max_steps)
sched = torch.optim.lr_scheduler.LambdaLR(opt, lambda s: min(1.0, (s + 1) / max(args.warmup, 1)))
gen = torch.Generator().manual_seed(args.seed)
rng = np.random.RandomState(args.seed)
log = []
t_start = time.time()


def save(name, step, scores):
    torch.save({'arch': ck['arch'], 'kw': ck['kw'], 'vocab': vocab, 'state': model.state_dict(), 'epoch': ck.get('epoch'),
                'averaged': ck.get('averaged'), 'scst_step': step, 'scst_dev': scores, 'init': os.path.abspath(args.init)},
               os.path.join(args.out, name))


def checkpoint(step, window):
    hyps, scores = evaluate(dev_ids)
    entry = {'step': step, 'epoch': round(step / steps_per_epoch, 3), 'elapsed_s': round(time.time() - t_start), **window,
             **{k: round(v, 4) if isinstance(v, float) else v for k, v in scores.items()}}
    best = max((e['CIDEr-D'] for e in log), default=-1.0)  # logged values are rounded: compare the rounded value
    log.append(entry)
    print(json.dumps(entry), flush=True)
    if entry['CIDEr-D'] >= best:
        save('best.pt', step, scores)
    save(f'step-{step}.pt', step, scores)
    json.dump({'args': vars(args), 'evals': log, 'total_s': time.time() - t_start}, open(os.path.join(args.out, 'log.json'), 'w'), indent=1)


checkpoint(0, {})
order = []
step = 0
win = defaultdict(float)
win_n = 0
t_win = time.time()
while step < total_steps:
    if not order:
        order = rng.permutation(train_ids).tolist()
    ids, order = order[:args.batch_images], order[args.batch_images:]
    flips = [0 if args.no_flip else int(rng.rand() < 0.5) for _ in ids]
    grid, logits = batch_tensors(ids, flips)
    model.eval()  # no dropout: samples and log-probs from the same policy
    with torch.no_grad():
        memory = model.encode(grid, logits)
    seqs = sample(memory, args.samples, args.max_len, gen)
    k = args.samples
    rewards = torch.tensor([cider_d_one(to_words(row), ref_vectors(ids[r // k], flips[r // k])) for r, row in enumerate(seqs.tolist())]).view(-1, k)
    baseline = (rewards.sum(1, keepdim=True) - rewards) / (k - 1)
    adv = (rewards - baseline).view(-1)
    img_of = torch.arange(len(ids)).repeat_interleave(k)
    memory = model.encode(grid, logits)  # with gradient: the encoder head learns too
    lp, n_tok = seq_logprob(memory, seqs, img_of)
    loss = -(adv * lp).mean()
    opt.zero_grad()
    loss.backward()
    torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
    opt.step()
    sched.step()
    step += 1
    win['reward'] += rewards.mean().item()
    win['loss'] += loss.item()
    win['len'] += (n_tok.mean().item() - 1)
    win_n += 1
    if step % 25 == 0:
        print(f'step {step}/{total_steps} reward {win["reward"] / win_n:.3f} len {win["len"] / win_n:.1f} loss {win["loss"] / win_n:.3f} '
              f'{(time.time() - t_win) / win_n:.2f}s/step', flush=True)
    if step % args.eval_every == 0 or step == total_steps:
        window = {'train_reward': round(win['reward'] / win_n, 4), 'train_len': round(win['len'] / win_n, 2), 's_per_step': round((time.time() - t_win) / win_n, 2)}
        checkpoint(step, window)
        win, win_n, t_win = defaultdict(float), 0, time.time()
        if args.max_minutes and time.time() - t_start > args.max_minutes * 60:
            print(f'time limit reached after step {step}', flush=True)
            break
save('last.pt', step, log[-1])

# Final: the best checkpoint on the full dev split, greedy and beam 3, captions written like finalize.py.
best = torch.load(os.path.join(args.out, 'best.pt'))
model.load_state_dict(best['state'])
summary = {'best_step': best['scst_step'], 'total_s': round(time.time() - t_start)}
for name, beams in (('greedy', 1), ('beam3', 3)):
    hyps, scores = evaluate(dev_all, beams=beams)
    json.dump({feats.images[i]: ' '.join(h) for i, h in hyps.items()}, open(os.path.join(args.out, f'dev-{name}.json'), 'w'), indent=0)
    summary[name] = {k: round(v, 4) if isinstance(v, float) else v for k, v in scores.items()}
    print(json.dumps({'variant': name, 'step': best['scst_step'], **summary[name]}), flush=True)
json.dump({'args': vars(args), 'evals': log, 'final': summary}, open(os.path.join(args.out, 'log.json'), 'w'), indent=1)
