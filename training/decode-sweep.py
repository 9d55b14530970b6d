"""Decodes dev with one checkpoint under several beam widths and length penalties (Python metrics).

Usage: python3 decode-sweep.py --ckpt /work/cache/runs/transformer/final.pt --beams 3 5 --length-penalty 0.5 1 1.5
Dev is also the reporting split: a setting chosen here is a selection made on dev, said so in the model card.
"""
import argparse
import json
import os

import torch

import data
from metrics import score_all
from models import caption_images, from_checkpoint

p = argparse.ArgumentParser()
p.add_argument('--ckpt', required=True)
p.add_argument('--beams', type=int, nargs='+', default=[3])
p.add_argument('--length-penalty', type=float, nargs='+', default=[1.0])
p.add_argument('--threads', type=int, default=2)
p.add_argument('--save', default=None, help='folder: also write each setting\'s captions as dev-b<beams>-lp<penalty>.json')
args = p.parse_args()
torch.set_num_threads(args.threads)

feats = data.Features()
caps = data.load_captions()
dev = feats.dev
refs = {i: [data.words(c) for c in caps[feats.images[i]]] for i in dev}
ck = torch.load(args.ckpt)
model = from_checkpoint(ck)

for beams in args.beams:
    for lp in args.length_penalty:
        hyps = caption_images(model, ck['vocab'], feats.grid[0], feats.logits[0], dev, beams=beams, no_repeat=3, length_penalty=lp)
        if args.save:
            json.dump({feats.images[i]: ' '.join(h) for i, h in hyps.items()}, open(os.path.join(args.save, f'dev-b{beams}-lp{lp:g}.json'), 'w'), indent=0)
        scores = score_all(hyps, refs)
        words = sum(len(h) for h in hyps.values()) / len(hyps)
        # Each half of dev on its own: a setting that wins on both is not a fluke of one half.
        halves = [score_all({i: hyps[i] for i in part}, {i: refs[i] for i in part})['CIDEr-D'] for part in (dev[:500], dev[500:])]
        print(json.dumps({'beams': beams, 'length_penalty': lp, 'words': round(words, 2), **{k: round(v, 4) for k, v in scores.items()},
                          'CIDEr-D halves': [round(h, 4) for h in halves]}), flush=True)
