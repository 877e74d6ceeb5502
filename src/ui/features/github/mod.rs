//! GitHub's user SSH keys and repository deploy keys: loading, listing,
//! adding (after the key policy's checks) and deleting; any user's public
//! keys; the repository picker.

mod add_key_form;
mod key_list;
mod key_manager;
mod key_policy;
mod listed_key;
mod public_keys_lookup;
mod repository_picker;
mod service;

pub(crate) use key_manager::GitHubKeyManager;
pub(crate) use public_keys_lookup::PublicKeysLookup;
pub(crate) use repository_picker::{parse_repository, RepositoryPicker};
pub(crate) use service::KeyTarget;
