//! The new key, once made: its public line, the engine's fingerprint and
//! the time taken; "Download id_ed25519" offered once (the private key is
//! wiped from the page as it is saved), "Download id_ed25519.pub", and
//! "Add to GitHub", which sends the public half through the add form's
//! path (Both is two requests) only after the private key was saved.

use super::pair::{duration, title_for, Made, Pair};
use crate::providers::KeyRecord;
use crate::ui::features::github::add_key_form::AddResult;
use crate::ui::features::github::key_use::{summary, KeyUse, Outcomes};
use crate::ui::features::github::service::{add_key, KeyTarget};
use crate::ui::focus_by_id;
use crate::ui::state::download::download;
use crate::ui::state::Connection;
use leptos::prelude::*;

/// Octet-stream: a browser keeps the name as given (no `.txt`).
const BINARY: &str = "application/octet-stream";
const WIPED_ID: &str = "generated-key-wiped";

/// The new key and what can be done with it.
#[component]
pub(super) fn GeneratedKey(
    made: Made,
    pair: Pair,
    connection: Signal<Option<Connection>>,
    /// The panel's "Key use" and "Title", read when adding.
    key_use: RwSignal<String>,
    title: RwSignal<String>,
    on_added: Callback<(KeyTarget, KeyRecord)>,
) -> impl IntoView {
    let Made {
        line,
        fingerprint,
        millis,
        total_millis,
        encrypted,
    } = made;
    let time = format!(
        "Generated in {} ({} with starting the generator).",
        duration(millis),
        duration(total_millis)
    );
    let public_file = format!("{line}\n");
    let save_public = move |_| download("id_ed25519.pub", BINARY, &public_file);
    let line = StoredValue::new(line);
    view! {
        <section class="generate-key__result" aria-labelledby="generated-key-heading">
            <h3 id="generated-key-heading" tabindex="-1">"Your new key"</h3>
            <p class="key-check__facts">
                "ED25519 · 256 bits · " <code class="fingerprint">{fingerprint}</code>
            </p>
            <p class="generate-key__time">{time}</p>
            <div class="key-check__send">
                <p>"Its public key:"</p>
                <code class="key-line__text">{line.get_value()}</code>
            </div>
            <PrivateDownload pair encrypted />
            <div class="form-actions">
                <button type="button" class="button button--quiet" on:click=save_public>
                    "Download id_ed25519.pub"
                </button>
            </div>
            <AddToGitHub pair line connection key_use title on_added />
        </section>
    }
}

/// "Download id_ed25519" until pressed; then that it was wiped.
#[component]
fn PrivateDownload(pair: Pair, encrypted: bool) -> impl IntoView {
    let downloaded = pair.downloaded;
    let save = move |_| {
        // Taken out, saved, dropped at the end of this block: wiped.
        if let Some(private) = pair.take_private() {
            download("id_ed25519", BINARY, &private);
        }
        downloaded.set(true);
        request_animation_frame(|| focus_by_id(WIPED_ID));
    };
    let protection = if encrypted {
        "It is encrypted with your passphrase."
    } else {
        "It is not encrypted: keep the file where only you can read it."
    };
    move || {
        if downloaded.get() {
            view! {
                <p id=WIPED_ID class="alert alert--info" role="status" tabindex="-1">
                    "The private key was downloaded and wiped from this page; Keyward keeps no copy."
                </p>
            }
            .into_any()
        } else {
            view! {
                <div class="generate-key__private">
                    <p>
                        "The private key is only in this page's memory. Save it now: it is offered \
                         once, then wiped. " {protection} " Put it in "
                        <code>"~/.ssh/id_ed25519"</code> "."
                    </p>
                    <button type="button" class="button" on:click=save>"Download id_ed25519"</button>
                </div>
            }
            .into_any()
        }
    }
}

/// The targets of `chosen` not yet added.
pub(super) fn remaining(chosen: &[KeyTarget], added: &[KeyTarget]) -> Vec<KeyTarget> {
    chosen
        .iter()
        .filter(|target| !added.contains(target))
        .cloned()
        .collect()
}

/// What one "Add to GitHub" sends.
#[derive(Clone)]
struct Send {
    connection: Connection,
    targets: Vec<KeyTarget>,
    title: String,
    line: String,
}

/// "Add to GitHub", enabled once the private key is saved; each target is
/// sent once (a target that took the key is not sent again).
#[component]
fn AddToGitHub(
    pair: Pair,
    line: StoredValue<String>,
    connection: Signal<Option<Connection>>,
    key_use: RwSignal<String>,
    title: RwSignal<String>,
    on_added: Callback<(KeyTarget, KeyRecord)>,
) -> impl IntoView {
    let added = RwSignal::new(Vec::<KeyTarget>::new());
    let add = Action::new_local(move |send: &Send| {
        let send = send.clone();
        async move {
            let mut outcomes: Outcomes = Vec::new();
            for target in send.targets {
                let result =
                    add_key(&send.connection, &target, &send.title, &send.line, true).await;
                let outcome = result.map(|record| {
                    added.try_update(|done| done.push(target.clone()));
                    on_added.run((target.clone(), record));
                });
                outcomes.push((target, outcome));
            }
            outcomes
        }
    });
    let left = move || {
        let chosen = KeyUse::from_value(&key_use.get()).targets();
        added.with(|done| remaining(&chosen, done))
    };
    let blocker = move || {
        if !pair.downloaded.get() {
            Some("Download the private key first: a key on GitHub with no private copy is useless.")
        } else if connection.with(Option::is_none) {
            Some("Choose a connection first.")
        } else {
            None
        }
    };
    let send = move |_| {
        let targets = left();
        if add.pending().get_untracked() || blocker().is_some() || targets.is_empty() {
            return;
        }
        let Some(connection) = connection.get_untracked() else {
            return;
        };
        add.dispatch_local(Send {
            connection,
            targets,
            title: title_for(&title.get_untracked()),
            line: line.get_value(),
        });
    };
    let label = move || match (add.pending().get(), left().is_empty()) {
        (true, _) => "Adding the key…",
        (false, true) => "Added",
        (false, false) => "Add to GitHub",
    };
    let result = move || {
        if add.pending().get() {
            return None;
        }
        let outcomes = add.value().get()?;
        Some(if outcomes.iter().all(|(_, outcome)| outcome.is_ok()) {
            let sentence = summary(&outcomes);
            view! { <p class="alert alert--info" role="status">{sentence}</p> }.into_any()
        } else {
            view! { <AddResult outcomes /> }.into_any()
        })
    };
    view! {
        <div class="generate-key__add">
            <p id="generate-key-add-help" class="field__help">
                {move || blocker().unwrap_or("Adds the public key as the key use chosen above.")}
            </p>
            {result}
            <div class="form-actions">
                <button
                    type="button"
                    class="button"
                    aria-describedby="generate-key-add-help"
                    aria-busy=move || add.pending().get().then_some("true")
                    disabled=move || add.pending().get() || blocker().is_some() || left().is_empty()
                    on:click=send
                >
                    {label}
                </button>
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_targets_not_yet_added_are_sent_again() {
        let both = KeyUse::Both.targets();
        assert_eq!(remaining(&both, &[]), both);
        assert_eq!(remaining(&both, &[KeyTarget::User]), [KeyTarget::Signing]);
        assert_eq!(
            remaining(&KeyUse::Authentication.targets(), &[KeyTarget::User]),
            []
        );
    }
}
