"""Learns the gate's refine heads (the `refine` entries of image-type-gate.json) on real web evidence.

The gate's softmax was learned on rendered images and has no class for a scanned page or receipt, nor for a
map. After the softmax routes an image away from the captioner, one logistic regression per head (HEADS below)
over the same named evidence says whether it is that type; the first head at or above its threshold wins, in
the order of HEADS. Trained on the real-web dev set's evidence, as the extension's describe path gathered it
(scripts/type-gate/real-web.ts writes it): each head's kinds against every other non-photo. Photos are not in
the training rows: a head only ever sees images the gate already routed away.

Size and shape (logWidth, logHeight, aspect) are left out: in this set they tell the sources apart (every
screenshot is a 1280x1000 crop, receipts were scaled to 1400 px tall), not the kinds.

Grouped 5-fold cross-validation: images whose 32x32 thumbnails differ by at most 4.5 / 255 on average (the
set's own "close variants" rule) are one group and share a fold. Settings are fixed in advance (L2 1e-2,
class-balanced, threshold 0.5, each head's ImageNet classes named before looking); the folds only report,
and fold k's gate (every head fitted without fold k) decides fold k's images in real-web.ts --rescore.
A head is written into the shipped gate (fitted on all rows) only with --write and only when its
out-of-fold figures meet its `ship` bar (set in advance); otherwise the script says why not.

  /usr/bin/python3 training/train-refine.py --evidence .cache/type-gate/real-web-all.jsonl [--write]
  /usr/bin/python3 training/train-refine.py --evidence … --unshipped --fold-gates .cache/type-gate/fold-gates-map   # measure the map head too
  /usr/bin/python3 training/train-refine.py --evidence … --fold-base .cache/type-gate/fold-softmax   # on softmaxes that saw real web too
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
NON_PHOTO = ['chart', 'screenshot', 'text', 'logo', 'illustration']
# One row per head, in the order the gate tries them. `imagenet`: classes the type resembles, named in advance,
# not picked on this data. `ship`: the out-of-fold precision and recall (and the fewest positives) a head must
# show before --write puts it in the shipped gate.
HEADS = [
    {
        'type': 'document', 'kinds': ['document'], 'what': 'receipts',
        # website, menu, envelope, crossword, dust jacket, packet, ring binder, monitor, CRT screen, comic book
        # (this list was added once after a first out-of-fold look at 134 images; see models/README.md)
        'imagenet': [916, 922, 549, 918, 921, 692, 446, 664, 782, 917],
        'ship': {'precision': 0.8, 'recall': 0.8, 'positives': 30},
    },
    {
        'type': 'map', 'kinds': ['map'], 'what': 'maps',
        # ImageNet has no map: jigsaw puzzle, maze, quilt, prayer rug, doormat (patchworks of flat regions), website
        'imagenet': [611, 646, 750, 741, 539, 916],
        'ship': {'precision': 0.8, 'recall': 0.8, 'positives': 30},
    },
]

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
p.add_argument('--write', action='store_true', help='write the heads that meet their ship bar, fitted on all rows, into --gate')
p.add_argument('--fold-gates', default='.cache/type-gate/fold-gates', help='per fold, the gate with every head fitted without that fold')
p.add_argument('--fold-base', help='per fold k, the gate (softmax) fitted without fold k (training/train-gate.py --fold-gates) that fold k\'s gate builds on; default: --gate for every fold')
p.add_argument('--unshipped', action='store_true', help='fold gates hold every fitted head, also those below their ship bar (to measure them)')
p.add_argument('--pooled', action='store_true', help="the heads also read the backbone's pooled features (pooled:0..1279), with their own L2 --l2-pooled")
p.add_argument('--l2-pooled', type=float, default=1e-2)
p.add_argument('--heads', default=','.join(h['type'] for h in HEADS), help='the heads to fit, by type')
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

heads = [h for h in HEADS if h['type'] in args.heads.split(',')]
is_photo = np.array([r['kind'] == 'photo' for r in rows])
base = np.array([[r['features'][f] for f in FEATURES] for r in rows], dtype=np.float32)


POOLED = [f'pooled:{k}' for k in range(1280)] if args.pooled else []
pooled = np.array([r['pooled'] for r in rows], dtype=np.float32) if args.pooled else np.zeros((len(rows), 0), dtype=np.float32)


def design(head):
    return np.concatenate([base, np.array([[r['imagenet'][c] for c in head['imagenet']] for r in rows], dtype=np.float32), pooled], 1)


def target(head):
    return np.array([1.0 if r['kind'] in head['kinds'] else 0.0 for r in rows], dtype=np.float32)


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
        named = X.shape[1] - len(POOLED)
        loss = (torch.nn.functional.binary_cross_entropy_with_logits(logit, yt, reduction='none') * weight).mean() \
            + args.l2 * (w[:named] ** 2).sum() + args.l2_pooled * (w[named:] ** 2).sum()
        loss.backward()
        return loss

    opt.step(closure)
    return mean, scale, w.detach().numpy(), float(b.detach())


def predict(head, X):
    mean, scale, w, b = head
    return 1 / (1 + np.exp(-(((X - mean) / scale) @ w + b)))


def head_entry(spec, head, n_rows, n_pos, note):
    mean, scale, w, b = head
    return {
        'type': spec['type'],
        'from': NON_PHOTO,
        'features': FEATURES + [f'imagenet:{c}' for c in spec['imagenet']] + POOLED,
        'mean': [round(float(v), 6) for v in mean],
        'scale': [round(float(v), 6) for v in scale],
        'weights': [round(float(v), 6) for v in w],
        'bias': round(b, 6),
        'threshold': args.threshold,
        'trainedOn': f"real-web dev evidence, {n_rows} non-photos ({n_pos} {spec['what']}){note}; training/train-refine.py",
    }


train_rows = ~is_photo
os.makedirs(args.fold_gates, exist_ok=True)
shipped = json.load(open(args.gate))
shipped.pop('refine', None)
fold_heads = {k: [] for k in range(args.folds)}
meets = {}
spec_heads = {}
for spec in heads:
    X, y = design(spec), target(spec)
    oof = np.zeros(len(rows))
    for k in range(args.folds):
        fit_on = train_rows & (folds != k)
        head = fit(X[fit_on], y[fit_on])
        oof[folds == k] = predict(head, X[folds == k])
        fold_heads[k].append((spec['type'], head_entry(spec, head, int(fit_on.sum()), int((fit_on & (y > 0.5)).sum()), f', without fold {k}')))
    said = (oof >= args.threshold) & train_rows
    pos = y > 0.5
    tp = int((said & pos).sum())
    precision, recall = tp / max(1, int(said.sum())), tp / max(1, int(pos.sum()))
    bar = spec['ship']
    meets[spec['type']] = precision >= bar['precision'] and recall >= bar['recall'] and int(pos.sum()) >= bar['positives']
    wrong = sorted({r['kind'] for r, s_, p_ in zip(rows, said, pos) if s_ and not p_})
    print(f"{spec['type']} head, out of fold on {int(train_rows.sum())} non-photos ({int(pos.sum())} {spec['what']}, in "
          f"{len({group_of[r['file']] for r, p_ in zip(rows, pos) if p_})} groups): precision {tp}/{int(said.sum())}, recall {tp}/{int(pos.sum())}"
          f"{' (also said of: ' + ', '.join(wrong) + ')' if wrong else ''}; ship bar {bar}: {'met' if meets[spec['type']] else 'NOT met'}")
    json.dump({r['file']: float(p_) for r, p_ in zip(rows, oof)}, open(args.folds_out.replace('.json', f"-{spec['type']}-oof.json"), 'w'), indent=0)
# The fold gates are what ships (the heads that meet their bar), each head fitted without the fold; --unshipped adds the rest.
in_fold_gates = [h['type'] for h in heads if meets[h['type']] or args.unshipped]
for k in range(args.folds):
    fold_gate = shipped
    if args.fold_base:
        fold_gate = json.load(open(os.path.join(args.fold_base, f'fold-{k}.json')))
        fold_gate.pop('refine', None)
    json.dump({**fold_gate, 'refine': [e for t, e in fold_heads[k] if t in in_fold_gates]}, open(os.path.join(args.fold_gates, f'fold-{k}.json'), 'w'))
print(f'fold gates (heads {in_fold_gates}, each fitted without its fold) in {args.fold_gates}/fold-K.json')

if args.write:
    gate = json.load(open(args.gate))
    gate['refine'] = []
    names = json.load(open(args.imagenet_names))
    for spec in heads:
        if not meets[spec['type']]:
            print(f"{spec['type']} head not written: its out-of-fold figures are below its ship bar")
            continue
        X, y = design(spec), target(spec)
        head = fit(X[train_rows], y[train_rows])
        gate['refine'].append(head_entry(spec, head, int(train_rows.sum()), int((train_rows & (y > 0.5)).sum()), ''))
        for c in spec['imagenet']:
            gate['imagenetNames'].setdefault(str(c), names[c])
    if not gate['refine']:
        del gate['refine']
    json.dump(gate, open(args.gate, 'w'), indent=1)
    # models/manifest.json pins every committed model file by sha256 and size.
    import hashlib
    import re
    data = open(args.gate, 'rb').read()
    manifest_path = os.path.join(os.path.dirname(os.path.dirname(args.gate)), 'manifest.json')
    text = open(manifest_path).read()
    entry = re.compile(r'("path": "' + re.escape(os.path.basename(args.gate)) + r'",\s*"sha256": ")[0-9a-f]{64}(",\s*"size": )\d+')
    if not entry.search(text):
        raise SystemExit(f'{manifest_path} does not list {os.path.basename(args.gate)}')
    text = entry.sub(lambda m: f'{m.group(1)}{hashlib.sha256(data).hexdigest()}{m.group(2)}{len(data)}', text, count=1)
    open(manifest_path, 'w').write(text)
    print(f"wrote the refine heads {[h['type'] for h in gate.get('refine', [])]} into {args.gate}")
