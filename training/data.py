"""Flickr8k captions, vocabulary and cached backbone features.

Tokenization mirrors the shipped tokenizer.json (lowercase, split on
\\w+ | [^\\w\\s]+, punctuation dropped) so training targets and runtime
decoding agree.
"""
import json
import os
import re
from collections import Counter

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
DATA = os.path.normpath(os.path.join(HERE, '..', '..', 'shared', 'data', 'flickr8k'))
FEATURES = os.environ.get('GLIMPSE_FEATURES', '/work/cache/glimpse-features')

PAD, BOS, EOS, UNK = 0, 1, 2, 3
SPECIALS = ['[PAD]', '[BOS]', '[EOS]', '[UNK]']
MAX_TOKENS = 16
MIN_COUNT = 5

_word = re.compile(r"\w+|[^\w\s]+")


def words(text):
    """Lowercased word tokens without punctuation (COCO-eval style)."""
    return [w for w in _word.findall(text.lower()) if re.match(r'\w', w)]


def flip_words(ws):
    """Mirrored image: what was left is now right."""
    swap = {'left': 'right', 'right': 'left'}
    return [swap.get(w, w) for w in ws]


def load_captions():
    caps = {}
    with open(os.path.join(DATA, 'Flickr8k.token.txt')) as f:
        for line in f:
            if not line.strip():
                continue
            key, text = line.rstrip('\n').split('\t', 1)
            caps.setdefault(key.split('#')[0], []).append(text.strip())
    return caps


def build_vocab(train_images, caps, min_count=MIN_COUNT):
    counts = Counter(w for im in train_images for c in caps[im] for w in words(c))
    vocab = SPECIALS + sorted(w for w, n in counts.items() if n >= min_count)
    return vocab


def encode(ws, index):
    ids = [index.get(w, UNK) for w in ws][:MAX_TOKENS]
    return ids + [EOS]


class Features:
    """Memory-mapped features in extraction order (train list, then dev list)."""

    def __init__(self, root=FEATURES):
        meta = json.load(open(os.path.join(root, 'images.json')))
        self.images = meta['images']
        self.n_train = meta['train']
        n = len(self.images)
        self.grid = [np.fromfile(os.path.join(root, f'grid{s}.f32'), dtype=np.float32).reshape(n, 1280, 7, 7) for s in ('', '-flip')]
        self.logits = [np.fromfile(os.path.join(root, f'logits{s}.f32'), dtype=np.float32).reshape(n, 1000) for s in ('', '-flip')]

    @property
    def train(self):
        return list(range(self.n_train))

    @property
    def dev(self):
        return list(range(self.n_train, len(self.images)))


def start_run(seed, threads, out):
    """Seeds every random source, fixes torch's thread count and makes the output folder."""
    import random
    import torch
    torch.set_num_threads(threads)
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    os.makedirs(out, exist_ok=True)
