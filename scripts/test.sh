#!/usr/bin/env bash
# Installs what is missing, then runs every test: formatting and lints,
# native unit and integration tests (against ssh-keygen), WASM tests in
# headless Chromium, and end-to-end tests of the built app in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
scripts/setup.sh --browser

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy (native and wasm32)"
cargo clippy --locked --workspace --all-targets -- -D warnings
cargo clippy --locked --target wasm32-unknown-unknown --lib --bins -- -D warnings

step "native tests (engine, providers, sandbox)"
cargo test --locked

step "provider emulator tests (its HTTP server on 127.0.0.1)"
cargo test --locked -p keyward-emulator

step "wasm tests in headless Chromium"
cargo test --locked --target wasm32-unknown-unknown --lib

step "release build (trunk)"
trunk build --release

step "end-to-end tests in headless Chromium"
(cd e2e && node --test)

printf '\n\033[1mAll tests passed.\033[0m\n'
