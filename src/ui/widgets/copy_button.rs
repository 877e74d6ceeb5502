//! A button that copies a derived key line and says whether it worked.

use crate::ui::state::clipboard;
use leptos::prelude::*;
use std::time::Duration;

/// How long "Copied" stays before the status clears.
const FEEDBACK_TIME: Duration = Duration::from_secs(2);

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CopyState {
    Idle,
    Copied,
    Failed,
}

/// A "Copy" button with a polite live status beside it.
#[component]
pub fn CopyButton(
    /// The text put on the clipboard (a public line, never pasted text).
    #[prop(into)]
    text: String,
    /// The button's text, which is also its accessible name.
    #[prop(default = "Copy")]
    label: &'static str,
) -> impl IntoView {
    let state = RwSignal::new(CopyState::Idle);
    let timer = StoredValue::new(None::<TimeoutHandle>);
    let stop_timer = move || {
        if let Some(Some(handle)) = timer.try_update_value(Option::take) {
            handle.clear();
        }
    };
    on_cleanup(stop_timer);

    let copy = move |_| {
        stop_timer();
        clipboard::write_text(&text, move |copied| {
            // The card may be gone by now (the user kept typing): `try_*`
            // then does nothing instead of panicking.
            if !copied {
                state.try_set(CopyState::Failed);
                return;
            }
            state.try_set(CopyState::Copied);
            let reset = move || {
                state.try_set(CopyState::Idle);
            };
            if let Ok(handle) = set_timeout_with_handle(reset, FEEDBACK_TIME) {
                timer.try_set_value(Some(handle));
            }
        });
    };

    let status = move || match state.get() {
        CopyState::Idle => "",
        CopyState::Copied => "Copied",
        CopyState::Failed => "Could not copy: select the text and copy it by hand.",
    };
    view! {
        <span class="copy">
            <button type="button" class="button" on:click=copy>
                {label}
            </button>
            <span
                class="copy__status"
                class:copy__status--failed=move || state.get() == CopyState::Failed
                role="status"
                aria-live="polite"
            >
                {status}
            </span>
        </span>
    }
}
