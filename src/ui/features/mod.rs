//! What each section of a page does, one folder per provider or concern.
//! Pages wire these together; widgets are their small shared parts.

pub mod astro;
pub mod cnb;
pub mod connections;
pub mod github;
pub mod inspect;
pub mod tfe;
