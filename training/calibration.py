"""How the captioner's confidence relates to caption quality on dev.

Reads `npm run eval -- --out` files (per-image caption + confidence from the
captioner core) and, per image, measures:
  - CIDEr-D against its 5 references (document frequencies over the scored set),
  - word precision: share of the caption's content words (not function words)
    found in some reference (plural 's' ignored),
  - subject right: the caption's first content word (usually the subject:
    man, dog, girl, people...) is in some reference.
Prints, per file, the confidence distribution, quality by confidence band, the
three label states at the given thresholds, and the Spearman correlation.

Usage: python3 calibration.py [--withhold 0.35 --confident 0.6] label=eval.json [label=eval.json ...]
"""
import argparse
import json

import numpy as np

import data
from metrics import cider_d_per_image

FUNCTION = set('a an the in on of with and at to is are his her their its while for from by into through near under over behind next '
               'some one two three four several other another each his her it they he she that this there up down out off as be being'.split())


def stem(w):
    return w[:-1] if len(w) > 3 and w.endswith('s') and not w.endswith('ss') else w


def content(ws):
    return [w for w in ws if w not in FUNCTION]


def rank(x):
    order = np.argsort(x, kind='mergesort')
    r = np.empty(len(x))
    r[order] = np.arange(len(x))
    return r


def spearman(a, b):
    return float(np.corrcoef(rank(np.asarray(a)), rank(np.asarray(b)))[0, 1])


def analyse(label, path, caps, withhold, confident):
    res = json.load(open(path))['results']
    hyps = {r['image']: data.words(r['caption']) for r in res}
    refs = {k: [data.words(c) for c in caps[k]] for k in hyps}
    cider = cider_d_per_image(hyps, refs)
    conf = np.array([r['confidence'] for r in res])
    cid = np.array([cider[r['image']] for r in res])
    prec, subj = [], []
    for r in res:
        ref_words = {stem(w) for rr in refs[r['image']] for w in rr}
        cw = content(hyps[r['image']])
        prec.append(sum(stem(w) in ref_words for w in cw) / len(cw) if cw else 0.0)
        subj.append(float(bool(cw) and stem(cw[0]) in ref_words))
    prec, subj = np.array(prec), np.array(subj)
    out = {'label': label, 'n': len(res), 'confidence': {q: round(float(np.quantile(conf, p)), 3) for q, p in
                                                          (('min', 0), ('p10', .1), ('p25', .25), ('p50', .5), ('p75', .75), ('p90', .9), ('max', 1))},
           'mean_confidence': round(float(conf.mean()), 3),
           'spearman_conf_vs_cider': round(spearman(conf, cid), 3), 'spearman_conf_vs_precision': round(spearman(conf, prec), 3),
           'all': {'cider': round(float(cid.mean()), 3), 'word_precision': round(float(prec.mean()), 3), 'subject_right': round(float(subj.mean()), 3)}}

    def band(mask):
        n = int(mask.sum())
        if not n:
            return {'n': 0}
        return {'n': n, 'share': round(n / len(res), 3), 'cider': round(float(cid[mask].mean()), 3),
                'word_precision': round(float(prec[mask].mean()), 3), 'subject_right': round(float(subj[mask].mean()), 3)}

    out['states'] = {f'withheld (<{withhold})': band(conf < withhold), f'hedged [{withhold},{confident})': band((conf >= withhold) & (conf < confident)),
                     f'confident (>={confident})': band(conf >= confident)}
    edges = [0, .2, .3, .35, .4, .5, .6, .7, .8, .9, 1.01]
    out['bands'] = {f'[{lo},{min(hi, 1)})': band((conf >= lo) & (conf < hi)) for lo, hi in zip(edges, edges[1:])}
    # quality of the images kept when withholding the least confident x%
    out['keep_top'] = {}
    order = np.argsort(-conf, kind='mergesort')
    for share in (1.0, .9, .75, .5, .25):
        k = int(round(share * len(res)))
        idx = order[:k]
        out['keep_top'][f'{int(share * 100)}%'] = {'threshold': round(float(conf[idx].min()), 3), 'cider': round(float(cid[idx].mean()), 3),
                                                  'word_precision': round(float(prec[idx].mean()), 3), 'subject_right': round(float(subj[idx].mean()), 3)}
    return out


if __name__ == '__main__':
    p = argparse.ArgumentParser()
    p.add_argument('files', nargs='+')
    p.add_argument('--withhold', type=float, default=0.35)
    p.add_argument('--confident', type=float, default=0.6)
    args = p.parse_args()
    caps = data.load_captions()
    for arg in args.files:
        label, path = arg.split('=', 1) if '=' in arg else (arg, arg)
        print(json.dumps(analyse(label, path, caps, args.withhold, args.confident), indent=1))
