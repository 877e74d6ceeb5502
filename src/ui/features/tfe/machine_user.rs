//! "An SSH key of a machine user": for modules in several repositories,
//! which one deploy key cannot serve (GitHub takes a key once). The public
//! half becomes an SSH key of the GitHub connection's own account, so
//! Terraform can clone whatever that account can read — and push wherever it
//! can write. The page names the account, lists what it reaches, flags
//! where it is an admin, and starts nothing until the user confirms it is a
//! read-only machine user.

use super::key_places::account_login;
use crate::providers::github::Repository;
use crate::providers::ApiError;
use crate::ui::features::github::load_repositories;
use crate::ui::format::count;
use crate::ui::state::Connection;
use crate::ui::widgets::ProviderError;
use leptos::prelude::*;

/// What GitHub says of the connection's account.
#[derive(Clone)]
struct Account {
    login: String,
    repositories: Vec<Repository>,
}

async fn account(github: Connection) -> Result<Account, ApiError> {
    let login = account_login(&github).await?;
    let repositories = load_repositories(&github).await?.repositories;
    Ok(Account {
        login,
        repositories,
    })
}

#[component]
pub(crate) fn MachineUserChoice(
    github: Memo<Option<Connection>>,
    /// Set once GitHub said whose token it is; cleared on a change.
    login: RwSignal<Option<String>>,
    confirmed: RwSignal<bool>,
    #[prop(into, optional)] disabled: Signal<bool>,
) -> impl IntoView {
    let found = LocalResource::new(move || {
        let connection = github.get();
        async move {
            match connection {
                Some(connection) => Some(account(connection).await),
                None => None,
            }
        }
    });
    // Another account must be confirmed again.
    Effect::new(move || {
        let known = found.with(|f| match f {
            Some(Some(Ok(account))) => Some(account.login.clone()),
            _ => None,
        });
        if login.get_untracked() != known {
            confirmed.set(false);
            login.set(known);
        }
    });
    let shown = move || {
        found.with(|f| match f {
            None => {
                view! { <p aria-busy="true">"Asking GitHub whose token this is…"</p> }.into_any()
            }
            Some(None) => view! { <p>"Choose a GitHub connection."</p> }.into_any(),
            Some(Some(Err(error))) => view! {
                <ProviderError context="Could not tell whose token this is" error=error.clone() />
            }
            .into_any(),
            Some(Some(Ok(account))) => {
                view! { <AccountFacts account=account.clone() confirmed disabled /> }.into_any()
            }
        })
    };
    view! { <div class="machine-user" aria-live="polite">{shown}</div> }
}

#[component]
fn AccountFacts(
    account: Account,
    confirmed: RwSignal<bool>,
    disabled: Signal<bool>,
) -> impl IntoView {
    let Account {
        login,
        repositories,
    } = account;
    let admin: Vec<String> = repositories
        .iter()
        .filter(|r| r.admin)
        .map(|r| r.full_name.clone())
        .collect();
    let reach = count(repositories.len(), "repository", "repositories");
    let names = repositories
        .iter()
        .map(|r| view! { <li>{r.full_name.clone()}</li> })
        .collect_view();
    view! {
        <p>
            "The public half becomes an SSH key of " <strong>"@" {login.clone()}</strong>
            ", the account of this GitHub connection. Terraform can then clone every repository \
             @" {login.clone()} " can read — and push to any it can write. Use an account made \
             for this, with read access to the module repositories only."
        </p>
        <details>
            <summary>{format!("@{login} reaches {reach}")}</summary>
            <ul class="machine-user__repositories">{names}</ul>
        </details>
        {(!admin.is_empty()).then(|| view! {
            <p class="field__error" role="alert">
                {format!(
                    "@{login} is an admin of {}: {}. Terraform could change them. Prefer an \
                     account with read access only.",
                    count(admin.len(), "repository", "repositories"),
                    admin.join(", ")
                )}
            </p>
        })}
        <label class="destination__choice">
            <input
                type="checkbox"
                disabled=move || disabled.get()
                prop:checked=move || confirmed.get()
                on:change=move |ev| confirmed.set(event_target_checked(&ev))
            />
            {format!(" @{login} is a machine user that may only read the module repositories")}
        </label>
    }
}
