//! Astronomer Deployment API tokens.

mod token_form;
mod tokens;

pub use tokens::AstroTokens;
