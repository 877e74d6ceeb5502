//! The only state the UI shares across pages: the user's connections (with
//! their tokens) and the way requests reach a provider. Everything else is
//! local to a page.

pub(crate) mod client;
pub(crate) mod clipboard;
pub(crate) mod connection_rules;
pub(crate) mod connections;
pub(crate) mod download;
pub(crate) mod hooks;
pub(crate) mod keyed;
pub(crate) mod keygen;
pub(crate) mod policy;
pub(crate) mod request;
pub(crate) mod storage;
pub(crate) mod uploaded_keys;

pub(crate) use connections::{Connection, Connections};
