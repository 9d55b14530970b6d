#!/usr/bin/env bash
# Installs everything Glimpse needs on a fresh Debian machine, and nothing
# twice: Debian's Chromium and Firefox ESR for the browsers, Debian's
# redis-server for the shared site-audit queue's e2e, then the npm packages.
set -euo pipefail
cd "$(dirname "$0")/.."
# Debian's Chromium and Firefox ESR: the browsers the e2e suites load the built extension into.
missing=""
command -v chromium >/dev/null 2>&1 || missing="$missing chromium"
command -v firefox-esr >/dev/null 2>&1 || missing="$missing firefox-esr"
# Debian's redis-server: the e2e of `npm run audit:site -- --queue` starts one of its own on a loopback port.
command -v redis-server >/dev/null 2>&1 || missing="$missing redis-server"
if [ -n "$missing" ]; then
  SUDO=""; [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  $SUDO apt-get update -qq
  # shellcheck disable=SC2086
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq $missing
fi
# npm ci wipes node_modules; skip it when the installed tree matches the lockfile.
if [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  # onnxruntime-node's install script downloads CUDA files; no install script is needed.
  npm ci --ignore-scripts --no-audit --no-fund
fi
