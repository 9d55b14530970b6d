#!/usr/bin/env bash
# Installs everything Glimpse needs on a fresh Debian machine (idempotent):
# Debian's Chromium for the browser, then the npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."
need_apt=()
command -v chromium >/dev/null 2>&1 || need_apt+=(chromium)
if [ ${#need_apt[@]} -gt 0 ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need_apt[@]}"
fi
# onnxruntime-node's own install script downloads CUDA files; npm 11 leaves
# install scripts off unless approved, and --ignore-scripts makes that explicit.
npm ci --ignore-scripts --no-audit --no-fund
