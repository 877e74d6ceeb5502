//! Small reusable pieces of any page: they know nothing of a provider.

mod confirm_dialog;
mod connection_select;
mod copy_button;
mod form_actions;
mod loaded;
mod message;
mod policy_warnings;
mod provider_error;
mod rename_form;
mod secret_reveal;
mod text_field;

pub(crate) use confirm_dialog::ConfirmDialog;
pub(crate) use connection_select::ConnectionSelect;
pub(crate) use copy_button::CopyButton;
pub(crate) use form_actions::FormActions;
pub(crate) use loaded::{loaded_items, ActionError, Listing, Loaded, UnlessEmpty};
pub(crate) use message::Message;
pub(crate) use policy_warnings::PolicyWarnings;
pub(crate) use provider_error::ProviderError;
pub(crate) use rename_form::{DescriptionField, Rename, RenameForm};
pub(crate) use secret_reveal::SecretReveal;
pub(crate) use text_field::TextField;
