//! The "Repositories" group of Set up module access and of a rotation
//! without a record: the GitHub connection's repositories (discovery),
//! filtered as the user types, each a checkbox. Repositories where the
//! token is not an admin are shown disabled, with the reason: GitHub
//! refuses their deploy keys.

use crate::providers::github::Repository;
use crate::ui::features::github::{filter_repositories, load_repositories, Discovered};
use crate::ui::format::count;
use crate::ui::state::connections::Api;
use crate::ui::state::{Connection, Connections};
use crate::ui::widgets::{loaded_items, Listing, Loaded, ProviderError, TextField};
use leptos::prelude::*;

/// A connection that can list repositories and add deploy keys.
pub(super) fn is_github(connection: &Connection) -> bool {
    connection.supports(Api::GitHub)
}

/// The GitHub connection whose repositories are offered; choosing another
/// clears the picks (another account's repositories).
#[component]
pub(super) fn GitHubSelect(
    id: &'static str,
    github_id: RwSignal<String>,
    github: Memo<Option<Connection>>,
    picked: RwSignal<Vec<String>>,
    #[prop(into, optional)] disabled: Signal<bool>,
) -> impl IntoView {
    let connections = Connections::get();
    let shown = move || github.with(|c| c.as_ref().map(|c| c.id.clone()).unwrap_or_default());
    view! {
        <div class="field">
            <label for=id>"GitHub connection"</label>
            <select
                id=id
                disabled=move || disabled.get()
                prop:value=shown
                on:change=move |ev| {
                    picked.set(Vec::new());
                    github_id.set(event_target_value(&ev));
                }
            >
                <For each=move || connections.usable(is_github) key=|c| c.id.clone() let:connection>
                    <option value=connection.id.clone() selected=move || shown() == connection.id>
                        {format!("{} · {}", connection.label, connection.provider.name())}
                    </option>
                </For>
            </select>
        </div>
    }
}

type Found = LocalResource<Listing<Discovered>>;

/// The checkbox group; `picked` holds the chosen `owner/name`s. `id` is
/// the filter field's and prefixes the checkboxes', so two flows on one
/// page never share an id.
#[component]
pub(super) fn RepositoryChoice(
    id: &'static str,
    github: Memo<Option<Connection>>,
    picked: RwSignal<Vec<String>>,
    #[prop(into, optional)] disabled: Signal<bool>,
) -> impl IntoView {
    let found: Found = LocalResource::new(move || {
        let connection = github.get();
        async move {
            match connection {
                Some(connection) => Some(load_repositories(&connection).await),
                None => None,
            }
        }
    });
    view! {
        <fieldset class="repository-choice">
            <legend>"Repositories"</legend>
            <p class="field__help">
                "The repository that holds your private modules: it gets the public half as a \
                 read-only deploy key, which needs admin access to it. GitHub takes a key in one \
                 repository only."
            </p>
            <Loaded resource=found loading="Loading your repositories…" failed="Could not list your repositories">
                <Choices id found picked disabled />
            </Loaded>
        </fieldset>
    }
}

#[component]
fn Choices(
    id: &'static str,
    found: Found,
    picked: RwSignal<Vec<String>>,
    disabled: Signal<bool>,
) -> impl IntoView {
    let query = RwSignal::new(String::new());
    let all = Memo::new(move |_| loaded_items(found, |d| &d.repositories));
    let shown = Memo::new(move |_| all.with(|all| query.with(|q| filter_repositories(all, q))));
    let summary = move || {
        let chosen = picked.with(Vec::len);
        let total = count(all.with(Vec::len), "repository", "repositories");
        format!("{chosen} chosen of {total}")
    };
    let failures = move || {
        found.with(|value| match value {
            Some(Some(Ok(found))) => found.failures.clone(),
            _ => Vec::new(),
        })
    };
    view! {
        <TextField id label="Filter repositories" value=query input_type="search" />
        <p class="field__help" aria-live="polite">{summary}</p>
        <ul class="repository-choice__list">
            <For each=move || shown.get() key=|r| r.full_name.clone() let:repository>
                <Choice id repository picked disabled />
            </For>
        </ul>
        <For each=failures key=|(org, _)| org.clone() let:failure>
            <ProviderError context=format!("Could not list the repositories of {}", failure.0) error=failure.1 />
        </For>
    }
}

#[component]
fn Choice(
    id: &'static str,
    repository: Repository,
    picked: RwSignal<Vec<String>>,
    disabled: Signal<bool>,
) -> impl IntoView {
    let name = repository.full_name.clone();
    let id = format!(
        "{id}-repo-{}",
        name.chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect::<String>()
    );
    let reason_id = format!("{id}-why");
    let admin = repository.admin;
    let checked = {
        let name = name.clone();
        move || picked.with(|p| p.contains(&name))
    };
    let toggle = {
        let name = name.clone();
        move |ev: leptos::ev::Event| {
            let on = event_target_checked(&ev);
            picked.update(|p| {
                p.retain(|n| n != &name);
                if on {
                    p.push(name.clone());
                }
            });
        }
    };
    view! {
        <li class="repository-choice__item">
            <input
                type="checkbox"
                id=id.clone()
                aria-describedby=(!admin).then(|| reason_id.clone())
                disabled=move || !admin || disabled.get()
                prop:checked=checked
                on:change=toggle
            />
            <label for=id>{name.clone()}</label>
            {(!admin).then(|| view! {
                <span id=reason_id class="field__help">
                    " — not an admin here: GitHub refuses its deploy keys"
                </span>
            })}
        </li>
    }
}
