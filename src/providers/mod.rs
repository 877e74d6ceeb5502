//! The provider layer: one module per provider, each building requests and
//! parsing responses as plain data ("sans-IO"), so everything here is tested
//! natively against official examples and recorded bodies. Only the
//! executor (browser only) sends anything.
//!
//! Never here: DOM access, storage, logging of tokens or key material.

pub mod astro;
pub mod cnb;
pub mod executor;
pub mod github;
pub mod guard;
pub mod http;
mod json;
pub mod model;
pub mod retry;
pub mod sandbox;
pub mod tfe;

pub use http::{HttpRequest, HttpResponse, Method};
pub use model::{ApiError, Created, ErrorKind, KeyRecord, OneTimeSecret, Provider};
