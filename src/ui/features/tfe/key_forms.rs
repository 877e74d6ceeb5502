//! The forms that change a Terraform SSH key: add one, replace a key's
//! text (both send a private key), rename one.
//!
//! The private key is checked here first (TFE does not always refuse a bad
//! key, and the failure then shows only when a run clones), read from its
//! field only to build the TFE request, and wiped from the page when the
//! request completes — success or not — or when the form goes away. It is
//! never shown again, and never an action's input or value.

use crate::providers::tfe::{
    parse_created_ssh_key, parse_ssh_key, parse_value_update, PublicHalf, Tfe,
};
use crate::providers::{ApiError, HttpRequest, HttpResponse, KeyRecord};
use crate::ui::features::tfe::private_key_field::{check, wipe, PrivateKeyField};
use crate::ui::state::request::call;
use crate::ui::state::Connection;
use crate::ui::widgets::{ActionError, FormActions, Message, Rename, RenameForm, TextField};
use leptos::prelude::*;

/// Said whenever a failed request took the key with it.
const KEY_CLEARED: &str = "The private key was cleared from the page when Terraform answered, \
     so it does not linger here; paste it again to retry.";

/// A key form's action: its input is the pasted key's public half (when it
/// could be read), never the key.
type KeyAction = Action<Option<PublicHalf>, Result<(), ApiError>>;

/// Dispatches `action` unless it is pending, or says why nothing is sent:
/// `before` (a problem with another field), an empty box (`missing`), or
/// what the key engine found wrong with the key.
fn send_checked(
    action: KeyAction,
    refused: RwSignal<Option<String>>,
    key_text: RwSignal<String>,
    missing: &str,
    before: Option<&str>,
) {
    if action.pending().get_untracked() {
        return;
    }
    let checked = match before {
        Some(problem) => Err(problem.to_string()),
        None => match key_text.with_untracked(|t| check(t)) {
            None => Err(missing.to_string()),
            Some(Err(why)) => Err(why),
            Some(Ok(found)) => Ok(found.public),
        },
    };
    match checked {
        Ok(public) => {
            refused.set(None);
            action.value().set(None);
            action.dispatch_local(public);
        }
        Err(why) => refused.set(Some(why)),
    }
}

/// Sends a request that carries the pasted key, read from its field only to
/// build it; the field is wiped when Terraform answers, success or not.
async fn send_key<T>(
    connection: Option<Connection>,
    key_text: RwSignal<String>,
    build: impl FnOnce(&Tfe, &str, &str) -> Result<HttpRequest, ApiError>,
    parse: impl FnOnce(&HttpResponse) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    let result = call(
        connection.as_ref(),
        Connection::tfe,
        |tfe, token| key_text.with_untracked(|key| build(tfe, token, key)),
        parse,
    )
    .await;
    wipe(key_text);
    result
}

/// "Add an SSH key": **Name** and **Private key**, button "Add SSH key".
#[component]
pub(crate) fn TfeNewKeyForm(
    /// The connection to use (a TFE-capable one).
    #[prop(into)]
    connection: Signal<Option<Connection>>,
    /// The organization the key goes to.
    #[prop(into)]
    organization: Signal<String>,
    /// Runs with the new key and its public half once Terraform stored it.
    on_created: Callback<(KeyRecord, Option<PublicHalf>)>,
) -> impl IntoView {
    let name = RwSignal::new(String::new());
    let key_text = RwSignal::new(String::new());
    let refused = RwSignal::new(None::<String>);
    on_cleanup(move || wipe(key_text));

    let add: KeyAction = Action::new_local(move |public: &Option<PublicHalf>| {
        let public = public.clone();
        let connection = connection.get_untracked();
        let (org, title) = (organization.get_untracked(), name.get_untracked());
        async move {
            let created = send_key(
                connection,
                key_text,
                |tfe, token, key| tfe.create_ssh_key(token, &org, &title, key),
                parse_created_ssh_key,
            )
            .await?;
            name.try_set(String::new());
            on_created.run((created.record, public));
            Ok(())
        }
    });
    let pending = add.pending();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let unnamed = name
            .with_untracked(|n| n.trim().is_empty())
            .then_some("Give the key a name: it is the only thing Terraform shows later.");
        let missing = "Paste the private key (the file without .pub).";
        send_checked(add, refused, key_text, missing, unnamed);
    };

    view! {
        <form class="org-keys__form" on:submit=submit aria-busy=move || pending.get().then_some("true")>
            <h3>"Add an SSH key"</h3>
            <TextField id="tfe-new-key-name" label="Name" value=name required=true disabled=pending />
            <PrivateKeyField text=key_text id="tfe-new-key-value" label="Private key" disabled=pending />
            <Outcome refused action=add />
            <FormActions submit="Add SSH key" pending_label="Adding…" pending />
        </form>
    }
}

/// Replaces a key's text (PATCH with `value`), for the TFE releases that
/// accept it; explains the safe route (new key, move workspaces, delete the
/// old one) either way.
#[component]
pub(crate) fn TfeReplaceKeyForm(
    #[prop(into)] connection: Signal<Option<Connection>>,
    /// The key whose text is replaced; its name is sent unchanged.
    record: KeyRecord,
    /// Runs with Terraform's advice and the new key's public half once it
    /// accepted the update.
    on_done: Callback<(KeyRecord, String, Option<PublicHalf>)>,
    /// Runs when the person cancels.
    on_cancel: Callback<()>,
) -> impl IntoView {
    let key_text = RwSignal::new(String::new());
    let refused = RwSignal::new(None::<String>);
    on_cleanup(move || wipe(key_text));
    let title = format!("Replace the key text of “{}”", record.title);
    let KeyRecord {
        id, title: name, ..
    } = record;

    let replace: KeyAction = Action::new_local(move |public: &Option<PublicHalf>| {
        let public = public.clone();
        let connection = connection.get_untracked();
        let (id, name) = (id.clone(), name.clone());
        async move {
            let update = send_key(
                connection,
                key_text,
                |tfe, token, key| tfe.update_ssh_key_value(token, &id, &name, key),
                parse_value_update,
            )
            .await?;
            on_done.run((update.record, update.advice.to_string(), public));
            Ok(())
        }
    });
    let pending = replace.pending();

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let missing = "Paste the new private key (the file without .pub).";
        send_checked(replace, refused, key_text, missing, None);
    };
    view! {
        <form class="org-keys__inline-form" on:submit=submit aria-busy=move || pending.get().then_some("true")>
            <h4>{title}</h4>
            <p class="field__help">
                "Current HCP Terraform documents renaming only; older Terraform Enterprise \
                 releases also replace the key text, and workspaces that use the key get the \
                 new one. If Terraform refuses, or to be safe: add a new key, switch the \
                 workspaces to it, then delete this one."
            </p>
            <PrivateKeyField text=key_text id="tfe-replace-key-value" label="New private key" disabled=pending />
            <Outcome refused action=replace />
            <FormActions submit="Replace key text" pending_label="Replacing…" pending on_cancel />
        </form>
    }
}

/// Renames a key (the one update every Terraform documents).
#[component]
pub(crate) fn TfeRenameForm(
    #[prop(into)] connection: Signal<Option<Connection>>,
    record: KeyRecord,
    /// Runs with the renamed key.
    on_done: Callback<KeyRecord>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let id = record.id.clone();
    let save = Action::new_local(move |rename: &Rename| {
        let connection = connection.get_untracked();
        let (id, name) = (id.clone(), rename.name.clone());
        async move {
            let renamed = call(
                connection.as_ref(),
                Connection::tfe,
                |tfe, token| tfe.update_ssh_key_name(token, &id, &name),
                parse_ssh_key,
            )
            .await?;
            on_done.run(renamed);
            Ok(())
        }
    });
    view! {
        <RenameForm name_id="tfe-rename-name" name_label="New name" name=record.title save on_cancel />
    }
}

/// The status line under a key form: why the key was not sent, or the
/// provider's error and that the key is gone.
#[component]
fn Outcome<I: 'static>(
    refused: RwSignal<Option<String>>,
    action: Action<I, Result<(), ApiError>>,
) -> impl IntoView {
    let failed =
        move || !action.pending().get() && action.value().with(|v| matches!(v, Some(Err(_))));
    view! {
        {move || refused.get().map(|why| view! {
            <p class="field__error" role="alert">
                "Not sent: " <Message text=why />
            </p>
        })}
        <ActionError action />
        <Show when=failed>
            <p class="field__help" role="note">{KEY_CLEARED}</p>
        </Show>
    }
}
