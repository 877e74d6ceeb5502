#!/usr/bin/env bash
# Prints the performance figures of the README: native engine vs ssh-keygen,
# the engine in WASM in Chromium, paste-to-fingerprint on the Inspect page,
# and the release build's sizes. Figures only: nothing here passes or fails.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/setup.sh --browser
cargo bench --locked --bench engine
trunk build --release
node e2e/bench.mjs
