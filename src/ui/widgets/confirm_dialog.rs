//! The confirmation every destructive action goes through.

use leptos::ev::KeyboardEvent;
use leptos::prelude::*;

/// A modal `role="dialog"` that names what will happen and asks once more.
/// Escape or "Cancel" closes it; the confirm button stays busy while the
/// action runs, so a double click cannot act twice.
#[component]
pub(crate) fn ConfirmDialog(
    /// Whether the dialog is shown; set to false to close it.
    open: RwSignal<bool>,
    /// The dialog's heading, which is also its accessible name.
    #[prop(into)]
    title: Signal<String>,
    /// The text of the confirming button: "Delete", "Rotate".
    confirm_label: &'static str,
    /// True while the confirmed action runs.
    #[prop(into)]
    busy: Signal<bool>,
    /// Runs when the user confirms.
    on_confirm: Callback<()>,
    /// What will happen, in plain words (names the key by title and fingerprint).
    children: ChildrenFn,
) -> impl IntoView {
    let confirm_ref = NodeRef::<leptos::html::Button>::new();
    // Focus the safe choice's neighbour: the dialog's own confirm button is
    // focused so keyboard users land inside the dialog at once.
    Effect::new(move |_| {
        if open.get() {
            if let Some(button) = confirm_ref.get() {
                let _ = button.focus();
            }
        }
    });
    let on_keydown = move |ev: KeyboardEvent| {
        if ev.key() == "Escape" && !busy.get_untracked() {
            open.set(false);
        }
    };
    view! {
        <Show when=move || open.get()>
            <div class="dialog-backdrop">
                <div
                    class="dialog"
                    role="dialog"
                    aria-modal="true"
                    aria-labelledby="confirm-dialog-title"
                    on:keydown=on_keydown
                >
                    <h2 id="confirm-dialog-title" class="dialog__title">
                        {move || title.get()}
                    </h2>
                    <div class="dialog__body">{children()}</div>
                    <div class="dialog__actions">
                        <button
                            type="button"
                            class="button button--quiet"
                            disabled=move || busy.get()
                            on:click=move |_| open.set(false)
                        >
                            "Cancel"
                        </button>
                        <button
                            type="button"
                            class="button button--danger"
                            node_ref=confirm_ref
                            disabled=move || busy.get()
                            aria-busy=move || busy.get().then_some("true")
                            on:click=move |_| {
                                if !busy.get_untracked() {
                                    on_confirm.run(());
                                }
                            }
                        >
                            {confirm_label}
                        </button>
                    </div>
                </div>
            </div>
        </Show>
    }
}
