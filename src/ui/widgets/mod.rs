//! Small reusable pieces of any page: they know nothing of a provider.

mod confirm_dialog;
mod connection_select;
mod copy_button;
mod form_actions;
mod loaded;
mod message;
mod provider_error;
mod rename_form;
mod secret_reveal;
mod text_field;

pub use confirm_dialog::ConfirmDialog;
pub use connection_select::ConnectionSelect;
pub use copy_button::CopyButton;
pub use form_actions::FormActions;
pub use loaded::{loaded_items, ActionError, Listing, Loaded, UnlessEmpty};
pub use message::Message;
pub use provider_error::ProviderError;
pub use rename_form::{DescriptionField, Rename, RenameForm};
pub use secret_reveal::SecretReveal;
pub use text_field::TextField;
