//! The "Repositories" group of the flow: the GitHub connection's
//! repositories (discovery), filtered as the user types, each a checkbox.
//! Repositories where the token is not an admin are shown disabled, with
//! the reason: GitHub refuses their deploy keys.

use crate::providers::github::Repository;
use crate::ui::features::github::{filter_repositories, load_repositories, Discovered};
use crate::ui::format::count;
use crate::ui::state::Connection;
use crate::ui::widgets::{loaded_items, Listing, Loaded, ProviderError, TextField};
use leptos::prelude::*;

type Found = LocalResource<Listing<Discovered>>;

/// The checkbox group; `picked` holds the chosen `owner/name`s.
#[component]
pub(super) fn RepositoryChoice(
    github: Memo<Option<Connection>>,
    picked: RwSignal<Vec<String>>,
    #[prop(into)] disabled: Signal<bool>,
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
        <fieldset class="module-access__repositories">
            <legend>"Repositories"</legend>
            <p class="field__help">
                "The repository that holds your private modules: it gets the public half as a \
                 read-only deploy key, which needs admin access to it. GitHub takes a key in one \
                 repository only."
            </p>
            <Loaded resource=found loading="Loading your repositories…" failed="Could not list your repositories">
                <Choices found picked disabled />
            </Loaded>
        </fieldset>
    }
}

#[component]
fn Choices(found: Found, picked: RwSignal<Vec<String>>, disabled: Signal<bool>) -> impl IntoView {
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
        <TextField id="module-access-filter" label="Filter repositories" value=query input_type="search" />
        <p class="field__help" aria-live="polite">{summary}</p>
        <ul class="module-access__choices">
            <For each=move || shown.get() key=|r| r.full_name.clone() let:repository>
                <Choice repository picked disabled />
            </For>
        </ul>
        <For each=failures key=|(org, _)| org.clone() let:failure>
            <ProviderError context=format!("Could not list the repositories of {}", failure.0) error=failure.1 />
        </For>
    }
}

#[component]
fn Choice(
    repository: Repository,
    picked: RwSignal<Vec<String>>,
    disabled: Signal<bool>,
) -> impl IntoView {
    let name = repository.full_name.clone();
    let id = format!(
        "module-access-repo-{}",
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
        <li class="module-access__choice">
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
