//! Each step's own controls: the type to make, the GitHub connection and
//! repositories, the workspaces' lines, and the confirm dialogs in front of
//! both deletions.

use super::panel::{Job, Jobs};
use super::progress::{rotated_name, Step};
use super::run::Rotator;
use crate::ui::features::tfe::destination::{DestinationFields, DestinationState};
use crate::ui::features::tfe::repository_choice::{is_github, GitHubSelect};
use crate::ui::state::keygen::KeyKind;
use crate::ui::state::uploaded_keys;
use crate::ui::state::Connections;
use crate::ui::widgets::ConfirmDialog;
use leptos::prelude::*;

#[component]
pub(super) fn StepControls(step: Step, rotator: Rotator, action: Jobs) -> impl IntoView {
    match step {
        Step::Generate => view! { <GenerateControls rotator action /> }.into_any(),
        Step::Create => {
            let name = rotator.progress.with_untracked(|p| {
                p.as_ref()
                    .map(|p| rotated_name(&p.old_key_name, &uploaded_keys::now_rfc3339()))
            });
            view! {
                <p>"The new key's name: " <strong>{name}</strong></p>
                <Continue action job=Job::Create />
            }
            .into_any()
        }
        Step::DeployKeys => view! { <DeployControls rotator action /> }.into_any(),
        Step::Workspaces => view! { <Continue action job=Job::Workspaces /> }.into_any(),
        Step::DeleteDeployKeys => view! { <DeleteDeployKeys rotator action /> }.into_any(),
        Step::DeleteOldKey => view! { <DeleteOldKey rotator action /> }.into_any(),
        Step::Finish => ().into_any(),
    }
}

/// The step's button; a click while a step runs does nothing.
#[component]
fn Continue(
    action: Jobs,
    job: Job,
    #[prop(default = "Continue")] label: &'static str,
) -> impl IntoView {
    let pending = action.pending();
    let job = StoredValue::new(job);
    view! {
        <button
            type="button"
            class="button"
            disabled=move || pending.get()
            on:click=move |_| {
                if !pending.get_untracked() {
                    action.dispatch_local(job.get_value());
                }
            }
        >
            {label}
        </button>
    }
}

#[component]
fn GenerateControls(rotator: Rotator, action: Jobs) -> impl IntoView {
    let known = rotator.progress.with_untracked(|p| {
        p.as_ref()
            .and_then(|p| p.kind.as_deref().and_then(KeyKind::from_wire))
    });
    let kind = RwSignal::new(known.unwrap_or(KeyKind::Rsa4096));
    let job = Signal::derive(move || Job::Generate(kind.get()));
    let choice = match known {
        Some(k) => view! { <p>"Type: " {k.label()} " (as the old key)"</p> }.into_any(),
        None => view! {
            <div class="field">
                <label for="rotation-kind">"Key type"</label>
                <select
                    id="rotation-kind"
                    prop:value=move || kind.get().wire()
                    on:change=move |ev| {
                        if let Some(k) = KeyKind::from_wire(&event_target_value(&ev)) {
                            kind.set(k);
                        }
                    }
                >
                    {[KeyKind::Rsa4096, KeyKind::Ed25519].into_iter().map(|k| view! {
                        <option value=k.wire() selected=move || kind.get() == k>{k.label()}</option>
                    }).collect_view()}
                </select>
            </div>
        }
        .into_any(),
    };
    view! {
        {choice}
        {move || view! { <Continue action job=job.get() /> }}
    }
}

#[component]
fn DeployControls(rotator: Rotator, action: Jobs) -> impl IntoView {
    let connections = Connections::get();
    let (known_api, chosen) = rotator.progress.with_untracked(|p| {
        p.as_ref()
            .map(|p| (p.github_api.clone(), p.repositories.is_some()))
            .unwrap_or_default()
    });
    let preferred = connections
        .usable(is_github)
        .into_iter()
        .find(|c| Some(uploaded_keys::api_origin(c)) == known_api)
        .map(|c| c.id)
        .unwrap_or_default();
    let github_id = RwSignal::new(preferred);
    let github = Memo::new(move |_| github_id.with(|id| connections.chosen(id, is_github)));
    let destination = DestinationState::new();
    let refused = RwSignal::new(None::<&'static str>);
    let pending = action.pending();
    let go = move |_| {
        if pending.get_untracked() {
            return;
        }
        let Some(github) = github.get_untracked() else {
            return refused.set(Some("Choose a GitHub connection."));
        };
        // With a record, its places are used (the choice is not shown).
        let places = match (chosen, destination.read().places()) {
            (true, _) => None,
            (false, Ok(places)) => Some(places),
            (false, Err(why)) => return refused.set(Some(why)),
        };
        refused.set(None);
        action.dispatch_local(Job::DeployKeys(Box::new(github), places));
    };
    view! {
        <GitHubSelect id="rotation-github" github_id github picked=destination.picked />
        {(!chosen).then(|| view! {
            <p class="field__help">
                "Keyward has no record of where this key's public half is on GitHub: pick the \
                 repository that holds your private modules (or none), or the machine user."
            </p>
            <DestinationFields name="rotation-destination" filter_id="rotation-filter" github state=destination />
        })}
        {move || refused.get().map(|why| view! { <p class="field__error" role="alert">{why}</p> })}
        <button type="button" class="button" disabled=move || pending.get() on:click=go>"Continue"</button>
    }
}

/// One line per workspace that used the old key, once they are listed.
#[component]
pub(super) fn WorkspaceLines(rotator: Rotator) -> impl IntoView {
    let listed = move || {
        rotator
            .progress
            .with(|p| p.as_ref().and_then(|p| p.workspaces.clone()))
    };
    move || {
        listed().map(|list| {
            if list.is_empty() {
                return view! { <p>"No workspace used the old key."</p> }.into_any();
            }
            view! {
                <ul class="tfe-rotation__workspaces" aria-label="Workspaces">
                    {list.into_iter().map(|w| {
                        let id = w.id.clone();
                        let why = move || rotator.errors.with(|e| e.get(&id).cloned());
                        let done = w.done;
                        let word = move || match (done, why()) {
                            (true, _) => "moved".to_string(),
                            (false, Some(why)) => format!("failed: {why}"),
                            (false, None) => "to move".to_string(),
                        };
                        view! {
                            <li data-workspace=w.id.clone()>
                                {format!("{} ({}) — ", w.name, w.id)} {word}
                            </li>
                        }
                    }).collect_view()}
                </ul>
            }
            .into_any()
        })
    }
}

#[component]
fn DeleteDeployKeys(rotator: Rotator, action: Jobs) -> impl IntoView {
    let none_known = rotator
        .progress
        .with_untracked(|p| p.as_ref().is_some_and(|p| p.no_old_deploy_keys()));
    if none_known {
        return view! {
            <p>"Check your repositories for deploy keys of the old key yourself, then skip this step."</p>
            <button type="button" class="button" on:click=move |_| rotator.skip_deploy_keys()>"Skip"</button>
        }
        .into_any();
    }
    let open = RwSignal::new(false);
    let pending = action.pending();
    let connections = Connections::get();
    let confirm = Callback::new(move |()| {
        open.set(false);
        action.dispatch_local(Job::DeleteDeployKeys(connections.all()));
    });
    let listed = move || {
        rotator.progress.with(|p| {
            p.iter()
                .flat_map(|p| {
                    p.old_deploy_keys_left()
                        .map(|k| format!("{} (key {})", k.repository, k.key_id))
                })
                .collect::<Vec<_>>()
        })
    };
    view! {
        <button type="button" class="button" disabled=move || pending.get() on:click=move |_| open.set(true)>
            "Delete old deploy keys…"
        </button>
        <ConfirmDialog open title="Delete the old deploy keys?" confirm_label="Delete" busy=pending on_confirm=confirm>
            <p>"GitHub will no longer accept the old key on:"</p>
            <ul>{move || listed().into_iter().map(|k| view! { <li>{k}</li> }).collect_view()}</ul>
        </ConfirmDialog>
    }
    .into_any()
}

#[component]
fn DeleteOldKey(rotator: Rotator, action: Jobs) -> impl IntoView {
    let open = RwSignal::new(false);
    let pending = action.pending();
    let (name, id) = rotator
        .progress
        .with_untracked(|p| {
            p.as_ref()
                .map(|p| (p.old_key_name.clone(), p.old_key_id.clone()))
        })
        .unwrap_or_default();
    let confirm = Callback::new(move |()| {
        open.set(false);
        action.dispatch_local(Job::DeleteOldKey);
    });
    let title = format!("Delete SSH key “{name}”?");
    view! {
        <button type="button" class="button" disabled=move || pending.get() on:click=move |_| open.set(true)>
            "Delete old key…"
        </button>
        <ConfirmDialog open title confirm_label="Delete" busy=pending on_confirm=confirm>
            <p>{format!("“{name}” ({id}) will be deleted from Terraform. No workspace uses it any more.")}</p>
        </ConfirmDialog>
    }
}
