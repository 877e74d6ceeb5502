//! The flow's form: the organization (the section's), a GitHub connection,
//! the repositories, the key's name and type; "Create and connect" starts
//! the run, whose steps show below it.

use super::plan::check_form;
use super::run::{Runner, Setup};
use super::steps::Steps;
use crate::providers::KeyRecord;
use crate::ui::features::tfe::destination::{DestinationFields, DestinationState};
use crate::ui::features::tfe::repository_choice::{is_github, GitHubSelect};
use crate::ui::state::keygen::KeyKind;
use crate::ui::state::{Connection, Connections};
use crate::ui::widgets::{FormActions, TextField};
use leptos::prelude::*;

/// What the action is asked to do.
#[derive(Clone)]
pub(super) enum Job {
    Start(Box<Setup>),
    RetryFailed,
}

/// Terraform documents PEM RSA; RSA 4096 comes first and is the default.
const KINDS: [KeyKind; 3] = [KeyKind::Rsa4096, KeyKind::Rsa3072, KeyKind::Ed25519];

fn kind_label(kind: KeyKind) -> String {
    match kind {
        KeyKind::Ed25519 => {
            "Ed25519 (OpenSSH format: works with git, not documented by Terraform)".into()
        }
        kind => format!("{} (PEM, as Terraform documents)", kind.label()),
    }
}

#[component]
pub(super) fn ModuleAccessForm(
    connection: Signal<Option<Connection>>,
    organization: Signal<String>,
    on_created: Callback<KeyRecord>,
) -> impl IntoView {
    let connections = Connections::get();
    let github_id = RwSignal::new(String::new());
    let github = Memo::new(move |_| github_id.with(|id| connections.chosen(id, is_github)));
    let destination = DestinationState::new();
    let name = RwSignal::new(String::new());
    let kind = RwSignal::new(KeyKind::Rsa4096);
    let refused = RwSignal::new(None::<&'static str>);
    let runner = Runner::new(on_created);
    let action = Action::new_local(move |job: &Job| {
        let job = job.clone();
        async move {
            match job {
                Job::Start(setup) => runner.start(*setup).await,
                Job::RetryFailed => runner.retry().await,
            }
        }
    });
    let pending = action.pending();

    let setup = move || -> Result<Setup, &'static str> {
        let org = organization.get_untracked().trim().to_string();
        let (tfe, github) = (connection.get_untracked(), github.get_untracked());
        let title = name.get_untracked().trim().to_string();
        let repositories = check_form(&org, &title, &destination.read(), github.is_some())?;
        let tfe = tfe.ok_or("Choose a Terraform connection above.")?;
        Ok(Setup {
            tfe,
            organization: org,
            github: github.ok_or("Choose a GitHub connection.")?,
            name: title,
            kind: kind.get_untracked(),
            repositories,
        })
    };
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        match setup() {
            Ok(setup) => {
                refused.set(None);
                action.dispatch_local(Job::Start(Box::new(setup)));
            }
            Err(why) => refused.set(Some(why)),
        }
    };
    let retry = Callback::new(move |()| {
        if !pending.get_untracked() {
            action.dispatch_local(Job::RetryFailed);
        }
    });
    let again = Callback::new(move |()| {
        if pending.get_untracked() {
            return;
        }
        // Starts over with a new pair: the old private key is gone.
        match setup() {
            Ok(setup) => {
                action.dispatch_local(Job::Start(Box::new(setup)));
            }
            Err(why) => refused.set(Some(why)),
        }
    });

    view! {
        <form
            class="org-keys__form module-access__form"
            aria-labelledby="module-access-heading"
            on:submit=submit
            aria-busy=move || pending.get().then_some("true")
        >
            <h3 id="module-access-heading">"Set up module access"</h3>
            <p class="field__help">
                "Makes a key pair in this browser. Terraform organization "
                <strong>{move || organization.get()}</strong>
                " gets the private half as an SSH key; GitHub gets the public half, as a \
                 read-only deploy key or as a machine user's key. The private key is never \
                 shown, stored or downloadable, and is wiped as soon as Terraform answers."
            </p>
            <GitHubSelect id="module-access-github" github_id github picked=destination.picked disabled=pending />
            <DestinationFields
                name="module-access-destination"
                filter_id="module-access-filter"
                github
                state=destination
                disabled=pending
            />
            <TextField
                id="module-access-name"
                label="Key name"
                value=name
                required=true
                disabled=pending
                hint="The Terraform SSH key's name and each deploy key's title."
            />
            <KindSelect kind disabled=pending />
            {move || refused.get().map(|why| view! {
                <p class="field__error" role="alert">"Not started: " {why}</p>
            })}
            <FormActions submit="Create and connect" pending_label="Working…" pending />
            <Steps run=runner.run pending retry again />
        </form>
    }
}

#[component]
fn KindSelect(kind: RwSignal<KeyKind>, #[prop(into)] disabled: Signal<bool>) -> impl IntoView {
    view! {
        <div class="field">
            <label for="module-access-kind">"Key type"</label>
            <select
                id="module-access-kind"
                disabled=move || disabled.get()
                prop:value=move || kind.get().wire()
                on:change=move |ev| {
                    if let Some(chosen) = KeyKind::from_wire(&event_target_value(&ev)) {
                        kind.set(chosen);
                    }
                }
            >
                {KINDS
                    .into_iter()
                    .map(|k| view! {
                        <option value=k.wire() selected=move || kind.get() == k>{kind_label(k)}</option>
                    })
                    .collect_view()}
            </select>
        </div>
    }
}
