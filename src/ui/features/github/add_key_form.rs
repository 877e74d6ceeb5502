//! The form that adds a GitHub SSH key or deploy key: Title, Key and, for
//! deploy keys, "Allow write access". The engine checks the key as it is
//! typed, and only the canonical line it produced is ever sent; a private
//! key, a key GitHub refuses or a key already listed is stopped here.

use super::key_policy::{check_new_key, title_to_send, Block, KeyCheck};
use super::service::{add_key, KeyTarget, ListedKey};
use crate::providers::{ApiError, KeyRecord};
use crate::ui::state::Connection;
use crate::ui::widgets::Message;
use crate::ui::widgets::ProviderError;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// Title, Key (checked live) and an "Add key" button that sends once.
#[component]
pub fn AddKeyForm(
    /// Where the key goes.
    target: KeyTarget,
    /// The connection to send with (`None` until one is chosen).
    #[prop(into)]
    connection: Signal<Option<Connection>>,
    /// The keys already listed, to catch a key added twice.
    #[prop(into)]
    listed: Signal<Vec<ListedKey>>,
    /// Runs with GitHub's record once the key is added.
    on_added: Callback<KeyRecord>,
) -> impl IntoView {
    let title = RwSignal::new(String::new());
    let text = RwSignal::new(String::new());
    let write = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    // Set when "Add key" is pressed with a key that cannot be sent, so the
    // reason is repeated as an alert next to the button.
    let refused_submit = RwSignal::new(false);
    let check = Memo::new(move |_| text.with(|t| listed.with(|l| check_new_key(t, l))));
    let deploy = target.is_deploy();
    let target = StoredValue::new(target);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        // A second click while the first request runs does nothing: the
        // button is disabled too, but a fast double click can beat the DOM.
        if busy.get_untracked() {
            return;
        }
        let (Some(check), Some(connection)) = (check.get_untracked(), connection.get_untracked())
        else {
            refused_submit.set(true);
            return;
        };
        let (Some(line), Some(key)) = (check.send_line.clone(), check.key.clone()) else {
            refused_submit.set(true);
            return;
        };
        refused_submit.set(false);
        error.set(None);
        busy.set(true);
        let title_text = title_to_send(&title.get_untracked(), &key);
        let read_only = !write.get_untracked();
        let target = target.get_value();
        spawn_local(async move {
            let result = add_key(&connection, &target, &title_text, &line, read_only).await;
            // The page may be gone by now: `try_*` then does nothing.
            busy.try_set(false);
            match result {
                Ok(record) => {
                    title.try_set(String::new());
                    text.try_set(String::new());
                    write.try_set(false);
                    on_added.run(record);
                }
                // Everything typed stays, so the user can fix and resend.
                Err(failure) => {
                    error.try_set(Some(failure));
                }
            }
        });
    };

    let refusal = move || {
        if !refused_submit.get() {
            return None;
        }
        let reason = match check.get() {
            None => "Paste a public key into the Key box first.".to_string(),
            Some(KeyCheck {
                block: Some((_, reason)),
                ..
            }) => format!("Nothing was sent. {reason}"),
            Some(_) => "Choose a connection first.".to_string(),
        };
        Some(view! { <p class="alert alert--danger" role="alert"><Message text=reason /></p> })
    };
    let key_field = view! {
        <textarea
            id="new-key-text"
            class="add-key__key"
            rows="4"
            spellcheck="false"
            autocomplete="off"
            autocapitalize="off"
            aria-describedby="new-key-help new-key-check"
            placeholder="ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAA… you@example.com"
            prop:value=move || text.get()
            on:input=move |ev| {
                text.set(event_target_value(&ev));
                refused_submit.set(false);
            }
        ></textarea>
    }
    .attr("autocorrect", "off");
    let (noun, heading) = if deploy {
        ("deploy key", "Add a deploy key")
    } else {
        ("SSH key", "Add an SSH key")
    };

    view! {
        <form
            class="add-key"
            aria-labelledby="add-key-heading"
            aria-busy=move || busy.get().then_some("true")
            on:submit=submit
            novalidate
        >
            <h2 id="add-key-heading">{heading}</h2>
            <div class="field">
                <label for="new-key-title">"Title"</label>
                <input
                    id="new-key-title"
                    type="text"
                    autocomplete="off"
                    aria-describedby="new-key-title-help"
                    prop:value=move || title.get()
                    on:input=move |ev| title.set(event_target_value(&ev))
                />
                <p id="new-key-title-help" class="field__help">
                    {move || title_help(check.get().as_ref())}
                </p>
            </div>
            <div class="field field--wide">
                <label for="new-key-text">"Key"</label>
                <p id="new-key-help" class="field__help">
                    "One public key: the line in your " <code>".pub"</code>
                    " file. It is checked here, in your browser, before anything is sent."
                </p>
                {key_field}
                <div id="new-key-check" class="key-check" aria-live="polite">
                    {move || check.get().map(|check| view! { <KeyCheckView check text /> })}
                </div>
            </div>
            {deploy.then(|| view! { <WriteAccess write /> })}
            {refusal}
            {move || error.get().map(|error| {
                view! { <ProviderError context=format!("Could not add the {noun}") error /> }
            })}
            <div class="add-key__actions">
                <button
                    type="submit"
                    class="button button--primary"
                    disabled=move || busy.get()
                    aria-busy=move || busy.get().then_some("true")
                >
                    "Add key"
                </button>
                <span class="add-key__progress" role="status">
                    {move || busy.get().then_some("Adding the key…")}
                </span>
            </div>
        </form>
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
fn KeyCheckView(check: KeyCheck, text: RwSignal<String>) -> impl IntoView {
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
                <input
                    type="checkbox"
                    prop:checked=move || write.get()
                    on:change=move |ev| write.set(event_target_checked(&ev))
                />
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
