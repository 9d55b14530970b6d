"""Learns the image-type gate (models/glimpse-captioner/image-type-gate.json).

Input: the evidence file written by scripts/type-gate/dump-evidence.ts (one JSON
line per labelled image: named features, the ImageNet distribution, OCR text).
Size and shape (logWidth, logHeight, aspect) are left out: every Flickr8k
photo is 224x224, so they would teach the gate that square means photo.

Model: softmax regression (6 types) over the named features plus the
probabilities of a short list of ImageNet classes, standardised, L2-regularised,
class-balanced, fitted with L-BFGS. The short list is the classes that carry
the most probability mass for each type on the train split.

With --pooled the softmax also reads the backbone's pooled features (the MobileNetV2 feature map averaged over
space, 1280 numbers, `pooled` in the encoder): what the picture looks like, beyond the names of ImageNet classes.
Its L2 is then chosen from --l2-grid on the rows each fit is given, by their own inner folds.

photoFloor (below it an image is not captioned) is chosen on out-of-fold
predictions over the training rows, so that at most `--photo-loss` of their
photos would be routed away; the test split only reports.

With --real-web, the real-web dev set's evidence (as the extension's describe
path gathered it) is trained on beside the rendered train split. Each source
carries the same total weight, and each type the same within a source (fixed
in advance). Real-web rows keep the grouped folds of training/train-refine.py
(near-duplicates share a fold); for each fold k the script writes the softmax
fitted without real-web fold k (--fold-gates), which decides fold k out of fold
(scripts/type-gate/real-web.ts --rescore --fold-gates, after train-refine.py
adds its heads with --fold-base). The gate file keeps its refine heads and
overlaid-text rule.

  /usr/bin/python3 training/train-gate.py --evidence .cache/type-gate/evidence.jsonl \
      --out models/glimpse-captioner/image-type-gate.json
  /usr/bin/python3 training/train-gate.py --evidence .cache/type-gate/evidence.jsonl \
      --real-web .cache/type-gate/real-web-all.jsonl --real-web-folds .cache/type-gate/real-web-folds.json
"""
import argparse
import json
import os

import numpy as np
import torch

TYPES = ['photo', 'chart', 'screenshot', 'text', 'logo', 'illustration']
BASE = ['dominantColour', 'topColours', 'colourCount', 'flat', 'hardEdges', 'saturation', 'contrast', 'lumaEntropy',
        'white', 'black', 'transparent',
        'imagenet.top', 'imagenet.entropy', 'imagenet.animal',
        'ocr.coverage', 'ocr.chars', 'ocr.words', 'ocr.lines', 'ocr.confidence', 'ocr.digits']

p = argparse.ArgumentParser()
p.add_argument('--evidence', default='.cache/type-gate/evidence.jsonl')
p.add_argument('--real-web', help='real-web dev evidence (scripts/type-gate/real-web.ts --out), trained on beside the rendered train split')
p.add_argument('--real-web-folds', default='.cache/type-gate/real-web-folds.json',
               help="the real-web images' grouped folds (training/train-refine.py --folds-out)")
p.add_argument('--fold-gates', default='.cache/type-gate/fold-softmax',
               help='with --real-web: per fold k, the softmax fitted without real-web fold k (fold-K.json)')
p.add_argument('--real-web-skip', default='', help='real-web kinds left out of the softmax (comma-separated), e.g. document: the refine head decides those')
p.add_argument('--out', default='models/glimpse-captioner/image-type-gate.json')
p.add_argument('--report', default='.cache/type-gate/train-report.json')
p.add_argument('--classes-per-type', type=int, default=8)
p.add_argument('--l2', type=float, default=3e-3)
p.add_argument('--pooled', action='store_true',
               help="also the backbone's pooled features (pooled:0..1279), with their own L2 chosen from --l2-grid by inner "
                    'cross-validation on the rows each fit is given (weighted log loss), never on the rows it decides; '
                    'the named features keep --l2')
p.add_argument('--l2-grid', default='3e-3,1e-2,3e-2,1e-1,3e-1,1')
p.add_argument('--photo-loss', type=float, default=0.02)
p.add_argument('--imagenet-names', default='../shared/models/imagenet-simple-labels.json')
p.add_argument('--seed', type=int, default=8)
args = p.parse_args()
torch.manual_seed(args.seed)
np.random.seed(args.seed)

rows = [json.loads(l) for l in open(args.evidence)]
for r in rows:
    r['source'] = 'rendered'
rendered_train = [r for r in rows if r['split'] == 'train']
test = [r for r in rows if r['split'] == 'test']
real = []
if args.real_web:
    folds_of = json.load(open(args.real_web_folds))
    # A real-web row's softmax type is its labelled type: a receipt is `text` (the document head refines it), a map `chart`.
    skip = set(filter(None, args.real_web_skip.split(',')))
    real = [r for r in ({**json.loads(l), 'source': 'real'} for l in open(args.real_web)) if r['kind'] not in skip]
    for r in real:
        r['fold'] = int(folds_of[r['file']])
        if r['type'] not in TYPES:
            raise SystemExit(f"{r['file']}: type {r['type']} is not one of {TYPES}")
names = json.load(open(args.imagenet_names))


def words_feature(r):
    # Features added after an evidence file was dumped are computed from its OCR text, as evidence.ts does.
    return float(np.log1p(len(r['ocr']['text'].split())) / 4)


for r in rows + real:
    r['features'].setdefault('ocr.words', words_feature(r))
    r['features'].setdefault('imagenet.animal', float(sum(r['imagenet'][:398])))
    r['y'] = TYPES.index(r['type'])
# Rendered rows get random folds; real-web rows keep their grouped folds, so near-duplicates never straddle a split.
for r, f in zip(rendered_train, np.random.permutation(len(rendered_train)) % 5):
    r['fold'] = int(f)


def weights_of(rs):
    """Each source carries the same total weight, and within a source each type does (fixed in advance)."""
    sources = sorted({r['source'] for r in rs})
    count = {}
    for r in rs:
        count[(r['source'], r['y'])] = count.get((r['source'], r['y']), 0) + 1
    types_in = {s: len({y for (s_, y) in count if s_ == s}) for s in sources}
    w = np.array([1.0 / (len(sources) * types_in[r['source']] * count[(r['source'], r['y'])]) for r in rs], dtype=np.float32)
    return w * len(rs) / w.sum()


class Softmax:
    """Standardised softmax regression over BASE plus each type's most probable ImageNet classes on its own rows."""

    def __init__(self, rs, l2=None):
        probs = np.array([r['imagenet'] for r in rs], dtype=np.float32)
        y = np.array([r['y'] for r in rs])
        self.shortlist = []
        for t in range(len(TYPES)):
            if not (y == t).any():
                continue
            for c in np.argsort(-probs[y == t].mean(0))[:args.classes_per_type]:
                if int(c) not in self.shortlist:
                    self.shortlist.append(int(c))
        self.l2 = args.l2
        self.l2_pooled = l2 if l2 is not None else args.l2
        X = self.matrix(rs)
        n_named = X.shape[1] - len(POOLED)
        self.mean = X.mean(0)
        self.scale = X.std(0) + 1e-3
        Xs = torch.from_numpy((X - self.mean) / self.scale)
        yt = torch.from_numpy(y)
        wt = torch.from_numpy(weights_of(rs))
        W = torch.zeros(len(TYPES), X.shape[1], requires_grad=True)
        b = torch.zeros(len(TYPES), requires_grad=True)
        opt = torch.optim.LBFGS([W, b], lr=1, max_iter=500, history_size=20, line_search_fn='strong_wolfe')

        def closure():
            opt.zero_grad()
            loss = (torch.nn.functional.cross_entropy(Xs @ W.T + b, yt, reduction='none') * wt).mean() + self.l2 * (W[:, :n_named] ** 2).sum() + self.l2_pooled * (W[:, n_named:] ** 2).sum()
            loss.backward()
            return loss

        opt.step(closure)
        self.W, self.b = W.detach().numpy(), b.detach().numpy()

    def matrix(self, rs):
        return np.array([[r['features'][f] for f in BASE] + [r['imagenet'][c] for c in self.shortlist] + pooled_of(r) for r in rs], dtype=np.float32)

    def feature_names(self):
        return BASE + [f'imagenet:{c}' for c in self.shortlist] + POOLED

    def predict(self, rs):
        z = ((self.matrix(rs) - self.mean) / self.scale) @ self.W.T + self.b
        z = z - z.max(1, keepdims=True)
        e = np.exp(z)
        return e / e.sum(1, keepdims=True)


POOLED = [f'pooled:{k}' for k in range(1280)] if args.pooled else []


def pooled_of(r):
    if not args.pooled:
        return []
    if len(r.get('pooled') or []) != len(POOLED):
        raise SystemExit(f"{r['file']}: the evidence has no pooled features (dumped before the encoder exposed them); dump it again")
    return r['pooled']


def decide(P, floor):
    out = []
    for p_ in P:
        if p_[0] >= floor:
            out.append(0)
        else:
            q = p_.copy()
            q[0] = -1
            out.append(int(q.argmax()))
    return np.array(out)


def fit_gate(rs):
    """The softmax on rs, and its photoFloor from out-of-fold predictions on rs: at most --photo-loss of rs's photos
    routed away, the photos of each source weighing the same."""
    inner = np.array([r['fold'] for r in rs])
    y = np.array([r['y'] for r in rs])
    w_all = weights_of(rs)

    def out_of_fold(l2):
        oof = np.zeros((len(rs), len(TYPES)), dtype=np.float32)
        for k in sorted(set(inner.tolist())):
            m = Softmax([r for r, f in zip(rs, inner) if f != k], l2)
            oof[inner == k] = m.predict([r for r, f in zip(rs, inner) if f == k])
        return oof

    grid = [float(v) for v in args.l2_grid.split(',')] if args.pooled else [args.l2]
    tried = {l2: out_of_fold(l2) for l2 in grid}
    loss = {l2: float(-(w_all * np.log(np.maximum(o[np.arange(len(rs)), y], 1e-9))).sum() / w_all.sum()) for l2, o in tried.items()}
    l2 = min(loss, key=loss.get)
    oof = tried[l2]
    if len(grid) > 1:
        print('  inner log loss by L2 of the pooled features: ' + ', '.join(f'{k:g} {v:.4f}' for k, v in loss.items()) + f' -> {l2:g}')
    photo = np.array([r['y'] == 0 for r in rs])
    p_photo = oof[photo, 0]
    w = weights_of([r for r in rs if r['y'] == 0])
    order = np.argsort(p_photo)
    below = np.cumsum(w[order]) / w.sum()
    # The highest floor that routes away at most photo-loss of the (weighted) photos: every photo below it is in that share.
    n_out = min(int(np.searchsorted(below, args.photo_loss, side='right')), len(p_photo) - 1)
    floor = float(min(0.5, p_photo[order][n_out])) if len(p_photo) else 0.5
    return Softmax(rs, l2), floor, oof


def report(y, pred):
    out = {}
    for t, name in enumerate(TYPES):
        tp = int(((pred == t) & (y == t)).sum())
        prec = tp / max(1, int((pred == t).sum()))
        rec = tp / max(1, int((y == t).sum()))
        out[name] = {'n': int((y == t).sum()), 'precision': round(prec, 3), 'recall': round(rec, 3)}
    out['accuracy'] = round(float((pred == y).mean()), 3)
    out['photos_routed_away'] = round(float((pred[y == 0] != 0).mean()), 4) if (y == 0).any() else None
    out['non_photos_captioned'] = round(float((pred[y != 0] == 0).mean()), 4)
    out['confusion'] = [[int(((y == a) & (pred == b_)).sum()) for b_ in range(len(TYPES))] for a in range(len(TYPES))]
    return out


def gate_json(m, floor, rs, note=''):
    per_source = {s: {t: sum(1 for r in rs if r['source'] == s and r['y'] == i) for i, t in enumerate(TYPES)} for s in sorted({r['source'] for r in rs})}
    return {
        'classes': TYPES,
        'features': m.feature_names(),
        'mean': [round(float(v), 6) for v in m.mean],
        'scale': [round(float(v), 6) for v in m.scale],
        'weights': [[round(float(v), 5) for v in row] for row in m.W],
        'bias': [round(float(v), 5) for v in m.b],
        'photoFloor': round(floor, 4),
        'imagenetNames': {str(c): names[c] for c in m.shortlist},
        'trainedOn': {'images': len(rs), 'perType': {t: sum(1 for r in rs if r['y'] == i) for i, t in enumerate(TYPES)},
                      'perSource': per_source, 'l2': m.l2, **({'l2Pooled': m.l2_pooled} if POOLED else {}), 'photoLoss': args.photo_loss,
                      'weighting': 'each source the same total weight, each type the same within a source' + note},
    }


# What the gate file carries besides the softmax (refine heads, the overlaid-text rule) is kept from the file it replaces.
try:
    kept = {k: v for k, v in json.load(open(args.out)).items() if k in ('refine', 'overlaidText')}
except FileNotFoundError:
    kept = {}
train = rendered_train + real
y_train = np.array([r['y'] for r in train])
result = {}
if real:
    # Out of fold on real web: fold k is decided by the softmax fitted on the rendered train split and the other folds.
    os.makedirs(args.fold_gates, exist_ok=True)
    real_pred = np.zeros(len(real), dtype=int)
    real_fold = np.array([r['fold'] for r in real])
    for k in sorted(set(real_fold.tolist())):
        fit_on = rendered_train + [r for r in real if r['fold'] != k]
        m, floor_k, _ = fit_gate(fit_on)
        held = [r for r in real if r['fold'] == k]
        real_pred[real_fold == k] = decide(m.predict(held), floor_k)
        json.dump({**gate_json(m, floor_k, fit_on, f', without real-web fold {k}'), **kept}, open(os.path.join(args.fold_gates, f'fold-{k}.json'), 'w'))
        print(f'fold {k}: photoFloor {floor_k:.4f}')
    result['real_web_out_of_fold'] = report(np.array([r['y'] for r in real]), real_pred)
m, floor, oof = fit_gate(train)
result['oof_train'] = report(y_train, decide(oof, floor))
result['test'] = report(np.array([r['y'] for r in test]), decide(m.predict(test), floor)) if test else None
result['photoFloor'] = floor
gate = {**gate_json(m, floor, train), **kept}
json.dump(gate, open(args.out, 'w'), indent=1)
os.makedirs(os.path.dirname(args.report), exist_ok=True)
json.dump(result, open(args.report, 'w'), indent=1)
print(json.dumps(result, indent=1))
