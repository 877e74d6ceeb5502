#!/usr/bin/env bash
# Installs everything Keyward's build and tests need, idempotently, with
# pinned versions, from the package registries only (crates.io, Debian, npm).
# Usage: scripts/setup.sh [--browser]   (--browser adds Chromium, Playwright)
set -euo pipefail
cd "$(dirname "$0")/.."

TRUNK_VERSION=0.21.14
# Must equal the wasm-bindgen version in Cargo.lock (Trunk checks it).
WASM_BINDGEN_VERSION=$(awk '/^name = "wasm-bindgen"$/{getline; gsub(/version = |"/,""); print; exit}' Cargo.lock)
want_browser=0
[ "${1:-}" = "--browser" ] && want_browser=1

log() { printf '\033[1m[setup]\033[0m %s\n' "$*" >&2; }
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }

# Debian packages: ssh-keygen (tests compare against it), puttygen (tests
# make .ppk and SSH.com files), Chromium + ChromeDriver (browser tests).
apt_packages=()
command -v ssh-keygen >/dev/null || apt_packages+=(openssh-client)
command -v puttygen >/dev/null || apt_packages+=(putty-tools)
command -v openssl >/dev/null || apt_packages+=(openssl)
if [ $want_browser = 1 ]; then
  command -v chromium >/dev/null || apt_packages+=(chromium)
  command -v chromedriver >/dev/null || apt_packages+=(chromium-driver)
fi
if [ ${#apt_packages[@]} -gt 0 ]; then
  log "apt-get install ${apt_packages[*]}"
  as_root apt-get update -qq
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${apt_packages[@]}" >/dev/null
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  log "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# Trunk 0.22 needs a newer rustc than this machine's; 0.21.14 works.
if [ "$(trunk --version 2>/dev/null || true)" != "trunk $TRUNK_VERSION" ]; then
  log "cargo install trunk $TRUNK_VERSION (takes several minutes once)"
  cargo install trunk --version "=$TRUNK_VERSION" --locked
fi

# Without --locked: the crate's own lockfile pins a webpki-roots version the
# registry lacks. The version itself is pinned to Cargo.lock's.
if [ "$(wasm-bindgen --version 2>/dev/null || true)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  log "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION"
  cargo install wasm-bindgen-cli --version "=$WASM_BINDGEN_VERSION"
fi

# wasm-opt from npm's binaryen (Debian's is too old and breaks the app at
# run time), Playwright's library (it drives Debian's Chromium, never its own).
if [ ! -x e2e/node_modules/.bin/wasm-opt ] || ! cmp -s e2e/package-lock.json e2e/node_modules/.keyward-installed 2>/dev/null; then
  log "npm ci (e2e: binaryen, playwright-core)"
  (cd e2e && npm ci --no-audit --no-fund --loglevel=error && cp package-lock.json node_modules/.keyward-installed)
fi

# GitHub's official OpenAPI description, for the contract tests: only the one
# file they read, from the pinned npm package, checked against its hash.
spec=target/spec/api.github.com.json
spec_sha256=829b4bebb19a53133289f7b0bc819f4f1118115821db2ca9f25e9ee995a7da2a
if ! echo "$spec_sha256  $spec" | sha256sum -c --status 2>/dev/null; then
  log "npm pack @octokit/openapi@23.0.2 (GitHub's OpenAPI description)"
  mkdir -p target/spec
  (cd target/spec && npm pack --silent @octokit/openapi@23.0.2 >/dev/null \
    && tar xzf octokit-openapi-23.0.2.tgz --strip-components=2 package/generated/api.github.com.json \
    && rm octokit-openapi-23.0.2.tgz)
  echo "$spec_sha256  $spec" | sha256sum -c --status
fi

# Trunk builds offline: fetch the crates first.
cargo fetch --locked -q
log "ready"
