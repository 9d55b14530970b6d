"""Decodes the dev split with every trained row and picks the model to ship.

For each run in --runs: its best epoch within the shared epoch budget (dev
CIDEr-D, greedy) is decoded greedily and with beam search (3): the seed rows.
The transformer (and any run named with --pick), trained longer, also gets its best epoch overall; for it, the averages of its
two and of its three best epochs' weights are decoded too, and whichever of the single best /
averaged checkpoints scores the highest dev CIDEr-D with beam 3 becomes
<runs>/transformer/final.pt. Captions go to <run>/dev-<variant>.json
({image: caption}) so the project's TypeScript metrics can score every row
the same way; this script also prints the Python metrics (training/metrics.py).

Usage: python3 finalize.py --runs /work/cache/runs --archs showtell updown transformer
"""
import argparse
import json
import os

import torch

import data
from metrics import score_all
from models import caption_images, from_checkpoint

p = argparse.ArgumentParser()
p.add_argument('--runs', required=True)
p.add_argument('--archs', nargs='+', default=['showtell', 'updown', 'transformer'])
p.add_argument('--threads', type=int, default=1)
p.add_argument('--budget', type=int, default=3, help='epochs every seed row is compared at')
p.add_argument('--pick', nargs='*', default=['transformer'],
               help='runs that also get the full-length pick (best epoch overall, 2- and 3-epoch averages) and a final.pt')
args = p.parse_args()
torch.set_num_threads(args.threads)
torch.manual_seed(0)

feats = data.Features()
caps = data.load_captions()
dev = feats.dev
refs = {i: [data.words(c) for c in caps[feats.images[i]]] for i in dev}


def run_variant(run_dir, name, ck, beams):
    hyps = caption_images(from_checkpoint(ck), ck['vocab'], feats.grid[0], feats.logits[0], dev, beams=beams, no_repeat=3 if beams > 1 else 0)
    scores = score_all(hyps, refs)
    json.dump({feats.images[i]: ' '.join(h) for i, h in hyps.items()}, open(os.path.join(run_dir, f'dev-{name}.json'), 'w'), indent=0)
    print(json.dumps({'run': os.path.basename(run_dir), 'variant': name, 'epoch': ck.get('epoch'), **{k: round(v, 4) for k, v in scores.items()}}), flush=True)
    return scores


summary = {}
for arch in args.archs:
    run_dir = os.path.join(args.runs, arch)
    log = json.load(open(os.path.join(run_dir, 'log.json')))
    # The seed comparison: best dev epoch within the shared budget.
    in_budget = max((e for e in log['epochs'] if e['epoch'] <= args.budget), key=lambda e: e['CIDEr-D'])
    seed = torch.load(os.path.join(run_dir, f"epoch-{in_budget['epoch']}.pt"))
    summary[arch] = {'budget-greedy': run_variant(run_dir, 'budget-greedy', seed, 1), 'budget-beam3': run_variant(run_dir, 'budget-beam3', seed, 3),
                     'budget_epoch': seed['epoch']}
    picked = arch in args.pick
    if picked and len(log['epochs']) > args.budget:
        best = torch.load(os.path.join(run_dir, 'best.pt'))
        summary[arch].update({'greedy': run_variant(run_dir, 'greedy', best, 1), 'beam3': run_variant(run_dir, 'beam3', best, 3), 'best_epoch': best['epoch']})
    elif picked:
        best = seed
        summary[arch]['beam3'] = summary[arch]['budget-beam3']
    if picked:
        # Checkpoint averages of the 2 and 3 best epochs; the best of them and the single best epoch by beam-3 dev CIDEr-D ships.
        candidates = [('beam3', best, summary[arch]['beam3'])]
        for k, name in ((2, 'avg-beam3'), (3, 'avg3-beam3')):
            ranked = sorted(log['epochs'], key=lambda e: -e['CIDEr-D'])[:k]
            if len(ranked) < k:
                continue
            cks = [torch.load(os.path.join(run_dir, f"epoch-{e['epoch']}.pt")) for e in ranked]
            avg = dict(cks[0])
            avg['state'] = {key: sum(c['state'][key].float() for c in cks) / len(cks) for key in cks[0]['state']}
            avg['averaged'] = [e['epoch'] for e in ranked]
            summary[arch][name] = run_variant(run_dir, name, avg, 3)
            candidates.append((name, avg, summary[arch][name]))
        name, final, _ = max(candidates, key=lambda c: c[2]['CIDEr-D'])
        summary[arch]['final'] = name
        torch.save(final, os.path.join(run_dir, 'final.pt'))
json.dump(summary, open(os.path.join(args.runs, f"finalize-{'-'.join(args.archs)}.json"), 'w'), indent=1)
