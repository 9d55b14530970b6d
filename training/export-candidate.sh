#!/usr/bin/env bash
# A trained checkpoint (transformer or m2) as a model folder the captioner core loads, in the shipped form: ONNX
# export checked against torch, weight-only int8, the head assembled behind the pinned backbone, the shipped
# decoding (beam 5, length penalty 0.8). Then scored on dev through the core on WASM, like the shipped row, so
# training/paired-cider.py can compare the two caption files image by image.
#
#   bash training/export-candidate.sh /work/cache/runs/m2-8/best.pt /work/cache/candidates/m2-8 [N dev images]
#   /usr/bin/python3 training/paired-cider.py SHIPPED.json /work/cache/candidates/m2-8.dev.json
set -euo pipefail
cd "$(dirname "$0")/.."
CKPT=$1
OUT=$2
LIMIT=${3:-1000}
PY=/usr/bin/python3
RAW=$OUT-export
rm -rf "$RAW" "$OUT" && mkdir -p "$RAW" "$OUT/onnx"
(cd training && $PY export.py --ckpt "$CKPT" --out "$RAW" --reference "$RAW/reference" --beams 5 --length-penalty 0.8)
for f in encoder_head decoder_model_merged; do
  $PY training/quantize.py "$RAW/onnx/$f.onnx" "$RAW/onnx/${f}_quantized.onnx"
done
npx tsx training/check-export.ts "$RAW" "$RAW/reference" encoder_head
cp "$RAW"/{config,generation_config,tokenizer,tokenizer_config,preprocessor_config}.json "$OUT/"
cp "$RAW/onnx/decoder_model_merged_quantized.onnx" "$OUT/onnx/"
# assemble-fp32.ts appends any head to the pinned int8 backbone; here the head is the int8 one, as shipped.
npx tsx training/assemble-fp32.ts "$RAW/onnx/encoder_head_quantized.onnx" "$OUT/onnx/encoder_model_quantized.onnx"
npm run eval -- --images ../shared/data/flickr8k/images --captions ../shared/data/flickr8k/Flickr8k.token.txt \
  --split ../shared/data/flickr8k/Flickr_8k.devImages.txt --model "$OUT" --limit "$LIMIT" --out "$OUT.dev.json"
