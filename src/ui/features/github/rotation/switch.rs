//! Steps 2 and 3: the old and new keys side by side with their last use
//! ("Refresh" reads both again from GitHub, so the user watches the new
//! key get used), then the old key deleted behind a confirmation that
//! warns when the new key is still unused.

use super::logic::{last_use, LastUse, Switch};
use super::{read_key, Rotation};
use crate::providers::{ApiError, KeyRecord};
use crate::ui::features::github::key_manager::edit_loaded;
use crate::ui::features::github::listed_key::ListedKey;
use crate::ui::features::github::service::delete_key;
use crate::ui::state::Connection;
use crate::ui::widgets::{ConfirmDialog, ProviderError};
use leptos::prelude::*;

/// The error of an action's last run, hidden while it runs again.
fn failure<I: 'static, O: 'static>(
    action: Action<I, Result<O, ApiError>>,
) -> impl Fn() -> Option<ApiError> + Copy {
    move || {
        if action.pending().get() {
            return None;
        }
        action.value().with(|outcome| match outcome {
            Some(Err(error)) => Some(error.clone()),
            _ => None,
        })
    }
}

#[component]
pub(super) fn SwitchStep(rotation: Rotation) -> impl IntoView {
    let refresh = refresh_action(rotation);
    let on_refresh = move |_| {
        if let Some(connection) = rotation.connection.get_untracked() {
            if !refresh.pending().get_untracked() {
                refresh.dispatch_local(connection);
            }
        }
    };
    let switch = move || {
        let old = rotation.old.with(|k| k.last_used_at.clone());
        let new = rotation.new.with(|k| k.as_ref()?.last_used_at.clone());
        Switch::of(old.as_deref(), new.as_deref())
    };
    let error = failure(refresh);
    let old = Signal::derive(move || Some(rotation.old.get()));
    let new = Signal::derive(move || rotation.new.get());
    view! {
        <div class="rotation__step">
            <h3 id="rotation-switch-heading" tabindex="-1">"Step 2 of 3: Switch your machines"</h3>
            <p class="field__help">
                "Put the new private key where the old one is used (the machine's "
                <code>"~/.ssh"</code>
                ", a CI secret), then use it once (a fetch or clone). GitHub records each key's last use."
            </p>
            <div class="rotation__keys">
                <KeyCard label="Old key" record=old />
                <KeyCard label="New key" record=new />
            </div>
            <p class="rotation__status" role="status">{move || switch().sentence()}</p>
            <button
                type="button"
                class="button"
                aria-busy=move || refresh.pending().get().then_some("true")
                disabled=move || refresh.pending().get()
                on:click=on_refresh
            >
                {move || if refresh.pending().get() { "Refreshing…" } else { "Refresh" }}
            </button>
            {move || error().map(|error| view! { <ProviderError context="Could not refresh the keys" error /> })}
        </div>
        <DeleteOldStep rotation unused=Signal::derive(move || switch() == Switch::NewUnused) />
    }
}

/// Reads both keys again; the panel and the page's list show the answers.
fn refresh_action(rotation: Rotation) -> Action<Connection, Result<(), ApiError>> {
    Action::new_local(move |connection: &Connection| {
        let connection = connection.clone();
        let target = rotation.target.get_value();
        let old_id = rotation.old.with_untracked(|k| k.id.clone());
        let new_id = rotation
            .new
            .with_untracked(|k| k.as_ref().map(|k| k.id.clone()));
        async move {
            let old = read_key(&connection, &target, &old_id).await?;
            let new = match new_id {
                Some(id) => Some(read_key(&connection, &target, &id).await?),
                None => None,
            };
            let fresh: Vec<KeyRecord> = std::iter::once(old.clone()).chain(new.clone()).collect();
            edit_loaded(rotation.keys, |list| {
                for key in list.iter_mut() {
                    if let Some(record) = fresh.iter().find(|r| r.id == key.record.id) {
                        *key = ListedKey::from_record(record.clone());
                    }
                }
            });
            rotation.old.try_set(old);
            rotation.new.try_set(new);
            Ok(())
        }
    })
}

/// One key: title, fingerprint (the engine's, from the key text), access
/// and last use.
#[component]
fn KeyCard(label: &'static str, #[prop(into)] record: Signal<Option<KeyRecord>>) -> impl IntoView {
    let card = move || {
        let key = ListedKey::from_record(record.get()?);
        let now = (crate::ui::now_ms() / 1000.0) as i64;
        let LastUse { words, exact } = last_use(key.record.last_used_at.as_deref(), now);
        let fingerprint = key
            .sha256
            .clone()
            .unwrap_or_else(|| "(fingerprint unknown)".to_string());
        let access = match key.record.read_only {
            Some(false) => "Read/write",
            _ => "Read-only",
        };
        let used = match (key.record.last_used_at.clone(), exact) {
            (Some(at), Some(exact)) => {
                view! { <time datetime=at title=exact>{words}</time> }.into_any()
            }
            _ => view! { <span>{words}</span> }.into_any(),
        };
        Some(view! {
            <p class="rotation__key-title">{key.name()}</p>
            <p><code class="fingerprint">{fingerprint}</code></p>
            <p>{access} " · " {used}</p>
        })
    };
    view! {
        <section class="rotation__key" aria-label=label>
            <h4>{label}</h4>
            {card}
        </section>
    }
}

/// Step 3: "Delete the old key…", its confirmation, and the DELETE.
#[component]
fn DeleteOldStep(rotation: Rotation, unused: Signal<bool>) -> impl IntoView {
    let open = RwSignal::new(false);
    let delete = Action::new_local(move |connection: &Connection| {
        let connection = connection.clone();
        let target = rotation.target.get_value();
        let id = rotation.old.with_untracked(|k| k.id.clone());
        async move {
            delete_key(&connection, &target, &id).await?;
            edit_loaded(rotation.keys, |list| list.retain(|k| k.record.id != id));
            open.try_set(false);
            rotation.deleted.try_set(true);
            request_animation_frame(|| crate::ui::focus_by_id(super::HEADING));
            Ok::<(), ApiError>(())
        }
    });
    let confirm = Callback::new(move |()| {
        if delete.pending().get_untracked() {
            return;
        }
        if let Some(connection) = rotation.connection.get_untracked() {
            delete.dispatch_local(connection);
        }
    });
    let old = move || ListedKey::from_record(rotation.old.get());
    let title = Signal::derive(move || format!("Delete the old key “{}”?", old().name()));
    let error = failure(delete);
    view! {
        <div class="rotation__step">
            <h3>"Step 3 of 3: Delete the old key"</h3>
            <button type="button" class="button button--danger" on:click=move |_| {
                delete.clear();
                open.set(true);
            }>"Delete the old key…"</button>
        </div>
        <ConfirmDialog open title confirm_label="Delete" busy=delete.pending() on_confirm=confirm>
            <p>
                "“" {move || old().name()} "” "
                <code class="fingerprint">
                    {move || old().sha256.unwrap_or_else(|| "(fingerprint unknown)".to_string())}
                </code>
            </p>
            <p>"Machines still using it lose access to the repository at once. This cannot be undone."</p>
            <Show when=move || unused.get()>
                <p class="alert alert--warning">
                    "The new key has not been used yet. If no machine uses it, deleting the old key \
                     leaves them without access."
                </p>
            </Show>
            {move || error().map(|error| view! { <ProviderError context="Could not delete the old key" error /> })}
        </ConfirmDialog>
    }
}
