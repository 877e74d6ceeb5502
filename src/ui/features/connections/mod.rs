//! Adding, editing and checking connections.

mod check;
mod check_result;
mod form;

pub use check_result::{check_action, check_state, CheckButton, CheckResult};
pub use form::ConnectionForm;
