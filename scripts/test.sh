#!/usr/bin/env bash
# Installs what is missing, then runs every test: formatting and lints,
# native unit and integration tests (against ssh-keygen), the emulator's and
# the server's tests, WASM tests in headless Chromium, and end-to-end tests of
# the built app, served by keyward-server, in Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/env.sh
# A one-off build gains nothing from incremental state, which costs gigabytes.
export CARGO_INCREMENTAL=0
scripts/setup.sh --browser

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

step "cargo fmt --check"
cargo fmt --all -- --check

step "clippy (native and wasm32)"
cargo clippy --locked --workspace --all-targets -- -D warnings
cargo clippy --locked --target wasm32-unknown-unknown --lib --bins -- -D warnings
cargo clippy --locked --target wasm32-unknown-unknown -p keyward-keygen --lib --bins -- -D warnings

step "native tests (engine, providers, sandbox)"
cargo test --locked

step "key generation tests (checked with ssh-keygen and openssl)"
cargo test --locked -p keyward-keygen

step "provider emulator tests (its HTTP server on 127.0.0.1)"
cargo test --locked -p keyward-emulator

step "server tests (headers, files, proxy; its HTTP server on 127.0.0.1)"
cargo test --locked -p keyward-server

step "wasm tests in headless Chromium"
cargo test --locked --target wasm32-unknown-unknown --lib

step "release build (trunk)"
trunk build --release

step "release build (keyward-server and keyward-emulator, for the end-to-end tests)"
cargo build --release --locked -p keyward-server -p keyward-emulator

step "end-to-end tests in headless Chromium"
(cd e2e && node --test)

printf '\n\033[1mAll tests passed.\033[0m\n'
