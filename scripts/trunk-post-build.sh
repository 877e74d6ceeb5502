#!/usr/bin/env bash
# Trunk's post_build hook (Trunk.toml). A release build keeps index.html's
# Content-Security-Policy meta tag. A debug build (`trunk serve`, for
# development only) drops it, because Trunk adds its live-reload script
# inline, which that policy refuses.
set -euo pipefail
if [ "${TRUNK_PROFILE:-}" != release ]; then
  sed -i '/http-equiv="Content-Security-Policy"/d' "$TRUNK_STAGING_DIR/index.html"
fi
