"""Learns the image-type gate (models/glimpse-captioner/image-type-gate.json).

Input: the evidence file written by scripts/type-gate/dump-evidence.ts (one JSON
line per labelled image: named features, the ImageNet distribution, OCR text).
Size and shape (logWidth, logHeight, aspect) are left out: every Flickr8k
photo is 224x224, so they would teach the gate that square means photo.

Model: softmax regression (6 types) over the named features plus the
probabilities of a short list of ImageNet classes, standardised, L2-regularised,
class-balanced, fitted with L-BFGS. The short list is the classes that carry
the most probability mass for each type on the train split.

photoFloor (below it an image is not captioned) is chosen on out-of-fold
predictions over the train split, so that at most `--photo-loss` of train
photos would be routed away; the test split only reports.

  /usr/bin/python3 training/train-gate.py --evidence .cache/type-gate/evidence.jsonl \
      --out models/glimpse-captioner/image-type-gate.json
"""
import argparse
import json

import numpy as np
import torch

TYPES = ['photo', 'chart', 'screenshot', 'text', 'logo', 'illustration']
BASE = ['dominantColour', 'topColours', 'colourCount', 'flat', 'hardEdges', 'saturation', 'contrast', 'lumaEntropy',
        'white', 'black', 'transparent',
        'imagenet.top', 'imagenet.entropy', 'imagenet.animal',
        'ocr.coverage', 'ocr.chars', 'ocr.words', 'ocr.lines', 'ocr.confidence', 'ocr.digits']

p = argparse.ArgumentParser()
p.add_argument('--evidence', default='.cache/type-gate/evidence.jsonl')
p.add_argument('--out', default='models/glimpse-captioner/image-type-gate.json')
p.add_argument('--report', default='.cache/type-gate/train-report.json')
p.add_argument('--classes-per-type', type=int, default=8)
p.add_argument('--l2', type=float, default=3e-3)
p.add_argument('--photo-loss', type=float, default=0.02)
p.add_argument('--imagenet-names', default='../shared/models/imagenet-simple-labels.json')
p.add_argument('--seed', type=int, default=8)
args = p.parse_args()
torch.manual_seed(args.seed)
np.random.seed(args.seed)

rows = [json.loads(l) for l in open(args.evidence)]
train = [r for r in rows if r['split'] == 'train']
test = [r for r in rows if r['split'] == 'test']
names = json.load(open(args.imagenet_names))

# ImageNet short list: per type, the classes with the most mean probability on train.
probs = np.array([r['imagenet'] for r in train], dtype=np.float32)
y_train = np.array([TYPES.index(r['type']) for r in train])
shortlist = []
for t in range(len(TYPES)):
    mean = probs[y_train == t].mean(0)
    for c in np.argsort(-mean)[:args.classes_per_type]:
        if int(c) not in shortlist:
            shortlist.append(int(c))
features = BASE + [f'imagenet:{c}' for c in shortlist]


def words_feature(r):
    # Features added after an evidence file was dumped are computed from its OCR text, as evidence.ts does.
    return float(np.log1p(len(r['ocr']['text'].split())) / 4)


for r in rows:
    r['features'].setdefault('ocr.words', words_feature(r))
    r['features'].setdefault('imagenet.animal', float(sum(r['imagenet'][:398])))


def matrix(rs):
    return np.array([[r['features'][f] for f in BASE] + [r['imagenet'][c] for c in shortlist] for r in rs], dtype=np.float32)


X_train, X_test = matrix(train), matrix(test)
y_test = np.array([TYPES.index(r['type']) for r in test])
mean = X_train.mean(0)
scale = X_train.std(0) + 1e-3


def fit(X, y):
    Xs = torch.from_numpy((X - mean) / scale)
    yt = torch.from_numpy(y)
    counts = np.bincount(y, minlength=len(TYPES)).astype(np.float32)
    weight = torch.from_numpy(np.where(counts > 0, counts.sum() / (len(TYPES) * np.maximum(counts, 1)), 0).astype(np.float32))
    W = torch.zeros(len(TYPES), X.shape[1], requires_grad=True)
    b = torch.zeros(len(TYPES), requires_grad=True)
    opt = torch.optim.LBFGS([W, b], lr=1, max_iter=500, history_size=20, line_search_fn='strong_wolfe')

    def closure():
        opt.zero_grad()
        loss = torch.nn.functional.cross_entropy(Xs @ W.T + b, yt, weight=weight) + args.l2 * (W ** 2).sum()
        loss.backward()
        return loss

    opt.step(closure)
    return W.detach().numpy(), b.detach().numpy()


def predict(W, b, X):
    z = ((X - mean) / scale) @ W.T + b
    z = z - z.max(1, keepdims=True)
    e = np.exp(z)
    return e / e.sum(1, keepdims=True)


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


# Out-of-fold photo probabilities on train choose the floor.
folds = np.random.permutation(len(train)) % 5
oof = np.zeros((len(train), len(TYPES)), dtype=np.float32)
for k in range(5):
    W, b = fit(X_train[folds != k], y_train[folds != k])
    oof[folds == k] = predict(W, b, X_train[folds == k])
photo_p = np.sort(oof[y_train == 0, 0])
floor = float(min(0.5, photo_p[int(np.floor(args.photo_loss * len(photo_p)))])) if len(photo_p) else 0.5
W, b = fit(X_train, y_train)


def report(y, pred, rs):
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


result = {
    'oof_train': report(y_train, decide(oof, floor), train),
    'test': report(y_test, decide(predict(W, b, X_test), floor), test) if len(test) else None,
    'photoFloor': floor,
}
gate = {
    'classes': TYPES,
    'features': features,
    'mean': [round(float(v), 6) for v in mean],
    'scale': [round(float(v), 6) for v in scale],
    'weights': [[round(float(v), 5) for v in row] for row in W],
    'bias': [round(float(v), 5) for v in b],
    'photoFloor': round(floor, 4),
    'imagenetNames': {str(c): names[c] for c in shortlist},
    'trainedOn': {'images': len(train), 'perType': {t: int((y_train == i).sum()) for i, t in enumerate(TYPES)}, 'l2': args.l2, 'photoLoss': args.photo_loss},
}
json.dump(gate, open(args.out, 'w'), indent=1)
json.dump(result, open(args.report, 'w'), indent=1)
print(json.dumps({'photoFloor': floor, 'oof_train': result['oof_train'], 'test': result['test']}, indent=1))
