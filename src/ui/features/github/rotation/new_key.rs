//! Step 1: the new key. The add form's checks and messages (through
//! `key_policy`), plus the old key refused by name; the title and access
//! default to the old key's. "Add new key" posts it once.

use super::logic::{check_replacement, rotated_title};
use super::Rotation;
use crate::providers::{ApiError, KeyRecord};
use crate::ui::features::github::add_key_form::KeyCheckView;
use crate::ui::features::github::key_manager::edit_loaded;
use crate::ui::features::github::key_policy::{title_to_send, KeyCheck};
use crate::ui::features::github::listed_key::ListedKey;
use crate::ui::features::github::service::add_key;
use crate::ui::features::inspect::KeyTextArea;
use crate::ui::state::Connection;
use crate::ui::widgets::{FormActions, Message, PolicyWarnings, ProviderError, TextField};
use leptos::prelude::*;

/// What one "Add new key" sends.
#[derive(Clone)]
struct NewKey {
    connection: Connection,
    title: String,
    line: String,
    read_only: bool,
}

/// The step's inputs: kept while the step is shown, whatever fails.
#[derive(Clone, Copy)]
struct Draft {
    title: RwSignal<String>,
    text: RwSignal<String>,
    write: RwSignal<bool>,
    /// The text that was refused on submit; its reason shows until it changes.
    refused: RwSignal<Option<String>>,
}

#[component]
pub(super) fn NewKeyStep(
    rotation: Rotation,
    listed: Memo<Vec<ListedKey>>,
    old: ListedKey,
) -> impl IntoView {
    let draft = Draft {
        title: RwSignal::new(rotated_title(&old)),
        text: RwSignal::new(String::new()),
        write: RwSignal::new(old.record.read_only == Some(false)),
        refused: RwSignal::new(None),
    };
    let old_writes = old.record.read_only == Some(false);
    let old = StoredValue::new(old);
    let check = Memo::new(move |_| {
        let text = draft.text.get();
        listed.with(|listed| old.with_value(|old| check_replacement(&text, old, listed)))
    });
    let add = add_action(rotation);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        submit_line(
            rotation,
            draft,
            add,
            old,
            listed,
            draft.text.get_untracked(),
        );
    };
    let refused = move || {
        let text = draft.text.get();
        (draft.refused.get() == Some(text.clone())).then(|| {
            let reason = old.with_value(|old| {
                listed.with(|listed| refusal(check_replacement(&text, old, listed)))
            });
            view! { <p class="alert alert--danger" role="alert"><Message text=reason /></p> }
        })
    };
    let error = move || {
        if add.pending().get() {
            return None;
        }
        add.value().with(|outcome| match outcome {
            Some(Err(error)) => Some(error.clone()),
            _ => None,
        })
    };
    let policy_key = Signal::derive(move || {
        check.with(|c| {
            let key = c.as_ref()?.key.as_ref()?;
            Some((key.algorithm.clone(), key.bits))
        })
    });
    view! {
        <form
            class="rotation__step"
            aria-labelledby="rotation-new-heading"
            aria-busy=move || add.pending().get().then_some("true")
            on:submit=submit
            novalidate
        >
            <h3 id="rotation-new-heading">"Step 1 of 3: New key"</h3>
            <p class="field__help">
                "Make a new key pair where the machine is (for example "
                <code>"ssh-keygen -t ed25519 -f deploy_key"</code>
                ") and paste its public half. Nothing is deleted in this step."
            </p>
            <TextField id="rotation-title" label="Title" value=draft.title />
            <NewKeyField text=draft.text check />
            <Access write=draft.write old_writes />
            <PolicyWarnings key=policy_key read_write_deploy=draft.write />
            {refused}
            {move || error().map(|error| view! { <ProviderError context="Could not add the new key" error /> })}
            <FormActions submit="Add new key" pending_label="Adding the new key…" pending=add.pending() />
        </form>
    }
}

/// The seam where a new public key line enters step 1: the Key box's text
/// on "Add new key" today; a key generated in the page could come in
/// here the same way. The line is checked like a pasted one (a private
/// key, a refused key or the old key is never sent) and posted once.
fn submit_line(
    rotation: Rotation,
    draft: Draft,
    add: Action<NewKey, Result<KeyRecord, ApiError>>,
    old: StoredValue<ListedKey>,
    listed: Memo<Vec<ListedKey>>,
    line: String,
) {
    if add.pending().get_untracked() {
        return;
    }
    let check =
        old.with_value(|old| listed.with_untracked(|listed| check_replacement(&line, old, listed)));
    let sendable = check.and_then(|check| Some((check.send_line?, check.key?)));
    match (sendable, rotation.connection.get_untracked()) {
        (Some((line, key)), Some(connection)) => {
            draft.refused.set(None);
            add.dispatch_local(NewKey {
                connection,
                title: title_to_send(&draft.title.get_untracked(), &key),
                line,
                read_only: !draft.write.get_untracked(),
            });
        }
        _ => draft.refused.set(Some(line)),
    }
}

/// Why "Add new key" sent nothing.
fn refusal(check: Option<KeyCheck>) -> String {
    match check {
        None => "Paste the new public key first.".to_string(),
        Some(check) => match check.block {
            Some((_, reason)) => format!("Nothing was sent. {reason}"),
            None => "Choose a connection first.".to_string(),
        },
    }
}

/// Posts the new key once; on success the panel moves to step 2 and the
/// page's list shows the key.
fn add_action(rotation: Rotation) -> Action<NewKey, Result<KeyRecord, ApiError>> {
    Action::new_local(move |new: &NewKey| {
        let new = new.clone();
        let target = rotation.target.get_value();
        async move {
            let record = add_key(
                &new.connection,
                &target,
                &new.title,
                &new.line,
                new.read_only,
            )
            .await?;
            edit_loaded(rotation.keys, |list| {
                list.push(ListedKey::from_record(record.clone()))
            });
            rotation.new.try_set(Some(record.clone()));
            request_animation_frame(|| crate::ui::focus_by_id("rotation-switch-heading"));
            Ok(record)
        }
    })
}

/// The new key's box and the engine's live verdict on it.
#[component]
fn NewKeyField(text: RwSignal<String>, check: Memo<Option<KeyCheck>>) -> impl IntoView {
    view! {
        <div class="field field--wide">
            <label for="rotation-key-text">"New public key"</label>
            <p id="rotation-key-help" class="field__help">
                "One public key: the line in the new " <code>".pub"</code>
                " file. It is checked here, in your browser, before anything is sent."
            </p>
            <KeyTextArea
                id="rotation-key-text"
                class="add-key__key"
                rows=4
                described_by="rotation-key-help rotation-key-check"
                text
            />
            <div id="rotation-key-check" class="key-check" aria-live="polite">
                {move || check.get().map(|check| view! { <KeyCheckView check text /> })}
            </div>
        </div>
    }
}

/// Write access, defaulting to the old key's; a read-write old key gets
/// the advice to drop it.
#[component]
fn Access(write: RwSignal<bool>, old_writes: bool) -> impl IntoView {
    view! {
        <div class="field field--check">
            <label>
                <input type="checkbox" bind:checked=write />
                " Allow write access"
            </label>
            {old_writes
                .then(|| {
                    view! {
                        <p class="field__help">
                            "The old key can write (push). Read-only is safer: leave write access \
                             off unless the machine must push."
                        </p>
                    }
                })}
        </div>
    }
}
