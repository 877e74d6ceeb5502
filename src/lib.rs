//! Keyward: manage the SSH keys and tokens that let machines into code and
//! infrastructure.
//!
//! Three layers, each testable alone:
//! - [`keys`]: pure Rust; turns pasted text into findings (parse, repair,
//!   convert, fingerprint, lint). Knows nothing of the web or of providers.
//! - [`providers`]: builds requests and parses responses as plain data.
//! - [`inventory`]: pure Rust; every key of every connection as one list,
//!   its findings under a policy, search and exports.
//! - [`ui`]: the Leptos pages and components.

pub mod calendar;
pub mod inventory;
pub mod keys;
pub mod providers;
pub mod ui;

/// Runs the engine on `text` and returns how many findings it made: exported
/// to JavaScript only so that `scripts/bench.sh` can time the engine in the
/// browser without the page's rendering.
#[cfg(target_arch = "wasm32")]
#[wasm_bindgen::prelude::wasm_bindgen]
pub fn bench_inspect(text: &str) -> usize {
    keys::inspect(text).len()
}
