//! Adding, editing and checking connections.

mod check;
mod form;

pub use check::{run_check, CheckReport, CheckResult, CheckState};
pub use form::ConnectionForm;
