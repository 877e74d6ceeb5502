//! A form's buttons: submit (its text changes while the action is pending)
//! and, when the form can be left, Cancel.

use leptos::prelude::*;

/// `<div class="form-actions">` with a submit button and an optional Cancel.
#[component]
pub(crate) fn FormActions(
    /// The submit button's text ("Save", "Add key").
    submit: &'static str,
    /// Its text while `pending` ("Saving…").
    pending_label: &'static str,
    /// True while the form's action runs: the submit button is disabled, so
    /// a second click cannot send twice.
    #[prop(into)]
    pending: Signal<bool>,
    /// Disables submit for another reason (nothing to send yet).
    #[prop(optional, into)]
    disabled: Signal<bool>,
    /// Shows a Cancel button that runs this.
    #[prop(optional)]
    on_cancel: Option<Callback<()>>,
) -> impl IntoView {
    view! {
        <div class="form-actions">
            <button
                type="submit"
                class="button"
                disabled=move || pending.get() || disabled.get()
                aria-busy=move || pending.get().then_some("true")
            >
                {move || if pending.get() { pending_label } else { submit }}
            </button>
            {on_cancel
                .map(|cancel| {
                    view! {
                        <button
                            type="button"
                            class="button button--quiet"
                            disabled=move || pending.get()
                            on:click=move |_| cancel.run(())
                        >
                            "Cancel"
                        </button>
                    }
                })}
        </div>
    }
}
