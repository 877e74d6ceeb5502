//! The form that adds a GitHub SSH key or deploy key: Title, Key and, for
//! deploy keys, "Allow write access"; on User keys, "Key use"
//! (authentication, signing or both). The engine checks the key as it is
//! typed, and only the canonical line it produced is ever sent; a private
//! key, a key GitHub refuses or a key already listed is stopped here.

use super::key_policy::{check_new_key, title_to_send, Block, KeyCheck};
use super::key_use::{summary, KeyUse, KeyUseField, Outcomes};
use super::listed_key::ListedKey;
use super::service::{add_key, KeyTarget};
use crate::providers::KeyRecord;
use crate::ui::features::inspect::KeyTextArea;
use crate::ui::state::Connection;
use crate::ui::widgets::{FormActions, Message, PolicyWarnings, ProviderError, TextField};
use leptos::prelude::*;

/// What one "Add key" sends, where (one target, or two for "Both"), and
/// with which connection.
#[derive(Clone)]
struct NewKey {
    connection: Connection,
    targets: Vec<KeyTarget>,
    title: String,
    line: String,
    read_only: bool,
}

/// What the user typed: kept after a failure, emptied after a success.
#[derive(Clone, Copy)]
struct Draft {
    title: RwSignal<String>,
    text: RwSignal<String>,
    write: RwSignal<bool>,
}

/// Sends a key once to each target, in order, whatever the first answer:
/// the executor never retries a POST, and the button is disabled while the
/// action is pending. The draft is emptied only when every request
/// succeeded, so a partial failure can be retried with the text in place.
fn add_action(
    draft: Draft,
    on_added: Callback<(KeyTarget, KeyRecord)>,
) -> Action<NewKey, Outcomes> {
    Action::new_local(move |new: &NewKey| {
        let new = new.clone();
        async move {
            let NewKey {
                connection,
                targets,
                title,
                line,
                read_only,
            } = new;
            let mut outcomes = Vec::new();
            for target in targets {
                let added = add_key(&connection, &target, &title, &line, read_only).await;
                let outcome = added.map(|record| on_added.run((target.clone(), record)));
                outcomes.push((target, outcome));
            }
            if outcomes.iter().all(|(_, outcome)| outcome.is_ok()) {
                draft.title.try_set(String::new());
                draft.text.try_set(String::new());
                draft.write.try_set(false);
            }
            outcomes
        }
    })
}

/// Why "Add key" sent nothing, as the alert next to the button says it.
fn refusal(check: Option<KeyCheck>) -> String {
    match check {
        None => "Paste a public key into the Key box first.".to_string(),
        Some(KeyCheck {
            block: Some((_, reason)),
            ..
        }) => format!("Nothing was sent. {reason}"),
        Some(_) => "Choose a connection first.".to_string(),
    }
}

/// Title, Key (checked live) and an "Add key" button that sends once.
#[component]
pub(crate) fn AddKeyForm(
    /// Where the key goes.
    target: KeyTarget,
    /// The connection to send with (`None` until one is chosen).
    #[prop(into)]
    connection: Signal<Option<Connection>>,
    /// The keys already listed, to catch a key added twice.
    #[prop(into)]
    listed: Signal<Vec<ListedKey>>,
    /// The user's signing keys: given on User keys, where the form asks
    /// for the key's use.
    #[prop(optional, into)]
    signing_listed: Option<Signal<Vec<ListedKey>>>,
    /// Runs with where the key went and GitHub's record, once per target
    /// that took it.
    on_added: Callback<(KeyTarget, KeyRecord)>,
) -> impl IntoView {
    let draft = Draft {
        title: RwSignal::new(String::new()),
        text: RwSignal::new(String::new()),
        write: RwSignal::new(false),
    };
    let Draft { title, text, write } = draft;
    // The Key box's text when "Add key" was pressed with a key that cannot
    // be sent: the reason is repeated next to the button until it changes.
    let refused_text = RwSignal::new(None::<String>);
    let key_use = RwSignal::new(KeyUse::Authentication.value().to_string());
    let chosen_use = move || key_use.with(|value| KeyUse::from_value(value));
    let check = Memo::new(move |_| {
        let signing = signing_listed.map(|s| s.get()).unwrap_or_default();
        let already = listed.with(|auth| chosen_use().already_listed(auth, &signing));
        text.with(|t| check_new_key(t, &already))
    });
    let deploy = target.is_deploy();
    let asks_use = signing_listed.is_some();
    let target = StoredValue::new(target);
    let add = add_action(draft, on_added);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if add.pending().get_untracked() {
            return;
        }
        let sendable = check.with_untracked(|check| {
            let check = check.as_ref()?;
            Some((check.send_line.clone()?, check.key.clone()?))
        });
        match (sendable, connection.get_untracked()) {
            (Some((line, key)), Some(connection)) => {
                refused_text.set(None);
                let targets = if asks_use {
                    chosen_use().targets()
                } else {
                    vec![target.get_value()]
                };
                add.dispatch_local(NewKey {
                    connection,
                    targets,
                    title: title_to_send(&title.get_untracked(), &key),
                    line,
                    read_only: !write.get_untracked(),
                });
            }
            _ => refused_text.set(Some(text.get_untracked())),
        }
    };
    let refused = move || {
        (refused_text.get() == Some(text.get())).then(|| {
            let reason = refusal(check.get());
            view! { <p class="alert alert--danger" role="alert"><Message text=reason /></p> }
        })
    };
    // The last result, hidden while a new attempt is pending.
    let result = move || {
        if add.pending().get() {
            return None;
        }
        add.value()
            .get()
            .map(|outcomes| view! { <AddResult outcomes /> })
    };
    let heading = if deploy {
        "Add a deploy key"
    } else {
        "Add an SSH key"
    };
    let title_hint = move || title_help(check.get().as_ref());

    // The key's type and size for the policy's warnings.
    let policy_key = Signal::derive(move || {
        check.with(|c| {
            c.as_ref()
                .and_then(|c| c.key.as_ref())
                .map(|k| (k.algorithm.clone(), k.bits))
        })
    });
    view! {
        <form
            class="add-key"
            aria-labelledby="add-key-heading"
            aria-busy=move || add.pending().get().then_some("true")
            on:submit=submit
            novalidate
        >
            <h2 id="add-key-heading">{heading}</h2>
            <TextField id="new-key-title" label="Title" value=title hint=title_hint />
            <KeyField text check />
            {asks_use.then(|| view! { <KeyUseField choice=key_use /> })}
            {deploy.then(|| view! { <WriteAccess write /> })}
            <PolicyWarnings key=policy_key read_write_deploy=Signal::derive(move || deploy && write.get()) />
            {refused}
            {result}
            <FormActions submit="Add key" pending_label="Adding the key…" pending=add.pending() />
        </form>
    }
}

/// How the last "Add key" went. One request: its error, if any (its
/// success shows in the list). Two: one sentence per request, then each
/// failure in full.
#[component]
pub(super) fn AddResult(outcomes: Outcomes) -> impl IntoView {
    let errors = outcomes.iter().filter_map(|(target, outcome)| {
        let error = outcome.as_ref().err()?.clone();
        Some((target.clone(), error))
    });
    if outcomes.len() < 2 {
        return errors
            .map(|(target, error)| {
                let context = format!("Could not add the {}", target.noun());
                view! { <ProviderError context error /> }
            })
            .collect_view()
            .into_any();
    }
    let sentence = summary(&outcomes);
    let errors: Vec<_> = errors.collect();
    if errors.is_empty() {
        return view! { <p class="alert alert--info" role="status">{sentence}</p> }.into_any();
    }
    view! {
        <div class="add-key__result">
            <p class="alert alert--warning" role="alert">{sentence}</p>
            {errors
                .into_iter()
                .map(|(target, error)| {
                    let context = format!("Not added as {}", super::key_use::role(&target));
                    view! { <ProviderError context error /> }
                })
                .collect_view()}
        </div>
    }
    .into_any()
}

/// The Key box, its help and the live verdict under it.
#[component]
fn KeyField(text: RwSignal<String>, check: Memo<Option<KeyCheck>>) -> impl IntoView {
    view! {
        <div class="field field--wide">
            <label for="new-key-text">"Key"</label>
            <p id="new-key-help" class="field__help">
                "One public key: the line in your " <code>".pub"</code>
                " file. It is checked here, in your browser, before anything is sent."
            </p>
            <KeyTextArea
                id="new-key-text"
                class="add-key__key"
                rows=4
                described_by="new-key-help new-key-check"
                text
            />
            <div id="new-key-check" class="key-check" aria-live="polite">
                {move || check.get().map(|check| view! { <KeyCheckView check text /> })}
            </div>
        </div>
    }
}

/// What the title will be when the box is left empty.
fn title_help(check: Option<&KeyCheck>) -> String {
    match check
        .and_then(|c| c.key.as_ref())
        .and_then(|k| k.comment.clone())
    {
        Some(comment) if !comment.trim().is_empty() => {
            format!(
                "Leave empty to use the key's comment, “{}”.",
                comment.trim()
            )
        }
        _ => "A name you will recognise later, such as the machine it is on.".to_string(),
    }
}

/// The live verdict under the Key box.
#[component]
pub(super) fn KeyCheckView(check: KeyCheck, text: RwSignal<String>) -> impl IntoView {
    let KeyCheck {
        key,
        send_line,
        block,
        offer,
        repairs,
        warnings,
    } = check;
    let private = matches!(block, Some((Block::Private, _)));
    let facts = key.map(|key| {
        let whose = if private { "Its public key: " } else { "" };
        view! {
            <p class="key-check__facts">
                {format!("{whose}{} · {} bits · ", key.short_type(), key.bits)}
                <code class="fingerprint">{key.sha256}</code>
            </p>
        }
    });
    let blocked = block.map(|(kind, reason)| {
        let heading = match kind {
            Block::Private => "Private key: not sent",
            Block::Invalid => "Not a usable public key",
            Block::Several => "One key at a time",
            Block::Refused => "GitHub does not accept this key",
            Block::AlreadyListed => "Already added",
        };
        view! {
            <div class="alert alert--danger">
                <p class="alert__title">{heading}</p>
                <p><Message text=reason /></p>
            </div>
        }
    });
    let offer = offer.map(|offer| {
        let line = offer.line;
        view! {
            <button type="button" class="button" on:click=move |_| text.set(line.clone())>
                {offer.label}
            </button>
        }
    });
    let send = send_line.map(|line| {
        view! {
            <div class="key-check__send">
                <p>"This line will be sent:"</p>
                <code class="key-line__text">{line}</code>
            </div>
        }
    });
    let notes = |title: &'static str, class: &'static str, items: Vec<String>| {
        (!items.is_empty()).then(|| {
            view! {
                <div class=format!("alert {class}")>
                    <p class="alert__title">{title}</p>
                    <ul>
                        {items.into_iter().map(|text| view! { <li><Message text /></li> }).collect_view()}
                    </ul>
                </div>
            }
        })
    };
    view! {
        {facts}
        {blocked}
        {offer}
        {send}
        {notes("Repaired from the paste", "alert--info", repairs)}
        {notes("Weak key", "alert--warning", warnings)}
    }
}

/// The write-access checkbox of deploy keys, off by default, with what
/// turning it on means.
#[component]
fn WriteAccess(write: RwSignal<bool>) -> impl IntoView {
    view! {
        <div class="field field--check">
            <label>
                <input type="checkbox" bind:checked=write />
                " Allow write access"
            </label>
            <p class="field__help">
                "Off: the key can only clone and fetch. GitHub accepts a key once across all of \
                 GitHub, so each repository needs its own key, and a user key cannot be a deploy key."
            </p>
            <Show when=move || write.get()>
                <p class="alert alert--warning" role="note">
                    "With write access, anyone holding this key's private half can push to this \
                     repository, force-push and delete branches (where branch protection allows). \
                     Turn it on only for a machine that must push."
                </p>
            </Show>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ui::features::inspect::test_keys::{LINE, PRIVATE_KEY};

    #[test]
    fn a_refused_add_says_why_nothing_was_sent() {
        assert_eq!(refusal(None), "Paste a public key into the Key box first.");
        let private = refusal(check_new_key(PRIVATE_KEY, &[]));
        assert!(
            private.starts_with("Nothing was sent. This is a private key."),
            "{private}"
        );
        // A sendable key refused only for want of a connection.
        assert_eq!(
            refusal(check_new_key(LINE, &[])),
            "Choose a connection first."
        );
    }
}
