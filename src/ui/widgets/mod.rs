//! Small reusable pieces of any page: they know nothing of a provider.

mod confirm_dialog;
mod connection_select;
mod copy_button;
mod form_actions;
mod message;
mod provider_error;
mod secret_reveal;
mod text_field;

pub use confirm_dialog::ConfirmDialog;
pub use connection_select::ConnectionSelect;
pub use copy_button::CopyButton;
pub use form_actions::FormActions;
pub use message::Message;
pub use provider_error::ProviderError;
pub use secret_reveal::SecretReveal;
pub use text_field::TextField;
