//! CNB deploy keys: no public API, so checked, guided and tracked here.

mod deploy_keys;
mod key_memo;

pub(crate) use deploy_keys::{CnbDeployKeys, CnbScope};
