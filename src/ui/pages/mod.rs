//! One file per route.

mod all_keys;
mod connections;
mod inspect;
mod not_found;
mod org_keys;
mod repo_keys;
mod user_keys;

pub(crate) use all_keys::AllKeysPage;
pub(crate) use connections::ConnectionsPage;
pub(crate) use inspect::InspectPage;
pub(crate) use not_found::NotFoundPage;
pub(crate) use org_keys::OrgKeysPage;
pub(crate) use repo_keys::RepoKeysPage;
pub(crate) use user_keys::UserKeysPage;
