//! GitHub's user SSH keys, SSH signing keys and repository deploy keys:
//! loading, listing, adding (after the key policy's checks) and deleting;
//! any user's public keys; the repository picker and the repositories a
//! connection reaches.

mod add_key_form;
mod generate_key;
mod key_list;
mod key_manager;
mod key_policy;
mod key_use;
mod listed_key;
mod public_keys_lookup;
mod repositories;
mod repository_list;
mod repository_picker;
mod rotation;
mod service;

pub(crate) use key_manager::{GitHubKeyManager, UserKeyManager};
pub(crate) use public_keys_lookup::PublicKeysLookup;
pub(crate) use repositories::{filter as filter_repositories, load_repositories, Discovered};
pub(crate) use repository_list::RepositoryList;
pub(crate) use repository_picker::{parse_repository, RepositoryPicker};
pub(crate) use service::{add_key, delete_key, load_keys, KeyTarget};
