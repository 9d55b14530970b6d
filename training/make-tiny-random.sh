#!/usr/bin/env bash
# Rebuilds scripts/lib/fixtures/tiny-random (the test fixture): random weights in exactly the shipped layout,
# through the same export and quantization code as the real captioner, then
# checks it with onnxruntime-node (torch parity, KV-cache == no-cache).
set -euo pipefail
cd "$(dirname "$0")"
out=../scripts/lib/fixtures/tiny-random
ref=${GLIMPSE_CACHE:-/work/cache}/export-check/tiny
rm -rf "$out/onnx"
/usr/bin/python3 export.py --tiny --out "$out" --reference "$ref"
for f in encoder_model decoder_model_merged; do
  /usr/bin/python3 quantize.py "$out/onnx/$f.onnx" "$out/onnx/${f}_quantized.onnx"
done
cd .. && npx tsx training/check-export.ts scripts/lib/fixtures/tiny-random "$ref" encoder
