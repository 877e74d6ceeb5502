//! The rotation's panel: the six steps in order, each with its status, what
//! it did, the provider's error when it failed, and (for the step to do)
//! its own controls and Continue button.

use super::controls::{StepControls, WorkspaceLines};
use super::progress::{Progress, Step};
use super::run::{step_key, Rotator};
use crate::ui::features::tfe::key_places::Place;
use crate::ui::state::keygen::KeyKind;
use crate::ui::state::Connection;
use leptos::prelude::*;

/// What the panel's one action is asked to do.
#[derive(Clone)]
pub(super) enum Job {
    Generate(KeyKind),
    Create,
    DeployKeys(Box<Connection>, Option<Vec<String>>),
    Workspaces,
    DeleteDeployKeys(Vec<Connection>),
    DeleteOldKey,
}

pub(super) type Jobs = Action<Job, ()>;

#[component]
pub(super) fn RotationPanel(rotator: Rotator) -> impl IntoView {
    let action: Jobs = Action::new_local(move |job: &Job| {
        let job = job.clone();
        async move {
            match job {
                Job::Generate(kind) => rotator.generate(kind).await,
                Job::Create => rotator.create().await,
                Job::DeployKeys(github, picked) => rotator.add_deploy_keys(*github, picked).await,
                Job::Workspaces => rotator.move_workspaces().await,
                Job::DeleteDeployKeys(connections) => rotator.delete_deploy_keys(connections).await,
                Job::DeleteOldKey => rotator.delete_old_key().await,
            }
        }
    });
    let name = move || {
        rotator
            .progress
            .with(|p| p.as_ref().map(|p| p.old_key_name.clone()))
    };
    let current = Memo::new(move |_| {
        let has_pair = rotator.has_pair.get();
        rotator
            .progress
            .with(|p| p.as_ref().map(|p| p.current(has_pair)))
    });
    move || {
        name().map(|name| {
            let finished = move || current.get() == Some(Step::Finish);
            view! {
                <section class="tfe-rotation" aria-labelledby="rotation-heading" aria-busy=move || action.pending().get().then_some("true")>
                    <h3 id="rotation-heading">{format!("Rotate “{name}”")}</h3>
                    <p class="field__help">
                        "Terraform's advice: create a new key, move every workspace to it, then delete \
                         the old one. The private key lives only in this page's memory until Terraform \
                         holds it. Progress (never the private key or a token) is kept in this browser, \
                         so you can resume after a failure or a reload."
                    </p>
                    <ol class="tfe-rotation__steps" aria-label="Rotation steps">
                        {Step::ALL.into_iter().map(|step| view! { <StepItem step rotator current action /> }).collect_view()}
                    </ol>
                    <p role="status" aria-live="polite" class="tfe-rotation__note">{move || rotator.note.get()}</p>
                    <div class="form-actions">
                        <Show
                            when=finished
                            fallback=move || view! {
                                <button type="button" class="button button--quiet" on:click=move |_| rotator.close()>
                                    "Close (resume later)"
                                </button>
                                <button type="button" class="button button--quiet" on:click=move |_| rotator.abandon()>
                                    "Abandon rotation"
                                </button>
                            }
                        >
                            <button type="button" class="button" on:click=move |_| rotator.close()>"Close"</button>
                        </Show>
                    </div>
                </section>
            }
        })
    }
}

/// One step: number, title, status word, what it did, its error.
#[component]
fn StepItem(
    step: Step,
    rotator: Rotator,
    current: Memo<Option<Step>>,
    action: Jobs,
) -> impl IntoView {
    let error = move || rotator.errors.with(|e| e.get(&step_key(step)).cloned());
    let word = move || match current.get() {
        Some(now) if step < now => "done",
        Some(now) if step == now && error().is_some() => "failed",
        Some(now) if step == now => "to do",
        _ => "waiting",
    };
    let detail = move || {
        rotator
            .progress
            .with(|p| p.as_ref().and_then(|p| detail(step, p)))
    };
    let is_current = move || current.get() == Some(step);
    view! {
        <li class="tfe-rotation__step" data-status=word aria-label=format!("Step {}", step.number())>
            <h4>{format!("Step {}: {}", step.number(), step.title())} " — " <strong>{word}</strong></h4>
            {move || detail().map(|d| view! { <p class="tfe-rotation__detail">{d}</p> })}
            {move || error().map(|why| view! { <p class="field__error" role="alert">{why}</p> })}
            {(step == Step::Workspaces).then(|| view! { <WorkspaceLines rotator /> })}
            <Show when=is_current>
                <StepControls step rotator action />
            </Show>
        </li>
    }
}

/// What a step did, in words (the lists of steps 3-5 are in the controls).
fn detail(step: Step, p: &Progress) -> Option<String> {
    let new = p.new_key.as_ref();
    match step {
        Step::Generate => p.kind.as_deref().and_then(KeyKind::from_wire).map(|k| format!("Type: {}", k.label())),
        Step::Create => new.map(|k| {
            format!(
                "“{}” ({}) holds the private half; its public half is {}. The private key was wiped.",
                k.name, k.id, k.fingerprint
            )
        }),
        Step::DeployKeys => p.repositories.as_ref().map(|repos| {
            if repos.is_empty() {
                return "No repository chosen.".to_string();
            }
            repos
                .iter()
                .map(|r| match r.key_id {
                    Some(id) => {
                        let kind = Place::read(&r.repository).map_or("key", |p| p.kind_of_key());
                        format!("{}: {kind} {id}", r.repository)
                    }
                    None => format!("{}: not yet", r.repository),
                })
                .collect::<Vec<_>>()
                .join("; ")
        }),
        Step::Workspaces | Step::Finish => None,
        Step::DeleteDeployKeys => {
            if p.old_deploy_keys_skipped {
                Some("Skipped: no old deploy key is known.".into())
            } else if p.no_old_deploy_keys() {
                Some("No old deploy key is known for this key (it was not set up through Keyward).".into())
            } else {
                Some(
                    p.old_deploy_keys
                        .iter()
                        .map(|k| {
                            let state = if k.deleted { "deleted" } else { "still there" };
                            format!("{} key {}: {state}", k.place.repository, k.place.key_id)
                        })
                        .collect::<Vec<_>>()
                        .join("; "),
                )
            }
        }
        Step::DeleteOldKey => p.old_key_deleted.then(|| format!("“{}” is deleted.", p.old_key_name)),
    }
}
