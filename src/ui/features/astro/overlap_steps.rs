//! The three steps of rotation with overlap: create the new token, store
//! its value (shown once), delete the old token once CI is updated.

use super::overlap::Flow;
use crate::providers::ApiError;
use crate::ui::widgets::{ActionError, ConfirmDialog, SecretReveal};
use leptos::prelude::*;

#[component]
pub(super) fn CreateStep(flow: Flow, create: Action<(), Result<(), ApiError>>) -> impl IntoView {
    let pending = create.pending();
    let button = move |label: &'static str| {
        view! {
            <button
                type="button"
                class="button"
                disabled=pending
                on:click=move |_| {
                    if !pending.get_untracked() {
                        create.dispatch_local(());
                    }
                }
            >
                {move || if pending.get() { "Creating…" } else { label }}
            </button>
        }
    };
    view! {
        <li aria-current=move || flow.created.with(Option::is_none).then_some("step")>
            <h4>"Create the new token"</h4>
            {move || match flow.created.with(Option::is_some) {
                false => button("Create the new token").into_any(),
                true => view! {
                    <p role="status">{move || flow.summary.get()}</p>
                    <Show when=move || flow.roles_pending.get()>
                        <p>"Its other roles are not copied yet."</p>
                        {button("Copy the other roles again")}
                    </Show>
                }
                .into_any(),
            }}
            <ActionError action=create />
        </li>
    }
}

#[component]
pub(super) fn RevealStep(flow: Flow) -> impl IntoView {
    let on_close = Callback::new(move |()| {
        flow.shown.set(false);
        flow.handed.notify();
    });
    let reveal = move || {
        flow.handed.track();
        let secret = flow.handoff.try_update_value(Option::take).flatten()?;
        // Untracked: only a new hand-off may re-run this (a re-run drops the value).
        let title = untrack(|| format!("New value of “{}”", flow.new_title()));
        Some(view! { <SecretReveal secret title on_close /> })
    };
    let after = move || {
        let created = flow.created.with(Option::is_some);
        (created && !flow.deleted.get() && !flow.shown.get())
            .then(|| "The new value was shown once and is gone from this page.".to_string())
    };
    view! {
        <li aria-current=move || flow.shown.get().then_some("step")>
            <h4>"Store the new value in your CI"</h4>
            {reveal}
            <p>{after}</p>
            <Show when=move || flow.created.with(Option::is_some) && !flow.deleted.get()>
                <p>
                    {move || format!(
                        "“{}” still works: both tokens are valid until you delete the old one.",
                        flow.old_title()
                    )}
                </p>
            </Show>
        </li>
    }
}

#[component]
pub(super) fn DeleteStep(flow: Flow, delete: Action<(), Result<(), ApiError>>) -> impl IntoView {
    let ready = move || flow.created.with(Option::is_some) && !flow.deleted.get();
    let title = Signal::derive(move || format!("Delete the old token “{}”?", flow.old_title()));
    view! {
        <li aria-current=move || (ready() && !flow.shown.get()).then_some("step")>
            <h4>"Delete the old token"</h4>
            <label class="org-keys__check">
                <input type="checkbox" disabled=move || !ready() bind:checked=flow.ci_updated />
                " I have updated my CI"
            </label>
            <button
                type="button"
                class="button button--danger"
                disabled=move || !ready() || !flow.ci_updated.get() || delete.pending().get()
                on:click=move |_| flow.confirm_open.set(true)
            >
                "Delete the old token"
            </button>
            <ActionError action=delete />
            <Show when=move || flow.deleted.get()>
                <p role="status">
                    {move || format!(
                        "Done: “{}” is deleted and “{}” replaces it.",
                        flow.old_title(),
                        flow.new_title()
                    )}
                </p>
            </Show>
            <ConfirmDialog
                open=flow.confirm_open
                title
                confirm_label="Delete"
                busy=delete.pending()
                on_confirm=Callback::new(move |()| {
                    delete.dispatch_local(());
                })
            >
                <p>
                    {move || format!(
                        "“{}” stops working at once: anything still using it fails. “{}” stays.",
                        flow.old_title(),
                        flow.new_title()
                    )}
                </p>
            </ConfirmDialog>
        </li>
    }
}
