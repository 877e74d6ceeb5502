//! Keyward: manage the SSH keys and tokens that let machines into code and
//! infrastructure.
//!
//! Three layers, each testable alone:
//! - [`keys`]: pure Rust; turns pasted text into findings (parse, repair,
//!   convert, fingerprint, lint). Knows nothing of the web or of providers.
//! - `providers` (coming): builds requests and parses responses as plain data.
//! - [`ui`]: the Leptos pages and components.

pub mod keys;
pub mod ui;
