#!/usr/bin/env bash
# Trunk's post_build hook (Trunk.toml). A release build keeps index.html's
# Content-Security-Policy meta tag. A debug build (`trunk serve`, for
# development only) drops it, because Trunk adds its live-reload script
# inline, which that policy refuses.
set -euo pipefail
if [ "${TRUNK_PROFILE:-}" != release ]; then
  sed -i '/http-equiv="Content-Security-Policy"/d' "$TRUNK_STAGING_DIR/index.html"
fi
# The Sandbox's service worker carries its build's hash, so every build
# changes its bytes and browsers replace the installed worker, bindings and
# WebAssembly module together (src/bin/keyward_sandbox/sandbox-sw.js).
sw="$TRUNK_STAGING_DIR/sandbox-sw.js"
if [ -f "$sw" ]; then
  build=$(cat "$TRUNK_STAGING_DIR/keyward_sandbox.js" "$TRUNK_STAGING_DIR/keyward_sandbox_bg.wasm" | sha256sum | cut -c1-16)
  sed -i "s/^const BUILD = 'development';\$/const BUILD = '$build';/" "$sw"
fi
# The key-generation worker likewise (keygen/keygen-worker.js): its build's
# hash is in the URLs of its bindings and module.
kw="$TRUNK_STAGING_DIR/keygen-worker.js"
if [ -f "$kw" ]; then
  build=$(cat "$TRUNK_STAGING_DIR/keyward_keygen.js" "$TRUNK_STAGING_DIR/keyward_keygen_bg.wasm" | sha256sum | cut -c1-16)
  sed -i "s/^const BUILD = 'development';\$/const BUILD = '$build';/" "$kw"
fi
