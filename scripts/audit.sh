#!/usr/bin/env bash
# The main job in one command on a fresh machine: install what is missing,
# then build the extension and audit + describe the images of a page.
#   bash scripts/audit.sh <url-or-html-file> [--json] [--out FILE] [--webgpu]
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh >&2
npm run --silent audit -- "$@"
