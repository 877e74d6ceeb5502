//! GitHub keys, managed: resources that load every page of them for the
//! chosen connection, their lists, the add form and a delete behind a
//! confirmation. Deploy keys are one list; User keys are two (SSH keys and
//! signing keys) sharing one add form. Progress, empty states and errors
//! show where they happen; what changed is announced to screen readers.

use super::add_key_form::AddKeyForm;
use super::generate_key::GenerateKey;
use super::key_list::KeyList;
use super::listed_key::ListedKey;
use super::rotation::DeployKeyRotation;
use super::service::{delete_key, load_keys, KeyTarget};
use crate::providers::{ApiError, KeyRecord};
use crate::ui::state::Connection;
use crate::ui::widgets::ConfirmDialog;
use crate::ui::widgets::ProviderError;
use leptos::prelude::*;

/// The keys as loaded, or why they are not.
pub(crate) type KeysResource = LocalResource<Result<Vec<ListedKey>, ApiError>>;

/// The list of `target`'s keys with the add form under it.
#[component]
pub(crate) fn GitHubKeyManager(
    /// Whose keys: the user's or a repository's.
    target: KeyTarget,
    /// The chosen connection; the list loads again when it changes.
    #[prop(into)]
    connection: Signal<Option<Connection>>,
) -> impl IntoView {
    let keys = keys_resource(target.clone(), connection);
    let listed = listed_of(keys);
    let announcement = RwSignal::new(String::new());
    let on_added = Callback::new(move |(target, record): (KeyTarget, KeyRecord)| {
        show_added(keys, &target, record, announcement);
    });
    // The deploy key being rotated: its panel shows under the list.
    let rotating = RwSignal::new(None::<ListedKey>);
    let on_rotate = Callback::new(move |key| rotating.set(Some(key)));
    let on_close = Callback::new(move |sentence| {
        rotating.set(None);
        announcement.set(sentence);
    });
    let rotation = {
        let target = target.clone();
        move || {
            let old = rotating.get()?;
            let target = target.clone();
            Some(view! { <DeployKeyRotation target connection keys listed old on_close /> })
        }
    };
    view! {
        <p class="visually-hidden" role="status" aria-live="polite">{move || announcement.get()}</p>
        <KeySection target=target.clone() connection keys listed announcement on_rotate />
        {rotation}
        <AddKeyForm target connection listed on_added />
    }
}

/// The user's SSH keys and SSH signing keys, and one add form that adds a
/// key as either or both.
#[component]
pub(crate) fn UserKeyManager(
    /// The chosen connection; the lists load again when it changes.
    #[prop(into)]
    connection: Signal<Option<Connection>>,
) -> impl IntoView {
    let auth = keys_resource(KeyTarget::User, connection);
    let signing = keys_resource(KeyTarget::Signing, connection);
    let (auth_listed, signing_listed) = (listed_of(auth), listed_of(signing));
    let announcement = RwSignal::new(String::new());
    let on_added = Callback::new(move |(target, record): (KeyTarget, KeyRecord)| {
        let keys = if target.is_signing() { signing } else { auth };
        show_added(keys, &target, record, announcement);
    });
    view! {
        <p class="visually-hidden" role="status" aria-live="polite">{move || announcement.get()}</p>
        <KeySection target=KeyTarget::User connection keys=auth listed=auth_listed announcement />
        <KeySection
            target=KeyTarget::Signing
            connection
            keys=signing
            listed=signing_listed
            announcement
        />
        <AddKeyForm
            target=KeyTarget::User
            connection
            listed=auth_listed
            signing_listed
            on_added
        />
        <GenerateKey connection on_added />
    }
}

/// What the lists, the filter and the duplicate check read: the loaded
/// keys, copied once per change of the resource.
fn listed_of(keys: KeysResource) -> Memo<Vec<ListedKey>> {
    Memo::new(move |_| {
        keys.with(|loaded| match loaded {
            Some(Ok(list)) => list.clone(),
            _ => Vec::new(),
        })
    })
}

/// Puts a key GitHub just added into its list, says so, and focuses its
/// row once drawn, so keyboard and screen reader users land on what they
/// just made.
fn show_added(
    keys: KeysResource,
    target: &KeyTarget,
    record: KeyRecord,
    announcement: RwSignal<String>,
) {
    let added = ListedKey::from_record(record);
    let row = format!("{}-{}", target.id_prefix(), added.record.id);
    let fingerprint = added.sha256.as_deref().map(|fp| format!(", {fp}"));
    let what = if target.is_signing() {
        " as a signing key"
    } else {
        ""
    };
    announcement.set(format!(
        "Added “{}”{what}{}.",
        added.name(),
        fingerprint.unwrap_or_default()
    ));
    edit_loaded(keys, |list| list.push(added));
    request_animation_frame(move || crate::ui::focus_by_id(&row));
}

/// One list of keys under its heading, with "Reload" and the delete
/// dialog.
#[component]
fn KeySection(
    target: KeyTarget,
    connection: Signal<Option<Connection>>,
    keys: KeysResource,
    listed: Memo<Vec<ListedKey>>,
    announcement: RwSignal<String>,
    /// A row's "Rotate" (deploy keys only).
    #[prop(default = None, into)]
    on_rotate: Option<Callback<ListedKey>>,
) -> impl IntoView {
    let heading = match target {
        KeyTarget::User => "Your SSH keys",
        KeyTarget::Signing => "Your signing keys",
        KeyTarget::Repository { .. } => "Deploy keys",
    };
    let heading_id = format!("{}-list-heading", target.id_prefix());
    let labelled_by = heading_id.clone();
    let lead = target.is_signing().then(|| {
        view! {
            <p class="field__help">
                "Keys that sign your commits and tags: GitHub shows what they signed as Verified.                  They cannot sign you in; one key may be both."
            </p>
        }
    });
    let stored = StoredValue::new(target.clone());
    let (on_delete, delete_dialog) = delete_flow(stored, connection, keys, announcement);
    let loading = || {
        view! { <p class="key-list__loading" aria-busy="true">"Loading keys…"</p> }
    };
    let failure = move || load_failure(keys);
    let loaded = move || keys.with(|loaded| matches!(loaded, Some(Ok(_))));
    view! {
        <section class="key-manager" aria-labelledby=labelled_by>
            <div class="key-manager__head">
                <h2 id=heading_id tabindex="-1">{heading}</h2>
                <button type="button" class="button button--quiet" on:click=move |_| keys.refetch()>
                    "Reload"
                </button>
            </div>
            {lead}
            <Show
                when=move || connection.with(Option::is_some)
                fallback=|| view! { <p class="key-list__empty">"Choose a connection to see its keys."</p> }
            >
                <Suspense fallback=loading>
                    <Show when=loaded fallback=failure>
                        <KeyList keys=listed target=stored.get_value() on_delete on_rotate label=heading />
                    </Show>
                </Suspense>
            </Show>
        </section>
        {delete_dialog}
    }
}

/// Every key of `target`. Keyed on (connection, target): reading the
/// connection makes a change load again, and the resource drops an answer
/// to an older load.
fn keys_resource(target: KeyTarget, connection: Signal<Option<Connection>>) -> KeysResource {
    LocalResource::new(move || {
        let connection = connection.get();
        let target = target.clone();
        async move {
            let Some(connection) = connection else {
                return Ok(Vec::new());
            };
            let records = load_keys(&connection, &target).await?;
            Ok(records.into_iter().map(ListedKey::from_record).collect())
        }
    })
}

/// The load's error and "Try again", when it failed.
fn load_failure(keys: KeysResource) -> Option<impl IntoView> {
    let error = keys.with(|loaded| match loaded {
        Some(Err(error)) => Some(error.clone()),
        _ => None,
    })?;
    Some(view! {
        <ProviderError context="Could not load the keys" error />
        <button type="button" class="button" on:click=move |_| keys.refetch()>
            "Try again"
        </button>
    })
}

/// Changes the loaded list in place (an added or deleted key), without a
/// request; nothing happens while the list is not loaded.
pub(super) fn edit_loaded(keys: KeysResource, edit: impl FnOnce(&mut Vec<ListedKey>)) {
    keys.try_update(|loaded| {
        if let Some(Ok(list)) = loaded {
            edit(list);
        }
    });
}

/// The delete action and its confirmation dialog: the callback a row's
/// "Delete" runs, and the dialog to place on the page.
fn delete_flow(
    target: StoredValue<KeyTarget>,
    connection: Signal<Option<Connection>>,
    keys: KeysResource,
    announcement: RwSignal<String>,
) -> (Callback<ListedKey>, impl IntoView) {
    let (noun, heading) =
        target.with_value(|t| (t.noun(), format!("{}-list-heading", t.id_prefix())));
    // The key asked about, and whether the dialog is open.
    let asked = RwSignal::new(None::<ListedKey>);
    let open = RwSignal::new(false);
    let delete = Action::new_local(move |(connection, key): &(Connection, ListedKey)| {
        let (connection, key) = (connection.clone(), key.clone());
        let target = target.get_value();
        let heading = heading.clone();
        async move {
            delete_key(&connection, &target, &key.record.id).await?;
            edit_loaded(keys, |list| list.retain(|k| k.record.id != key.record.id));
            open.try_set(false);
            announcement.try_set(format!("Deleted “{}”.", key.name()));
            crate::ui::focus_by_id(&heading);
            Ok::<(), ApiError>(())
        }
    });
    let on_delete = Callback::new(move |key: ListedKey| {
        delete.clear();
        asked.set(Some(key));
        open.set(true);
    });
    let confirm = Callback::new(move |()| {
        // The dialog's button is disabled while pending; this covers a
        // click that beats the DOM.
        if delete.pending().get_untracked() {
            return;
        }
        if let (Some(key), Some(connection)) = (asked.get_untracked(), connection.get_untracked()) {
            delete.dispatch_local((connection, key));
        }
    });
    let title = Signal::derive(move || {
        asked.with(|key| match key {
            Some(key) => format!("Delete the {noun} “{}”?", key.name()),
            None => format!("Delete this {noun}?"),
        })
    });
    let error = move || {
        delete.value().with(|outcome| match outcome {
            Some(Err(error)) => Some(error.clone()),
            _ => None,
        })
    };
    let dialog = view! {
        <ConfirmDialog open title confirm_label="Delete" busy=delete.pending() on_confirm=confirm>
            {move || asked.get().map(|key| target.with_value(|t| confirm_body(&key, t)))}
            {move || error().map(|error| view! { <ProviderError context="Could not delete the key" error /> })}
        </ConfirmDialog>
    };
    (on_delete, dialog)
}

/// What the dialog says will happen, naming the key by title and fingerprint.
fn confirm_body(key: &ListedKey, target: &KeyTarget) -> impl IntoView {
    let fingerprint = key
        .sha256
        .clone()
        .unwrap_or_else(|| "(fingerprint unknown)".to_string());
    let consequence = match target {
        KeyTarget::Repository { .. } => {
            "Machines using this key lose access to the repository at once."
        }
        KeyTarget::Signing => {
            "Commits and tags signed with this key no longer show as Verified on GitHub."
        }
        KeyTarget::User => "Anything that signs in with this key (git, SSH) stops working at once.",
    };
    view! {
        <p>
            "“" {key.name()} "” " <code class="fingerprint">{fingerprint}</code>
        </p>
        <p>{consequence} " This cannot be undone; you can add the key again later."</p>
    }
}
