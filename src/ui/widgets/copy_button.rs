//! A button that copies a derived key line and says whether it worked.

use crate::ui::state::hooks::{use_copy_feedback, CopyStatus};
use leptos::prelude::*;

/// A "Copy" button with a polite live status beside it.
#[component]
pub(crate) fn CopyButton(
    /// The text put on the clipboard (a public line, never pasted text).
    #[prop(into)]
    text: String,
    /// The button's text, which is also its accessible name.
    #[prop(default = "Copy")]
    label: &'static str,
) -> impl IntoView {
    let feedback = use_copy_feedback();
    let status = feedback.status;
    let message = move || match status.get() {
        CopyStatus::Idle => "",
        CopyStatus::Copied => "Copied",
        CopyStatus::Failed => "Could not copy: select the text and copy it by hand.",
    };
    view! {
        <span class="copy">
            <button type="button" class="button" on:click=move |_| feedback.copy_str(&text)>
                {label}
            </button>
            <span
                class="copy__status"
                class:copy__status--failed=move || status.get() == CopyStatus::Failed
                role="status"
                aria-live="polite"
            >
                {message}
            </span>
        </span>
    }
}
