//! Guided rotation of a TFE organization SSH key (issue 11 §3): a new pair
//! → a new TFE key → its public half on the same repositories (or machine
//! user) → every workspace that used the old key moved to the new one → the
//! old deploy keys (or user key) deleted → the old TFE key deleted. Each
//! step shows where it stands and has its own button; the progress (public
//! facts only) is saved after every step, so a failure or a reload resumes
//! where it stopped.

mod calls;
mod controls;
mod panel;
mod progress;
mod run;

use crate::providers::KeyRecord;
use crate::ui::app::org_path;
use crate::ui::state::uploaded_keys;
use crate::ui::state::Connection;
use leptos::prelude::*;
pub(crate) use run::Rotator;

/// The rotation area of the TFE section: "A rotation … is in progress"
/// (Resume / Abandon) and the open rotation's panel.
#[component]
pub(crate) fn Rotation(
    rotator: Rotator,
    #[prop(into)] connection: Signal<Option<Connection>>,
    #[prop(into)] organization: Signal<String>,
) -> impl IntoView {
    // Storage is not reactive: read again whenever the panel opens or
    // closes (Abandon sets it closed too).
    let saved = Memo::new(move |_| {
        let open = rotator.progress.with(Option::is_some);
        let origin = connection.with(|c| c.as_ref().map(uploaded_keys::api_origin))?;
        let org = organization.with(|o| o.trim().to_string());
        let saved = progress::saved().filter(|_| !open)?;
        Some((saved.is_of(&origin, &org), saved))
    });
    let abandon = move |_| rotator.abandon();
    view! {
        {move || rotator.refused.get().map(|why| view! { <p class="field__error" role="alert">{why}</p> })}
        {move || saved.get().map(|(here, saved)| {
            let name = saved.old_key_name.clone();
            if !here {
                return view! { <Elsewhere saved abandon /> }.into_any();
            }
            let resume = move |_| rotator.show(saved.clone());
            view! {
                <div class="tfe-rotation__resume" role="status">
                    <p>{format!("A rotation of “{name}” is in progress.")}</p>
                    <button type="button" class="button" on:click=resume>"Resume"</button>
                    <button type="button" class="button button--quiet" on:click=abandon>
                        "Abandon"
                    </button>
                </div>
            }
            .into_any()
        })}
        <panel::RotationPanel rotator />
    }
}

/// A rotation saved for another organization or Terraform: where it is,
/// a way there, and Abandon. One rotation at a time keeps the progress
/// simple; this keeps it findable.
#[component]
fn Elsewhere(
    saved: progress::Progress,
    abandon: impl Fn(leptos::ev::MouseEvent) + 'static,
) -> impl IntoView {
    let org = saved.organization.clone();
    view! {
        <div class="tfe-rotation__resume" role="status">
            <p>
                {format!(
                    "A rotation of “{}” in organization “{org}” is in progress (Terraform at {}). \
                     Finish or abandon it before rotating another key.",
                    saved.old_key_name, saved.api_origin
                )}
            </p>
            <a class="button" href=org_path(&org)>{format!("Go to {org}")}</a>
            <button type="button" class="button button--quiet" on:click=abandon>"Abandon"</button>
        </div>
    }
}

/// "Rotate" on a key row: opens its rotation, or the one already under way.
pub(crate) fn open(rotator: Rotator, organization: &str, record: &KeyRecord) {
    let Some(tfe) = rotator.tfe.get_untracked() else {
        return;
    };
    let origin = uploaded_keys::api_origin(&tfe);
    if let Some(saved) = progress::saved() {
        if saved.is_of(&origin, organization) && saved.old_key_id == record.id {
            return rotator.show(saved);
        }
        rotator.busy_elsewhere(&saved.old_key_name);
        return;
    }
    let recorded = uploaded_keys::all().into_iter().find(|k| {
        k.api_origin == origin && k.organization == organization && k.tfe_key_id == record.id
    });
    rotator.show(progress::Progress::new(
        &origin,
        organization,
        &record.id,
        &record.title,
        recorded.as_ref(),
    ));
}
