#!/usr/bin/env bash
# Installs what is missing, builds the release app and keyward-server, and
# serves the app the way it is deployed, at http://127.0.0.1:8080: strict
# security headers, precompressed files, deep links, and the proxies of the
# provider APIs. Extra arguments go to the server (see
# `keyward-server --help`: --listen, --tfe-url, --astro-url, --cnb-url).
# For development with live reload, use `trunk serve` instead (README).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/setup.sh
dist="${DIST:-dist}"
trunk build --release --dist "$dist"
cargo build --release --locked -p keyward-server
exec target/release/keyward-server --dist "$dist" --listen "127.0.0.1:${PORT:-8080}" "$@"
