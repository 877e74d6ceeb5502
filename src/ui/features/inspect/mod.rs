//! The Inspect page's parts: the paste box and what the engine found.

mod certificate_details;
mod key_card;
mod key_input;
#[cfg(test)]
pub(crate) mod test_keys;

pub(crate) use key_card::KeyCard;
pub(crate) use key_input::{KeyInput, KeyTextArea};
