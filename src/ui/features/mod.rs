//! What each section of a page does, one folder per provider or concern.
//! Pages wire these together; widgets are their small shared parts.

pub(crate) mod astro;
pub(crate) mod cnb;
pub(crate) mod connections;
pub(crate) mod github;
pub(crate) mod inspect;
pub(crate) mod inventory;
pub(crate) mod tfe;
