//! The forms that send a private key to HCP Terraform / TFE: add a key,
//! and replace a key's text.
//!
//! The key is checked here first (TFE does not always refuse a bad key, and
//! the failure then shows only when a run clones), sent only in the TFE
//! request, and wiped from the page when the request completes — success or
//! not — or when the form goes away. It is never shown again.

use crate::providers::tfe::{parse_created_ssh_key, parse_ssh_key, parse_value_update};
use crate::providers::{ApiError, KeyRecord};
use crate::ui::features::tfe::private_key_field::{check, wipe, PrivateKeyField};
use crate::ui::state::client::send_built;
use crate::ui::state::connections::page_origin;
use crate::ui::state::Connection;
use crate::ui::widgets::Message;
use crate::ui::widgets::ProviderError;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Said whenever a failed request took the key with it.
const KEY_CLEARED: &str = "The private key was cleared from the page when Terraform answered, \
     so it does not linger here; paste it again to retry.";

/// What happened to the last attempt, for the form's status line.
#[derive(Clone, Debug, PartialEq)]
enum Outcome {
    /// Refused before sending: the key stays for the person to fix.
    Refused(String),
    /// Terraform answered with an error; the key was wiped.
    Failed(ApiError),
}

/// "Add an SSH key": **Name** and **Private key**, button "Add SSH key".
#[component]
pub fn TfeNewKeyForm(
    /// The connection to use (a TFE-capable one).
    #[prop(into)]
    connection: Signal<Option<Connection>>,
    /// The organization the key goes to.
    #[prop(into)]
    organization: Signal<String>,
    /// Runs with the new key and its fingerprint once Terraform stored it.
    on_created: Callback<(KeyRecord, Option<String>)>,
) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let key_text = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Outcome>);
    on_cleanup(move || wipe(key_text));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Some(connection) = connection.get_untracked() else {
            return;
        };
        let Some(tfe) = connection.tfe(&page_origin()) else {
            return;
        };
        if name.with_untracked(|n| n.trim().is_empty()) {
            outcome.set(Some(Outcome::Refused(
                "Give the key a name: it is the only thing Terraform shows later.".into(),
            )));
            return;
        }
        let fingerprint = match key_text.with_untracked(|t| check(t)) {
            None => {
                outcome.set(Some(Outcome::Refused(
                    "Paste the private key (the file without .pub).".into(),
                )));
                return;
            }
            Some(Err(why)) => {
                outcome.set(Some(Outcome::Refused(why)));
                return;
            }
            Some(Ok(found)) => found.sha256,
        };
        let org = organization.get_untracked();
        let request = key_text.with_untracked(|key| {
            tfe.create_ssh_key(connection.token(), &org, &name.get_untracked(), key)
        });
        busy.set(true);
        outcome.set(None);
        spawn_local(async move {
            let result = send_built(&connection, request)
                .await
                .and_then(|response| parse_created_ssh_key(&response));
            // Success or not, the key leaves the page now.
            wipe(key_text);
            busy.try_set(false);
            match result {
                Ok(created) => {
                    name.try_set(String::new());
                    on_created.run((created.record, fingerprint));
                }
                Err(error) => {
                    outcome.try_set(Some(Outcome::Failed(error)));
                }
            }
        });
    };

    view! {
        <form class="org-keys__form" on:submit=submit aria-busy=move || busy.get().then_some("true")>
            <h3>"Add an SSH key"</h3>
            <div class="field">
                <label for="tfe-new-key-name">"Name"</label>
                <input
                    id="tfe-new-key-name"
                    type="text"
                    autocomplete="off"
                    required
                    disabled=move || busy.get()
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
            </div>
            <PrivateKeyField text=key_text id="tfe-new-key-value" label="Private key" disabled=busy />
            <OutcomeNote outcome />
            <button type="submit" class="button" disabled=move || busy.get()>
                {move || if busy.get() { "Adding…" } else { "Add SSH key" }}
            </button>
        </form>
    }
}

/// Replaces a key's text (PATCH with `value`), for the TFE releases that
/// accept it; explains the safe route (new key, move workspaces, delete the
/// old one) either way.
#[component]
pub fn TfeReplaceKeyForm(
    #[prop(into)] connection: Signal<Option<Connection>>,
    /// The key whose text is replaced; its name is sent unchanged.
    record: KeyRecord,
    /// Runs with Terraform's advice once it accepted the update.
    on_done: Callback<(KeyRecord, String)>,
    /// Runs when the person cancels.
    on_cancel: Callback<()>,
) -> impl IntoView {
    let key_text = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let outcome = RwSignal::new(None::<Outcome>);
    on_cleanup(move || wipe(key_text));
    let record = StoredValue::new(record);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Some(connection) = connection.get_untracked() else {
            return;
        };
        let Some(tfe) = connection.tfe(&page_origin()) else {
            return;
        };
        match key_text.with_untracked(|t| check(t)) {
            None => {
                outcome.set(Some(Outcome::Refused(
                    "Paste the new private key (the file without .pub).".into(),
                )));
                return;
            }
            Some(Err(why)) => {
                outcome.set(Some(Outcome::Refused(why)));
                return;
            }
            Some(Ok(_)) => {}
        }
        let (id, name) = record.with_value(|r| (r.id.clone(), r.title.clone()));
        let request = key_text
            .with_untracked(|key| tfe.update_ssh_key_value(connection.token(), &id, &name, key));
        busy.set(true);
        outcome.set(None);
        spawn_local(async move {
            let result = send_built(&connection, request)
                .await
                .and_then(|response| parse_value_update(&response));
            wipe(key_text);
            busy.try_set(false);
            match result {
                Ok(update) => on_done.run((update.record, update.advice.to_string())),
                Err(error) => {
                    outcome.try_set(Some(Outcome::Failed(error)));
                }
            }
        });
    };
    let title = record.with_value(|r| format!("Replace the key text of “{}”", r.title));
    view! {
        <form class="org-keys__inline-form" on:submit=submit aria-busy=move || busy.get().then_some("true")>
            <h4>{title}</h4>
            <p class="field__help">
                "Current HCP Terraform documents renaming only; older Terraform Enterprise \
                 releases also replace the key text, and workspaces that use the key get the \
                 new one. If Terraform refuses, or to be safe: add a new key, switch the \
                 workspaces to it, then delete this one."
            </p>
            <PrivateKeyField text=key_text id="tfe-replace-key-value" label="New private key" disabled=busy />
            <OutcomeNote outcome />
            <div class="org-keys__actions">
                <button type="submit" class="button" disabled=move || busy.get()>
                    {move || if busy.get() { "Replacing…" } else { "Replace key text" }}
                </button>
                <button
                    type="button"
                    class="button button--quiet"
                    disabled=move || busy.get()
                    on:click=move |_| on_cancel.run(())
                >
                    "Cancel"
                </button>
            </div>
        </form>
    }
}

/// Renames a key (the one update every Terraform documents).
#[component]
pub fn TfeRenameForm(
    #[prop(into)] connection: Signal<Option<Connection>>,
    record: KeyRecord,
    /// Runs with the renamed key.
    on_done: Callback<KeyRecord>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let name = RwSignal::new(record.title.clone());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let id = record.id.clone();
    let input_id = format!("tfe-rename-{}", record.id);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Some(connection) = connection.get_untracked() else {
            return;
        };
        let Some(tfe) = connection.tfe(&page_origin()) else {
            return;
        };
        let request = tfe.update_ssh_key_name(connection.token(), &id, &name.get_untracked());
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let result = send_built(&connection, request)
                .await
                .and_then(|response| parse_ssh_key(&response));
            busy.try_set(false);
            match result {
                Ok(record) => on_done.run(record),
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };
    view! {
        <form class="org-keys__inline-form" on:submit=submit aria-busy=move || busy.get().then_some("true")>
            <div class="field">
                <label for=input_id.clone()>"New name"</label>
                <input
                    id=input_id
                    type="text"
                    autocomplete="off"
                    required
                    disabled=move || busy.get()
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
            </div>
            {move || error.get().map(|error| view! { <ProviderError error /> })}
            <div class="org-keys__actions">
                <button type="submit" class="button" disabled=move || busy.get()>
                    {move || if busy.get() { "Saving…" } else { "Save" }}
                </button>
                <button
                    type="button"
                    class="button button--quiet"
                    disabled=move || busy.get()
                    on:click=move |_| on_cancel.run(())
                >
                    "Cancel"
                </button>
            </div>
        </form>
    }
}

/// The status line under a key form.
#[component]
fn OutcomeNote(outcome: RwSignal<Option<Outcome>>) -> impl IntoView {
    move || match outcome.get() {
        None => ().into_any(),
        Some(Outcome::Refused(why)) => view! {
            <p class="field__error" role="alert">
                "Not sent: " <Message text=why />
            </p>
        }
        .into_any(),
        Some(Outcome::Failed(error)) => view! {
            <ProviderError error />
            <p class="field__help" role="note">{KEY_CLEARED}</p>
        }
        .into_any(),
    }
}
