#!/usr/bin/env bash
# Prints the README's size table: every file of a release build, raw, gzip
# and brotli, grouped into the Inspect page's first load and what loads
# later. Figures only: nothing here passes or fails.
# `scripts/size.sh` builds dist/ first; `scripts/size.sh DIR` measures DIR.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
if [[ $# -eq 0 ]]; then
  scripts/setup.sh
  trunk build --release
  set -- dist
fi
node e2e/size.mjs "$1"
