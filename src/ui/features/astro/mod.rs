//! Astronomer Deployment API tokens.

mod danger;
mod deployments;
mod overlap;
mod overlap_steps;
mod token_form;
mod token_row;
mod tokens;

pub(crate) use tokens::AstroTokens;

/// The Astro organization and Deployment the tokens belong to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Target {
    pub(crate) organization: String,
    pub(crate) deployment: String,
}
