//! The only state the UI shares across pages: the user's connections (with
//! their tokens) and the way requests reach a provider. Everything else is
//! local to a page.

pub mod client;
pub mod clipboard;
pub mod connection_rules;
pub mod connections;
pub mod hooks;
pub mod keyed;
pub mod request;
pub mod storage;

pub use connections::{Connection, Connections};
