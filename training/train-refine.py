"""Learns the gate's document head (the `refine` entry of image-type-gate.json) on real web evidence.

A scanned page or receipt is a document: the gate's softmax has no such class (it was learned on rendered
images), so after the gate routes an image away from the captioner, one logistic regression over the same
named evidence decides whether it is a document. Trained on the real-web dev set's evidence, as the
extension's describe path gathered it (scripts/type-gate/real-web.ts writes it): receipts against charts,
maps, logos and screenshots. Photos are not in the training rows: the head only ever sees images the gate
already routed away.

Size and shape (logWidth, logHeight, aspect) are left out: in this set they tell the sources apart (every
screenshot is a 1280x1000 crop, receipts were scaled to 1400 px tall), not the kinds.

Grouped 5-fold cross-validation: images whose 32x32 thumbnails differ by at most 4.5 / 255 on average (the
set's own "close variants" rule) are one group and share a fold. Settings are fixed in advance (L2 1e-2,
class-balanced, threshold 0.5); the folds only report. The shipped head is fitted on all rows.

  /usr/bin/python3 training/train-document.py --evidence .cache/type-gate/real-web-before.jsonl \
      --evidence .cache/type-gate/real-web-before-2.jsonl --gate models/glimpse-captioner/image-type-gate.json \
      --folds-out .cache/type-gate/real-web-folds.json
"""
import argparse
import json
import os

import numpy as np
import torch
from PIL import Image

FEATURES = ['dominantColour', 'topColours', 'colourCount', 'flat', 'hardEdges', 'saturation', 'contrast', 'lumaEntropy',
            'white', 'black', 'transparent', 'imagenet.top', 'imagenet.entropy', 'imagenet.animal',
            'ocr.coverage', 'ocr.chars', 'ocr.words', 'ocr.lines', 'ocr.confidence', 'ocr.digits']
# ImageNet classes a page of text or a screen resembles, named in advance (website, menu, envelope, crossword,
# dust jacket, packet, ring binder, monitor, CRT screen, comic book), not picked on this data.
IMAGENET = [916, 922, 549, 918, 921, 692, 446, 664, 782, 917]
NON_PHOTO = ['chart', 'screenshot', 'text', 'logo', 'illustration']

p = argparse.ArgumentParser()
p.add_argument('--evidence', action='append', required=True)
p.add_argument('--images', default='../shared/data/real-web')
p.add_argument('--gate', default='models/glimpse-captioner/image-type-gate.json')
p.add_argument('--folds-out', default='.cache/type-gate/real-web-folds.json')
p.add_argument('--l2', type=float, default=1e-2)
p.add_argument('--threshold', type=float, default=0.5)
p.add_argument('--folds', type=int, default=5)
p.add_argument('--imagenet-names', default='../shared/models/imagenet-simple-labels.json')
p.add_argument('--seed', type=int, default=15)
p.add_argument('--write', action='store_true', help='write the head fitted on all rows into --gate')
p.add_argument('--fold-gates', default='.cache/type-gate/fold-gates', help='per fold, the gate with the head fitted without that fold')
args = p.parse_args()
torch.manual_seed(args.seed)
rng = np.random.default_rng(args.seed)

rows = {}
for path in args.evidence:
    for line in open(path):
        r = json.loads(line)
        rows.setdefault(r['file'], r)
rows = sorted(rows.values(), key=lambda r: r['file'])
print(f'{len(rows)} real-web images with evidence')


def thumb(file):
    with Image.open(os.path.join(args.images, file)) as im:
        return np.asarray(im.convert('RGB').resize((32, 32), Image.BILINEAR), dtype=np.float32)


# Folds over the whole labelled set (not only the rows with evidence yet), so they never change.
# Near-duplicate groups (union-find over thumbnail distance) keep close variants in one fold.
labelled = sorted(r['file'] for r in json.load(open(os.path.join(args.images, 'labels.json'))))
thumbs = np.stack([thumb(f) for f in labelled]).reshape(len(labelled), -1)
parent = list(range(len(labelled)))


def find(i):
    while parent[i] != i:
        parent[i] = parent[parent[i]]
        i = parent[i]
    return i


for i in range(len(labelled)):
    d = np.abs(thumbs[i + 1:] - thumbs[i]).mean(1)
    for j in np.nonzero(d <= 4.5)[0]:
        parent[find(i + 1 + int(j))] = find(i)
group_of = {f: find(i) for i, f in enumerate(labelled)}
unique = sorted(set(group_of.values()))
order = rng.permutation(len(unique))
fold_of_group = {g: int(order[k] % args.folds) for k, g in enumerate(unique)}
fold_of = {f: fold_of_group[g] for f, g in group_of.items()}
print(f'{len(labelled)} labelled images in {len(unique)} groups; fold sizes {np.bincount(list(fold_of.values())).tolist()}')
os.makedirs(os.path.dirname(args.folds_out), exist_ok=True)
json.dump(fold_of, open(args.folds_out, 'w'), indent=0)
folds = np.array([fold_of[r['file']] for r in rows])

X_all = np.array([[r['features'][f] for f in FEATURES] + [r['imagenet'][c] for c in IMAGENET] for r in rows], dtype=np.float32)
y_all = np.array([1.0 if r['kind'] == 'document' else 0.0 for r in rows], dtype=np.float32)
is_photo = np.array([r['kind'] == 'photo' for r in rows])


def fit(X, y):
    mean = X.mean(0)
    scale = X.std(0) + 1e-3
    Xt = torch.tensor((X - mean) / scale)
    yt = torch.tensor(y)
    pos = max(1.0, float(y.sum()))
    neg = max(1.0, float(len(y) - y.sum()))
    weight = torch.where(yt > 0.5, torch.tensor(len(y) / (2 * pos)), torch.tensor(len(y) / (2 * neg)))
    w = torch.zeros(X.shape[1], requires_grad=True)
    b = torch.zeros(1, requires_grad=True)
    opt = torch.optim.LBFGS([w, b], max_iter=500, line_search_fn='strong_wolfe')

    def closure():
        opt.zero_grad()
        logit = Xt @ w + b
        loss = (torch.nn.functional.binary_cross_entropy_with_logits(logit, yt, reduction='none') * weight).mean() + args.l2 * (w ** 2).sum()
        loss.backward()
        return loss

    opt.step(closure)
    return mean, scale, w.detach().numpy(), float(b.detach())


def predict(head, X):
    mean, scale, w, b = head
    return 1 / (1 + np.exp(-(((X - mean) / scale) @ w + b)))


def head_entry(head, n_rows, n_docs, note):
    mean, scale, w, b = head
    return {
        'type': 'document',
        'from': NON_PHOTO,
        'features': FEATURES + [f'imagenet:{c}' for c in IMAGENET],
        'mean': [round(float(v), 6) for v in mean],
        'scale': [round(float(v), 6) for v in scale],
        'weights': [round(float(v), 6) for v in w],
        'bias': round(b, 6),
        'threshold': args.threshold,
        'trainedOn': f'real-web dev evidence, {n_rows} non-photos ({n_docs} receipts){note}; training/train-document.py',
    }


train_rows = ~is_photo
oof = np.zeros(len(rows))
os.makedirs(args.fold_gates, exist_ok=True)
shipped = json.load(open(args.gate))
shipped.pop('refine', None)
for k in range(args.folds):
    fit_on = train_rows & (folds != k)
    head = fit(X_all[fit_on], y_all[fit_on])
    oof[folds == k] = predict(head, X_all[folds == k])
    json.dump({**shipped, 'refine': [head_entry(head, int(fit_on.sum()), int((fit_on & (y_all > 0.5)).sum()), f', without fold {k}')]},
              open(os.path.join(args.fold_gates, f'fold-{k}.json'), 'w'))
said = (oof >= args.threshold) & train_rows
docs = (y_all > 0.5)
tp = int((said & docs).sum())
print(f'out-of-fold on non-photos: document precision {tp}/{int(said.sum())}, recall {tp}/{int(docs.sum())}')
json.dump({r['file']: float(p) for r, p in zip(rows, oof)}, open(args.folds_out.replace('.json', '-document-oof.json'), 'w'), indent=0)

if args.write:
    head = fit(X_all[train_rows], y_all[train_rows])
    gate = json.load(open(args.gate))
    gate['refine'] = [head_entry(head, int(train_rows.sum()), int(docs.sum()), '')]
    names = json.load(open(args.imagenet_names))
    for c in IMAGENET:
        gate['imagenetNames'].setdefault(str(c), names[c])
    json.dump(gate, open(args.gate, 'w'), indent=1)
    # models/manifest.json pins every committed model file by sha256 and size.
    import hashlib
    data = open(args.gate, 'rb').read()
    manifest_path = os.path.join(os.path.dirname(os.path.dirname(args.gate)), 'manifest.json')
    text = open(manifest_path).read()
    import re
    entry = re.compile(r'("path": "' + re.escape(os.path.basename(args.gate)) + r'",\s*"sha256": ")[0-9a-f]{64}(",\s*"size": )\d+')
    if not entry.search(text):
        raise SystemExit(f'{manifest_path} does not list {os.path.basename(args.gate)}')
    text = entry.sub(lambda m: f'{m.group(1)}{hashlib.sha256(data).hexdigest()}{m.group(2)}{len(data)}', text, count=1)
    open(manifest_path, 'w').write(text)
    print(f'wrote the document head into {args.gate}')
