//! Astronomer Deployment API tokens.

mod danger;
mod token_form;
mod token_row;
mod tokens;

pub use tokens::AstroTokens;

/// The Astro organization and Deployment the tokens belong to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Target {
    pub organization: String,
    pub deployment: String,
}
