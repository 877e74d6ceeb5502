//! `/repos` and `/repos/:owner/:repo/keys`: pick a repository (typed, or
//! from the connection's list), then manage its GitHub deploy keys
//! (read-only unless write access is asked for).
//! The page wires the pieces together; the components do the work.

use crate::ui::features::cnb::CnbDeployKeys;
use crate::ui::features::cnb::CnbScope;
use crate::ui::features::github::parse_repository;
use crate::ui::features::github::GitHubKeyManager;
use crate::ui::features::github::KeyTarget;
use crate::ui::features::github::RepositoryList;
use crate::ui::features::github::RepositoryPicker;
use crate::ui::state::connections::Api;
use crate::ui::state::{Connection, Connections};
use crate::ui::widgets::ConnectionSelect;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

/// The Sandbox's seeded CNB repository, so the CNB section works with
/// nothing typed.
const SANDBOX_CNB_REPO: &str = "sandbox-org/hello";

/// GitHub, GitHub Enterprise Server and the Sandbox speak the same API;
/// CNB connections get the CNB section.
fn fits(connection: &Connection) -> bool {
    connection.supports(Api::GitHub) || connection.supports(Api::Cnb)
}

#[component]
pub(crate) fn RepoKeysPage() -> impl IntoView {
    crate::ui::set_page_title("Repository keys");
    let params = use_params_map();
    // The route's names are checked like typed ones: a bad deep link gets
    // a message, never a request.
    let named = Memo::new(move |_| {
        params.with(|p| match (p.get("owner"), p.get("repo")) {
            (Some(owner), Some(repo)) => Some(parse_repository(&format!("{owner}/{repo}"))),
            _ => None,
        })
    });
    let repository = Signal::derive(move || named.get().and_then(Result::ok));
    let connections = Connections::get();
    let selected = RwSignal::new(String::new());
    // Not a memo: a memo's change reaches a resource created in the same
    // tick as a "check", and Leptos 0.8 then resolves the resource's first
    // (stale, connection-less) load instead of loading again.
    let connection = Signal::derive(move || selected.with(|id| connections.chosen(id, fits)));
    let shows_github =
        move || connection.with(|c| c.as_ref().is_some_and(|c| c.supports(Api::GitHub)));
    let shows_cnb = move || connection.with(|c| c.as_ref().is_some_and(|c| c.supports(Api::Cnb)));
    let cnb_repository = Signal::derive(move || {
        let sandbox = connection.with(|c| c.as_ref().is_some_and(Connection::is_sandbox));
        match repository.get() {
            _ if sandbox => SANDBOX_CNB_REPO.to_string(),
            Some((owner, repo)) => format!("{owner}/{repo}"),
            None => String::new(),
        }
    });
    let keys = move || match named.get() {
        None => view! {
            <p class="hint">"Choose a repository to see and manage its deploy keys."</p>
            <RepositoryList connection />
        }
        .into_any(),
        Some(Err(problem)) => {
            view! { <p class="alert alert--danger" role="alert">{problem}</p> }.into_any()
        }
        Some(Ok((owner, repo))) => {
            crate::ui::set_page_title(&format!("{owner}/{repo} · Repository keys"));
            view! {
                <p class="page__context">
                    "Repository: " <code>{format!("{owner}/{repo}")}</code>
                </p>
                <GitHubKeyManager target=KeyTarget::Repository { owner, repo } connection />
            }
            .into_any()
        }
    };
    view! {
        <section class="page page--keys">
            <h1>"Repository keys"</h1>
            <p class="page__lead">
                "Deploy keys: SSH keys that give one machine access to one repository. \
                 Read-only unless you allow write access."
            </p>
            <ConnectionSelect selected fits />
            <Show when=shows_github>
                <RepositoryPicker current=repository />
                {keys}
            </Show>
            <Show when=shows_cnb>
                <section class="repo-keys__cnb" aria-labelledby="repo-keys-cnb">
                    <h2 id="repo-keys-cnb">"CNB repository deploy keys"</h2>
                    <CnbDeployKeys
                        scope=CnbScope::Repository
                        resource=cnb_repository
                        connection
                    />
                </section>
            </Show>
        </section>
    }
}
