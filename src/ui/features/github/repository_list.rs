//! The repositories a GitHub connection reaches, under the repository
//! picker: filtered as the user types, each a link to its deploy keys.
//! Repositories where the user is not an admin are marked, since GitHub
//! answers their deploy keys with 404.

use super::repositories::{filter, load_repositories, Discovered};
use super::repository_picker::parse_repository;
use crate::providers::github::Repository;
use crate::ui::format::count;
use crate::ui::state::Connection;
use crate::ui::widgets::{loaded_items, Listing, Loaded, ProviderError, TextField};
use leptos::prelude::*;

type DiscoveredResource = LocalResource<Listing<Discovered>>;

/// The connection's repositories with a filter. Keyed on the connection:
/// choosing another loads its list, and an older answer is dropped.
#[component]
pub(crate) fn RepositoryList(
    /// The chosen GitHub connection (`None`: nothing to list).
    #[prop(into)]
    connection: Signal<Option<Connection>>,
) -> impl IntoView {
    let found: DiscoveredResource = LocalResource::new(move || {
        let connection = connection.get();
        async move {
            match connection {
                Some(connection) => Some(load_repositories(&connection).await),
                None => None,
            }
        }
    });
    let pending = RwSignal::new(false);
    view! {
        <section
            class="repo-list"
            aria-labelledby="repo-list-heading"
            aria-busy=move || pending.get().then_some("true")
        >
            <div class="key-manager__head">
                <h2 id="repo-list-heading">"Your repositories"</h2>
                <button type="button" class="button button--quiet" on:click=move |_| found.refetch()>
                    "Reload"
                </button>
            </div>
            <p class="field__help">
                "Yours and your organizations', as this connection's token sees them. Deploy \
                 keys need admin access to the repository."
            </p>
            <Loaded
                resource=found
                loading="Loading your repositories…"
                failed="Could not list your repositories"
                set_pending=pending
            >
                <Repositories found />
            </Loaded>
        </section>
    }
}

/// The loaded list: the filter, the count, the rows and the organizations
/// whose list failed.
#[component]
fn Repositories(found: DiscoveredResource) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let all = Memo::new(move |_| loaded_items(found, |d| &d.repositories));
    let shown = Memo::new(move |_| all.with(|all| query.with(|q| filter(all, q))));
    let summary = move || {
        let total = count(all.with(Vec::len), "repository", "repositories");
        if query.with(|q| q.trim().is_empty()) {
            total
        } else {
            format!("{} of {total} match", shown.with(Vec::len))
        }
    };
    let empty = move || {
        if all.with(Vec::is_empty) {
            Some("This connection reaches no repositories.".to_string())
        } else if shown.with(Vec::is_empty) {
            Some(format!("No repository matches “{}”.", query.get().trim()))
        } else {
            None
        }
    };
    let failures = move || {
        found.with(|value| match value {
            Some(Some(Ok(discovered))) => discovered.failures.clone(),
            _ => Vec::new(),
        })
    };
    view! {
        <div class="key-list__tools">
            <TextField
                id="repo-filter"
                label="Filter repositories"
                value=query
                input_type="search"
                placeholder="owner/name"
            />
            <p class="key-list__count" aria-live="polite">{summary}</p>
        </div>
        {move || empty().map(|text| view! { <p class="key-list__empty">{text}</p> })}
        <ul class="repo-list__items" aria-label="Your repositories">
            <For each=move || shown.get() key=|r| r.full_name.clone() let:repository>
                <RepositoryRow repository />
            </For>
        </ul>
        {move || {
            failures()
                .into_iter()
                .map(|(org, error)| {
                    let context = format!("Could not list the repositories of {org}");
                    view! { <ProviderError context error /> }
                })
                .collect_view()
        }}
    }
}

/// One repository: a link to its deploy keys when the user is an admin;
/// otherwise the name, why deploy keys are out of reach, and a quiet link
/// (GitHub leaves out `permissions` for some tokens, so "not admin" may be
/// "not known").
#[component]
fn RepositoryRow(repository: Repository) -> impl IntoView {
    let full_name = repository.full_name.clone();
    // Only names the picker accepts become links: the route checks them too.
    let href = parse_repository(&full_name)
        .ok()
        .map(|(owner, repo)| format!("/repos/{owner}/{repo}/keys"));
    let name = match (&href, repository.admin) {
        (Some(href), true) => {
            view! { <a class="repo-row__name" href=href.clone()>{full_name.clone()}</a> }.into_any()
        }
        _ => view! { <span class="repo-row__name">{full_name.clone()}</span> }.into_any(),
    };
    let not_admin = (!repository.admin).then(|| {
        // The name in hidden text, not an aria-label: the link's name then
        // starts with what it shows (axe's label-content-name-mismatch).
        let anyway = href.map(|href| {
            let whose = format!(" ({full_name})");
            view! {
                <a class="repo-row__anyway" href=href>
                    "Open anyway" <span class="visually-hidden">{whose}</span>
                </a>
            }
        });
        view! {
            <span class="badge badge--warning">"Not admin"</span>
            <span class="repo-row__note">"deploy keys need admin access"</span>
            {anyway}
        }
    });
    let visibility = if repository.private {
        "Private"
    } else {
        "Public"
    };
    let archived = repository
        .archived
        .then(|| view! { <span class="badge">"Archived"</span> });
    view! {
        <li class="repo-row">
            {name}
            <span class="badge">{visibility}</span>
            {archived}
            {not_admin}
        </li>
    }
}
