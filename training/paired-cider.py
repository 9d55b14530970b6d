"""CIDEr-D of two caption files on the same images, with standard errors and the paired difference.

Reads {image: caption} JSON files (finalize.py's dev-*.json) or `npm run eval -- --out` files. Prints, for all images and for each half
of dev (the first and last 500 in the features' order, decode-sweep.py's halves), each file's mean per-image CIDEr-D with its standard error, and B minus A with the
standard error of the paired per-image differences: a row beats another only by more than 2 of those.

Usage: python3 paired-cider.py A.json B.json
"""
import json
import math
import os
import sys

import data
from metrics import cider_d_per_image


def mean_se(xs):
    m = sum(xs) / len(xs)
    var = sum((x - m) ** 2 for x in xs) / (len(xs) - 1)
    return m, math.sqrt(var / len(xs))


def captions(path):
    """{image: caption} from finalize.py's files or `npm run eval -- --out` files ({results: [{image, caption}]})."""
    doc = json.load(open(path))
    return {r['image']: r['caption'] for r in doc['results']} if isinstance(doc.get('results'), list) else doc


a_file, b_file = sys.argv[1], sys.argv[2]
a, b = captions(a_file), captions(b_file)
caps = data.load_captions()
meta = json.load(open(os.path.join(data.FEATURES, 'images.json')))  # dev in extraction order, as decode-sweep.py halves it
dev = meta['images'][meta['train']:]
images = [im for im in dev if im in a and im in b]
refs = {im: [data.words(c) for c in caps[im]] for im in images}
out = {}
for name, part in (('all', images), ('first half', images[:len(images) // 2]), ('second half', images[len(images) // 2:])):
    ca = cider_d_per_image({im: data.words(a[im]) for im in part}, {im: refs[im] for im in part})
    cb = cider_d_per_image({im: data.words(b[im]) for im in part}, {im: refs[im] for im in part})
    ma, sa = mean_se([ca[im] for im in part])
    mb, sb = mean_se([cb[im] for im in part])
    md, sd = mean_se([cb[im] - ca[im] for im in part])
    out[name] = {'n': len(part), 'A': [round(ma, 4), round(sa, 4)], 'B': [round(mb, 4), round(sb, 4)], 'B-A': [round(md, 4), round(sd, 4)], 'B-A in SE': round(md / sd, 2)}
print(json.dumps({'A': a_file, 'B': b_file, **out}, indent=1))
