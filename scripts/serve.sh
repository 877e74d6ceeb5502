#!/usr/bin/env bash
# Installs what is missing, then serves the app at http://127.0.0.1:8080
# (Trunk, offline, with a fallback to index.html so deep links work).
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/setup.sh
exec trunk serve --address 127.0.0.1 --port "${PORT:-8080}" "$@"
