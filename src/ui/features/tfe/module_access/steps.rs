//! The run's steps as they happen, each with its status (pending, running,
//! done, failed and why), one line per repository, and what can be done
//! next: "Retry failed" (only the failures) or "Try again" (from the start,
//! when Terraform never got the key).

use super::plan::{Run, Status};
use crate::ui::features::tfe::key_places::Place;
use crate::ui::format::count;
use leptos::prelude::*;

#[component]
pub(super) fn Steps(
    run: RwSignal<Option<Run>>,
    pending: Memo<bool>,
    retry: Callback<()>,
    again: Callback<()>,
) -> impl IntoView {
    move || {
        run.get().map(|run| {
            let failures = run.failures();
            let retry_shown = run.can_retry();
            let again_shown = run.must_start_over();
            let to_user = run
                .repositories
                .iter()
                .any(|r| matches!(Place::read(&r.repository), Some(Place::MachineUser(_))));
            let third = if to_user {
                "3. Add the public half as an SSH key of the machine user"
            } else {
                "3. Add the public half as a read-only deploy key"
            };
            view! {
                <ol class="module-access__steps" aria-label="Steps" aria-live="polite">
                    <Step label="1. Generate the key pair" status=run.generate.clone() />
                    <Step
                        label="2. Create the Terraform SSH key with the private half"
                        status=run.tfe.clone()
                    />
                    <li class="module-access__step">
                        {third}
                        <ul aria-label="Keys on GitHub">
                            {run
                                .repositories
                                .iter()
                                .map(|r| view! { <Step label=r.repository.clone() status=r.status.clone() /> })
                                .collect_view()}
                        </ul>
                    </li>
                    <Step label="4. Record the fingerprint in this browser" status=run.record.clone() />
                    <Step label="5. Wipe the private key" status=run.wipe.clone() />
                </ol>
                <Next failures=failures.len() to_user retry_shown again_shown pending retry again />
            }
        })
    }
}

#[component]
fn Step(#[prop(into)] label: String, status: Status) -> impl IntoView {
    let word = status.word();
    let detail = status.detail().map(|d| format!(": {d}"));
    view! {
        <li class=format!("module-access__step module-access__step--{word}") data-status=word>
            {label} " — " <strong class="module-access__status">{word}</strong> {detail}
        </li>
    }
}

#[component]
fn Next(
    failures: usize,
    to_user: bool,
    retry_shown: bool,
    again_shown: bool,
    pending: Memo<bool>,
    retry: Callback<()>,
    again: Callback<()>,
) -> impl IntoView {
    let disabled = move || pending.get();
    view! {
        {retry_shown.then(|| view! {
            <p class="field__error" role="alert">
                {if to_user {
                    "The machine user did not get the key (the reason is above). What succeeded \
                     stays; Retry failed sends it again."
                        .to_string()
                } else {
                    format!(
                        "{} did not get the deploy key (reasons above). What succeeded stays; \
                         Retry failed sends only to these.",
                        count(failures, "repository", "repositories")
                    )
                }}
            </p>
            <button type="button" class="button" disabled=disabled on:click=move |_| retry.run(())>
                "Retry failed"
            </button>
        })}
        {again_shown.then(|| view! {
            <p class="field__error" role="alert">
                "Terraform did not get the key, so nothing went to GitHub. The private key was \
                 wiped; Try again makes a new pair."
            </p>
            <button type="button" class="button" disabled=disabled on:click=move |_| again.run(())>
                "Try again"
            </button>
        })}
    }
}
