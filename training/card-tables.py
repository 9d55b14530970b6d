"""Prints the model card's metric rows (markdown) from score-captions.ts output.

Usage: python3 card-tables.py /work/cache/runs/scores.jsonl
"""
import json
import sys

KEYS = ['Bleu_1', 'Bleu_2', 'Bleu_3', 'Bleu_4', 'METEOR', 'ROUGE_L', 'CIDEr']
print('| row | n | ' + ' | '.join(['BLEU-1', 'BLEU-2', 'BLEU-3', 'BLEU-4', 'METEOR (exact+stem)', 'ROUGE-L', 'CIDEr-D']) + ' |')
print('|---|---|' + '---|' * len(KEYS))
for line in open(sys.argv[1]):
    r = json.loads(line)
    print(f"| {r['label']} | {r['n']} | " + ' | '.join(f'{r[k]:.3f}' for k in KEYS) + ' |')
