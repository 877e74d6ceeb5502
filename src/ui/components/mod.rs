//! Small reusable pieces of the pages.

mod certificate_details;
mod coming_soon;
mod confirm_dialog;
mod connection_select;
mod copy_button;
mod key_card;
mod key_input;
mod message;

pub use certificate_details::CertificateDetails;
pub use coming_soon::ComingSoon;
pub use confirm_dialog::ConfirmDialog;
pub use connection_select::ConnectionSelect;
pub use copy_button::CopyButton;
pub use key_card::KeyCard;
pub use key_input::KeyInput;
pub use message::Message;
