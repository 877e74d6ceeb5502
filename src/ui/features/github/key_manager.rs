//! One target's GitHub keys, managed: loads every page of them for the
//! chosen connection, lists them, adds through the form and deletes after a
//! confirmation. Progress, empty states and errors show where they happen;
//! what changed is announced to screen readers.

use super::service::{delete_key, load_keys, KeyTarget, ListedKey};
use crate::providers::{ApiError, KeyRecord};
use crate::ui::features::github::add_key_form::AddKeyForm;
use crate::ui::features::github::key_list::KeyList;
use crate::ui::state::Connection;
use crate::ui::widgets::ConfirmDialog;
use crate::ui::widgets::ProviderError;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Load state of the list.
#[derive(Clone, Debug, PartialEq)]
enum Load {
    /// No connection chosen yet.
    Idle,
    Loading,
    Loaded,
    Failed(ApiError),
}

/// The list of `target`'s keys with the add form under it.
#[component]
pub fn GitHubKeyManager(
    /// Whose keys: the user's or a repository's.
    target: KeyTarget,
    /// The chosen connection; the list reloads when it changes.
    #[prop(into)]
    connection: Signal<Option<Connection>>,
) -> impl IntoView {
    let keys = RwSignal::new(Vec::<ListedKey>::new());
    let load = RwSignal::new(Load::Idle);
    let announcement = RwSignal::new(String::new());
    // Answers to an older load (another connection) are dropped.
    let generation = StoredValue::new(0_u64);
    let deploy = target.is_deploy();
    let noun = target.noun();
    let target = StoredValue::new(target);

    let reload = move || {
        let Some(connection) = connection.get_untracked() else {
            load.set(Load::Idle);
            return;
        };
        let this = generation.get_value() + 1;
        generation.set_value(this);
        load.set(Load::Loading);
        spawn_local(async move {
            let result = load_keys(&connection, &target.get_value()).await;
            if generation.try_get_value() != Some(this) {
                return;
            }
            match result {
                Ok(records) => {
                    keys.try_set(records.into_iter().map(ListedKey::from_record).collect());
                    load.try_set(Load::Loaded);
                }
                Err(error) => {
                    keys.try_set(Vec::new());
                    load.try_set(Load::Failed(error));
                }
            }
        });
    };
    Effect::new(move |_| {
        connection.track();
        reload();
    });

    let on_added = Callback::new(move |record: KeyRecord| {
        let added = ListedKey::from_record(record);
        let id = added.record.id.clone();
        announcement.set(format!(
            "Added “{}”{}.",
            added.name(),
            added
                .sha256
                .as_deref()
                .map(|fp| format!(", {fp}"))
                .unwrap_or_default()
        ));
        keys.update(|list| list.push(added));
        // Focus the new row once it is drawn, so keyboard and screen reader
        // users land on what they just made.
        request_animation_frame(move || focus_element(&format!("key-{id}")));
    });

    // Deleting: the key asked about, the dialog, and the request's state.
    let pending = RwSignal::new(None::<ListedKey>);
    let dialog_open = RwSignal::new(false);
    let deleting = RwSignal::new(false);
    let delete_error = RwSignal::new(None::<ApiError>);
    let on_delete = Callback::new(move |key: ListedKey| {
        delete_error.set(None);
        pending.set(Some(key));
        dialog_open.set(true);
    });
    let confirm = Callback::new(move |()| {
        let (Some(key), Some(connection)) = (pending.get_untracked(), connection.get_untracked())
        else {
            return;
        };
        if deleting.get_untracked() {
            return;
        }
        deleting.set(true);
        delete_error.set(None);
        spawn_local(async move {
            let result = delete_key(&connection, &target.get_value(), &key.record.id).await;
            deleting.try_set(false);
            match result {
                Ok(()) => {
                    keys.try_update(|list| list.retain(|k| k.record.id != key.record.id));
                    dialog_open.try_set(false);
                    announcement.try_set(format!("Deleted “{}”.", key.name()));
                    focus_element("key-list-heading");
                }
                Err(error) => {
                    delete_error.try_set(Some(error));
                }
            }
        });
    });
    let dialog_title = Signal::derive(move || {
        pending.with(|key| match key {
            Some(key) => format!("Delete the {noun} “{}”?", key.name()),
            None => format!("Delete this {noun}?"),
        })
    });

    let status = move || match load.get() {
        Load::Idle => Some(
            view! { <p class="key-list__empty">"Choose a connection to see its keys."</p> }
                .into_any(),
        ),
        Load::Loading => {
            Some(view! { <p class="key-list__loading">"Loading keys…"</p> }.into_any())
        }
        Load::Loaded => None,
        Load::Failed(error) => Some(
            view! {
                <ProviderError context="Could not load the keys" error />
                <button type="button" class="button" on:click=move |_| reload()>"Try again"</button>
            }
            .into_any(),
        ),
    };
    let busy = move || load.with(|l| *l == Load::Loading);
    let heading = if deploy {
        "Deploy keys"
    } else {
        "Your SSH keys"
    };
    view! {
        <section class="key-manager" aria-labelledby="key-list-heading">
            <div class="key-manager__head">
                <h2 id="key-list-heading" tabindex="-1">{heading}</h2>
                <button
                    type="button"
                    class="button button--quiet"
                    disabled=busy
                    on:click=move |_| reload()
                >
                    "Reload"
                </button>
            </div>
            <p class="visually-hidden" role="status" aria-live="polite">{move || announcement.get()}</p>
            <div aria-busy=move || busy().then_some("true")>
                {status}
                <Show when=move || load.with(|l| *l == Load::Loaded)>
                    <KeyList keys deploy on_delete label=heading />
                </Show>
            </div>
        </section>
        <AddKeyForm target=target.get_value() connection listed=keys on_added />
        <ConfirmDialog
            open=dialog_open
            title=dialog_title
            confirm_label="Delete"
            busy=deleting
            on_confirm=confirm
        >
            {move || pending.get().map(|key| confirm_body(&key, deploy))}
            {move || delete_error.get().map(|error| view! { <ProviderError context="Could not delete the key" error /> })}
        </ConfirmDialog>
    }
}

/// What the dialog says will happen, naming the key by title and fingerprint.
fn confirm_body(key: &ListedKey, deploy: bool) -> impl IntoView {
    let fingerprint = key
        .sha256
        .clone()
        .unwrap_or_else(|| "(fingerprint unknown)".to_string());
    let consequence = if deploy {
        "Machines using this key lose access to the repository at once."
    } else {
        "Anything that signs in with this key (git, SSH) stops working at once."
    };
    view! {
        <p>
            "“" {key.name()} "” " <code class="fingerprint">{fingerprint}</code>
        </p>
        <p>{consequence} " This cannot be undone; you can add the key again later."</p>
    }
}

/// Moves focus to the element with `id`, if it is on the page.
fn focus_element(id: &str) {
    use leptos::wasm_bindgen::JsCast;
    let element = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok());
    if let Some(element) = element {
        let _ = element.focus();
    }
}
