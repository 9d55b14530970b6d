#!/usr/bin/env bash
# Every test in one command on a fresh machine: install what is missing, then
# type-check, lint, unit tests and the e2e suite against the built extension.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
npm test
