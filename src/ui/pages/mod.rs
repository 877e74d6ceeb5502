//! One file per route.

mod connections;
mod inspect;
mod not_found;
mod org_keys;
mod repo_keys;
mod user_keys;

pub use connections::ConnectionsPage;
pub use inspect::InspectPage;
pub use not_found::NotFoundPage;
pub use org_keys::OrgKeysPage;
pub use repo_keys::RepoKeysPage;
pub use user_keys::UserKeysPage;
