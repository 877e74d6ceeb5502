//! Adding, editing and checking connections.

mod check;
mod check_result;
mod form;

pub(crate) use check_result::{check_action, check_state, CheckButton, CheckResult};
pub(crate) use form::ConnectionForm;
