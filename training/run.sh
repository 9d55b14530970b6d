#!/usr/bin/env bash
# The whole captioner recipe, end to end (about 2 h on an idle 2-core machine; SCST=1 adds its ~15 min measurement):
#   features -> three seed architectures -> pick -> (SCST, measured) -> export + int8 -> assemble -> check -> score.
# Deterministic (seeded). Never run in CI. Needs /usr/bin/python3 with torch 1.13, onnx, numpy
# (Debian python3-torch python3-onnx python3-numpy, plus libopenblas0-pthread) and npm deps.
#
#   bash training/run.sh            # writes models/glimpse-captioner and models/manifest.json
#   GLIMPSE_CACHE=/tmp/g bash training/run.sh
set -euo pipefail
cd "$(dirname "$0")/.."
export PYTHONDONTWRITEBYTECODE=1
CACHE=${GLIMPSE_CACHE:-/work/cache}
export GLIMPSE_FEATURES=$CACHE/glimpse-features
RUNS=$CACHE/runs
EXPORT=$CACHE/export/glimpse-captioner
PY=/usr/bin/python3
BUDGET=3          # epochs every seed architecture gets
SHIP_EPOCHS=8     # the transformer trains on; its epoch-<=BUDGET checkpoints are its seed row
BEAMS=5           # the shipped decoding (generation_config.json), chosen by training/decode-sweep.py on dev
LENGTH_PENALTY=0.8
SCST_STEPS=100    # self-critical steps (20 images x 5 samples each) after cross-entropy

# 1. Grid features + ImageNet logits through the extension's own preprocessing and backbone (~3 min).
npx tsx training/extract-features.ts "$GLIMPSE_FEATURES"

# 2. Train. The seed rows one thread each; the shipped transformer with the 2 threads it was trained with
#    (the thread count changes float summation order, so other counts give close, not identical, weights).
mkdir -p "$RUNS"
# A run whose last epoch's checkpoint exists is done: a stopped run.sh starts again from the first unfinished training.
train() {  # train NAME EPOCHS [train.py options...]
  local name=$1 epochs=$2; shift 2
  if [ -f "$RUNS/$name/epoch-$epochs.pt" ]; then echo "run.sh: $name already trained ($RUNS/$name/epoch-$epochs.pt)"; return; fi
  (cd training && $PY -u train.py --epochs "$epochs" "$@" --out "$RUNS/$name" > "$RUNS/$name.log" 2>&1)
}
# Plain `wait` ignores a failed job: each one is waited for by its pid, so a failed training stops the script.
finish() { local pid; for pid in "${jobs_started[@]}"; do wait "$pid"; done; jobs_started=(); }
jobs_started=()
train transformer $SHIP_EPOCHS --arch transformer --d 256 --dec-layers 2 --ff 1024 --threads 2 & jobs_started+=($!)
train showtell $BUDGET --arch showtell --hidden 512 --dropout 0.3 & jobs_started+=($!)
train showtell-every $BUDGET --arch showtell --hidden 512 --dropout 0.3 --image-every-step & jobs_started+=($!)
train updown $BUDGET --arch updown --hidden 256 --dropout 0.3 & jobs_started+=($!)
finish
# The M2 row (memory-augmented encoder, meshed cross-attention), and the transformer with the same 3-epoch schedule as its peer.
train m2 $BUDGET --arch m2 --d 256 --enc-layers 3 --dec-layers 3 --ff 1024 --slots 40 & jobs_started+=($!)
train transformer-budget $BUDGET --arch transformer --d 256 --dec-layers 2 --ff 1024 & jobs_started+=($!)
finish

# 3. Decode dev with every row, average the transformer's 2 and 3 best epochs, pick the checkpoint to ship.
(cd training && $PY -u finalize.py --runs "$RUNS" --budget $BUDGET --archs showtell showtell-every updown transformer | tee "$RUNS/finalize.log")
(cd training && $PY -u finalize.py --runs "$RUNS" --budget $BUDGET --archs m2 transformer-budget | tee "$RUNS/finalize-m2.log")

# 3b. Self-critical sequence training on CIDEr-D (train-set document frequencies) from that checkpoint;
#     keeps the step with the best dev CIDEr-D (greedy, first 500 dev images), then decodes all of dev.
#     Measured, not shipped: it lifted greedy CIDEr-D but lowered beam-3 CIDEr-D on the earlier 5-epoch model
#     (models/README.md, "Self-critical training"). ~15 min on an idle 2-core machine; runs with SCST=1.
if [ "${SCST:-0}" = 1 ]; then
  (cd training && $PY -u scst.py --init "$RUNS/transformer/final.pt" --out "$RUNS/scst" --lr 3e-5 --max-steps $SCST_STEPS \
     --epochs 10 --eval-every 100 > "$RUNS/scst.log" 2>&1)
fi

# 3c. The decoding sweep behind BEAMS / LENGTH_PENALTY (dev, and each half of dev on its own).
(cd training && $PY -u decode-sweep.py --ckpt "$RUNS/transformer/final.pt" --beams 3 5 --length-penalty 0.7 0.8 0.9 1.0 | tee "$RUNS/decode-sweep.log")

# 4. Export (ONNX opset 13), check against torch, quantize (weight-only int8).
rm -rf "$EXPORT" && mkdir -p "$EXPORT"
(cd training && $PY export.py --ckpt "$RUNS/transformer/final.pt" --out "$EXPORT" --reference "$CACHE/export-check/glimpse-captioner" \
   --beams $BEAMS --length-penalty $LENGTH_PENALTY)
for f in encoder_head decoder_model_merged; do
  $PY training/quantize.py "$EXPORT/onnx/$f.onnx" "$EXPORT/onnx/${f}_quantized.onnx"
done
npx tsx training/check-export.ts "$EXPORT" "$CACHE/export-check/glimpse-captioner" encoder_head

# 5. Ship the int8 files + configs, refresh the manifest, assemble the full encoder, check the wiring.
mkdir -p models/glimpse-captioner/onnx
cp "$EXPORT"/{config,generation_config,tokenizer,tokenizer_config}.json models/glimpse-captioner/
cp "$EXPORT"/onnx/{encoder_head,decoder_model_merged}_quantized.onnx models/glimpse-captioner/onnx/
npx tsx scripts/assemble-models.ts --write-manifest
npm run models
npx tsx training/check-assembly.ts .cache/models/glimpse-captioner models/glimpse-captioner/onnx/encoder_head_quantized.onnx

# fp32 counterpart of the shipped model, through the same core, on the first 200 dev images.
FP32=$CACHE/fp32-model/glimpse-captioner
rm -rf "$FP32" && mkdir -p "$FP32/onnx" && cp .cache/models/glimpse-captioner/*.json "$FP32/"
cp "$EXPORT/onnx/decoder_model_merged.onnx" "$FP32/onnx/"
npx tsx training/assemble-fp32.ts "$EXPORT/onnx/encoder_head.onnx" "$FP32/onnx/encoder_model.onnx"
npm run eval -- --images ../shared/data/flickr8k/images --captions ../shared/data/flickr8k/Flickr8k.token.txt \
  --split ../shared/data/flickr8k/Flickr_8k.devImages.txt --model "$FP32" --limit 200 --out "$RUNS/dev-fp32-onnx-200.json"

# 6. Score: the shipped int8 model end to end (JPEG -> captioner core on WASM, beam 3), and every row
#    with the project's TypeScript metrics.
npm run eval -- --images ../shared/data/flickr8k/images --captions ../shared/data/flickr8k/Flickr8k.token.txt \
  --split ../shared/data/flickr8k/Flickr_8k.devImages.txt --model .cache/models/glimpse-captioner \
  --gate --out "$RUNS/dev-int8-onnx.json" | tee "$RUNS/eval-int8.log"
rows=()
for arch in showtell showtell-every updown transformer scst; do
  for v in budget-greedy budget-beam3 greedy beam3 avg-beam3 avg3-beam3; do
    [ -f "$RUNS/$arch/dev-$v.json" ] && rows+=("$arch/$v=$RUNS/$arch/dev-$v.json")
  done
done
npx tsx training/score-captions.ts "${rows[@]}" "shipped-int8-onnx=$RUNS/dev-int8-onnx.json" | tee "$RUNS/scores.jsonl"
