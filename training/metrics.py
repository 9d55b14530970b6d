"""Minimal caption metrics for model selection during training.

Written to follow the COCO caption evaluation code (pycocoevalcap), which
can't be installed here (no PyPI): BLEU-1..4 (corpus level, closest reference
length), CIDEr-D (sigma 6, clipped counts, x10, document frequencies from the
evaluated references), ROUGE-L (LCS F-measure, beta 1.2). METEOR needs the
Java jar and WordNet; `meteor_exact` is an exact-match-only approximation
(METEOR 1.5 English parameters alpha 0.85, beta 0.2, gamma 0.6; no stems,
synonyms, paraphrases or function-word weighting; best over references), labelled
as such wherever it is reported. The project's official figures come from the
TypeScript implementation in src/captioner/metrics when it is available.

Inputs: hyps {id: [words]}, refs {id: [[words], ...]}, already tokenized.
"""
import math
from collections import Counter, defaultdict


def ngrams(ws, n):
    return Counter(tuple(ws[i:i + n]) for i in range(len(ws) - n + 1))


def bleu(hyps, refs, n_max=4):
    match = [0] * n_max
    total = [0] * n_max
    hyp_len = ref_len = 0
    for k, h in hyps.items():
        rs = refs[k]
        hyp_len += len(h)
        # closest reference length, shortest on ties (pycocoevalcap 'closest')
        ref_len += min((abs(len(r) - len(h)), len(r)) for r in rs)[1]
        for n in range(1, n_max + 1):
            hc = ngrams(h, n)
            maxref = Counter()
            for r in rs:
                for g, c in ngrams(r, n).items():
                    maxref[g] = max(maxref[g], c)
            match[n - 1] += sum(min(c, maxref[g]) for g, c in hc.items())
            total[n - 1] += max(len(h) - n + 1, 0)
    tiny, small = 1e-15, 1e-9
    bp = 1.0 if hyp_len >= ref_len else math.exp(1 - ref_len / max(hyp_len, 1))
    out = []
    logsum = 0.0
    for n in range(n_max):
        logsum += math.log((match[n] + tiny) / (total[n] + small))
        out.append(bp * math.exp(logsum / (n + 1)))
    return out


def cider_d(hyps, refs, n_max=4, sigma=6.0):
    scores = cider_d_per_image(hyps, refs, n_max, sigma)
    return sum(scores.values()) / len(scores)


def cider_d_per_image(hyps, refs, n_max=4, sigma=6.0):
    """{id: CIDEr-D of that caption}; document frequencies from the references of all ids."""
    keys = list(hyps)
    df = defaultdict(float)
    ref_counts = {}
    for k in keys:
        ref_counts[k] = [[ngrams(r, n) for n in range(1, n_max + 1)] for r in refs[k]]
        for n in range(n_max):
            seen = set()
            for rc in ref_counts[k]:
                seen.update(rc[n])
            for g in seen:
                df[g] += 1
    log_n = math.log(float(len(keys)))

    def vec(counts):
        v, norms = [], []
        for n, cnt in enumerate(counts):
            d = {g: c * (log_n - math.log(max(1.0, df[g]))) for g, c in cnt.items()}
            v.append(d)
            norms.append(math.sqrt(sum(x * x for x in d.values())))
        return v, norms

    scores = {}
    for k in keys:
        h = hyps[k]
        hv, hn = vec([ngrams(h, n) for n in range(1, n_max + 1)])
        s = [0.0] * n_max
        for rc, r in zip(ref_counts[k], refs[k]):
            rv, rn = vec(rc)
            delta = len(h) - len(r)
            for n in range(n_max):
                val = sum(min(hv[n][g], rv[n].get(g, 0.0)) * rv[n].get(g, 0.0) for g in hv[n])
                if hn[n] != 0 and rn[n] != 0:
                    val /= hn[n] * rn[n]
                s[n] += val * math.exp(-(delta ** 2) / (2 * sigma ** 2))
        scores[k] = sum(s) / n_max / len(refs[k]) * 10.0
    return scores


def lcs(a, b):
    prev = [0] * (len(b) + 1)
    for x in a:
        cur = [0]
        for j, y in enumerate(b):
            cur.append(prev[j] + 1 if x == y else max(prev[j + 1], cur[j]))
        prev = cur
    return prev[-1]


def rouge_l(hyps, refs, beta=1.2):
    out = []
    for k, h in hyps.items():
        ps, rs = [], []
        for r in refs[k]:
            l = lcs(r, h)
            ps.append(l / max(len(h), 1))
            rs.append(l / max(len(r), 1))
        p, r = max(ps), max(rs)
        out.append(((1 + beta ** 2) * p * r) / (r + beta ** 2 * p) if p and r else 0.0)
    return sum(out) / len(out)


def meteor_exact(hyps, refs, alpha=0.85, beta=0.2, gamma=0.6):
    def one(h, r):
        used = [False] * len(r)
        align = []
        for i, w in enumerate(h):
            for j, x in enumerate(r):
                if not used[j] and x == w:
                    used[j] = True
                    align.append((i, j))
                    break
        m = len(align)
        if m == 0:
            return 0.0
        p, rc = m / len(h), m / len(r)
        f = p * rc / (alpha * p + (1 - alpha) * rc)
        chunks = 1 + sum(1 for a, b in zip(align, align[1:]) if not (b[0] == a[0] + 1 and b[1] == a[1] + 1))
        return f * (1 - gamma * (chunks / m) ** beta)
    return sum(max(one(h, r) for r in refs[k]) for k, h in hyps.items()) / len(hyps)


def score_all(hyps, refs):
    b = bleu(hyps, refs)
    return {
        'BLEU-1': b[0], 'BLEU-2': b[1], 'BLEU-3': b[2], 'BLEU-4': b[3],
        'METEOR~': meteor_exact(hyps, refs), 'ROUGE-L': rouge_l(hyps, refs), 'CIDEr-D': cider_d(hyps, refs),
    }
