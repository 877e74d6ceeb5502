//! Guided rotation of one deploy key, in three steps: add the new key,
//! watch the machines switch (both keys' last use, refreshed on demand),
//! then delete the old key behind a confirmation. Each step sends its own
//! request once; a failure keeps the panel where it was, ready to retry.
//! Leaving early keeps what was done and says so.

mod logic;
mod new_key;
mod switch;

use super::key_manager::KeysResource;
use super::listed_key::ListedKey;
use super::service::{github_of, KeyTarget};
use crate::providers::github::{self, Operation};
use crate::providers::{ApiError, KeyRecord};
use crate::ui::state::{client, Connection};
use leptos::prelude::*;
use new_key::NewKeyStep;
use switch::SwitchStep;

/// What every step reads and writes. `old` and `new` are GitHub's latest
/// records of the two keys.
#[derive(Clone, Copy)]
pub(super) struct Rotation {
    target: StoredValue<KeyTarget>,
    connection: Signal<Option<Connection>>,
    /// The page's list, kept in step with what the panel changes.
    keys: KeysResource,
    old: RwSignal<KeyRecord>,
    new: RwSignal<Option<KeyRecord>>,
    deleted: RwSignal<bool>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Step {
    NewKey,
    Switch,
    Done,
}

const HEADING: &str = "rotation-heading";

/// The rotation panel for `old`. `on_close` runs with a sentence for
/// screen readers when the user leaves (or the connection changes).
#[component]
pub(crate) fn DeployKeyRotation(
    target: KeyTarget,
    connection: Signal<Option<Connection>>,
    keys: KeysResource,
    listed: Memo<Vec<ListedKey>>,
    old: ListedKey,
    on_close: Callback<String>,
) -> impl IntoView {
    let rotation = Rotation {
        target: StoredValue::new(target),
        connection,
        keys,
        old: RwSignal::new(old.record.clone()),
        new: RwSignal::new(None),
        deleted: RwSignal::new(false),
    };
    close_on_new_connection(connection, on_close);
    let step =
        Memo::new(
            move |_| match (rotation.new.with(Option::is_some), rotation.deleted.get()) {
                (false, _) => Step::NewKey,
                (true, false) => Step::Switch,
                (true, true) => Step::Done,
            },
        );
    request_animation_frame(|| crate::ui::focus_by_id(HEADING));
    let name = old.name();
    let body = move || match step.get() {
        Step::NewKey => view! { <NewKeyStep rotation listed old=old.clone() /> }.into_any(),
        Step::Switch => view! { <SwitchStep rotation /> }.into_any(),
        Step::Done => done(rotation).into_any(),
    };
    view! {
        <section class="rotation" aria-labelledby=HEADING>
            <h2 id=HEADING tabindex="-1">{format!("Rotate “{name}”")}</h2>
            <StepList step />
            {body}
            <Leave step on_close />
        </section>
    }
}

/// The three steps, the current one marked for assistive technology.
#[component]
fn StepList(step: Memo<Step>) -> impl IntoView {
    let items = [
        (Step::NewKey, "New key"),
        (Step::Switch, "Switch your machines"),
        (Step::Done, "Delete the old key"),
    ];
    view! {
        <ol class="rotation__steps" aria-label="Rotation steps">
            {items
                .into_iter()
                .map(|(at, label)| {
                    let now = move || step.get();
                    let current = move || (now() == at && at != Step::Done).then_some("step");
                    let done = move || {
                        (now() > at || now() == Step::Done)
                            .then(|| view! { <span class="visually-hidden">" (done)"</span> })
                    };
                    view! { <li aria-current=current>{label} {done}</li> }
                })
                .collect_view()}
        </ol>
    }
}

/// "Cancel rotation" (or "Close" once done), saying what leaving keeps.
#[component]
fn Leave(step: Memo<Step>, on_close: Callback<String>) -> impl IntoView {
    let leave = move |_| {
        let sentence = match step.get_untracked() {
            Step::NewKey => "Rotation cancelled. Nothing was changed.",
            Step::Switch => "Rotation cancelled. The new key stays; the old key is not deleted.",
            Step::Done => "Rotation closed.",
        };
        on_close.run(sentence.to_string());
    };
    let note = move || {
        (step.get() == Step::Switch).then(|| {
            view! {
                <p class="field__help">
                    "Cancelling keeps what was done: the new key stays; the old key is not deleted."
                </p>
            }
        })
    };
    let label = move || {
        if step.get() == Step::Done {
            "Close"
        } else {
            "Cancel rotation"
        }
    };
    view! {
        <div class="rotation__leave">
            <button type="button" class="button button--quiet" on:click=leave>
                {label}
            </button>
            {note}
        </div>
    }
}

/// The panel's last words: which key replaced which.
fn done(rotation: Rotation) -> impl IntoView {
    let old = ListedKey::from_record(rotation.old.get_untracked()).name();
    let new = rotation
        .new
        .get_untracked()
        .map(|record| ListedKey::from_record(record).name())
        .unwrap_or_default();
    view! {
        <p class="alert alert--info" role="status">
            {format!("Done. “{new}” replaces “{old}”, which is deleted.")}
        </p>
    }
}

/// Another connection is another GitHub: a half-done rotation there
/// means nothing here, so the panel closes.
fn close_on_new_connection(connection: Signal<Option<Connection>>, on_close: Callback<String>) {
    let id = Memo::new(move |_| connection.with(|c| c.as_ref().map(|c| c.id.clone())));
    Effect::new(move |seen: Option<()>| {
        id.track();
        if seen.is_some() {
            on_close.run("Rotation closed: the connection changed.".to_string());
        }
    });
}

/// GitHub's current record of one deploy key of `target`.
async fn read_key(
    connection: &Connection,
    target: &KeyTarget,
    id: &str,
) -> Result<KeyRecord, ApiError> {
    let KeyTarget::Repository { owner, repo } = target else {
        return Err(ApiError::unexpected(0, "only deploy keys are rotated here"));
    };
    let github = github_of(connection)?;
    let request = github.get_deploy_key(connection.token(), owner, repo, id)?;
    let response = client::send(connection, request).await?;
    github::parse_key(&response, Operation::GetDeployKey)
}
