//! The Inspect page's parts: the paste box and what the engine found.

mod certificate_details;
mod key_card;
mod key_input;
#[cfg(test)]
pub mod test_keys;

pub use key_card::KeyCard;
pub use key_input::{KeyInput, KeyTextArea};
