//! Step 3 without a record: the GitHub connection's repositories
//! (discovery), filtered as the user types, each a checkbox; those where
//! the token is not an admin are disabled (GitHub refuses their deploy keys).

use crate::providers::github::Repository;
use crate::ui::features::github::{filter_repositories, load_repositories, Discovered};
use crate::ui::state::Connection;
use crate::ui::widgets::{loaded_items, Listing, Loaded, TextField};
use leptos::prelude::*;

type Found = LocalResource<Listing<Discovered>>;

#[component]
pub(super) fn RepositoryChoice(
    github: Memo<Option<Connection>>,
    picked: RwSignal<Vec<String>>,
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
    let query = RwSignal::new(String::new());
    let all = Memo::new(move |_| loaded_items(found, |d| &d.repositories));
    let shown = Memo::new(move |_| all.with(|all| query.with(|q| filter_repositories(all, q))));
    view! {
        <fieldset class="tfe-rotation__repositories">
            <legend>"Repositories"</legend>
            <Loaded resource=found loading="Loading your repositories…" failed="Could not list your repositories">
                <TextField id="rotation-filter" label="Filter repositories" value=query input_type="search" />
                <ul class="module-access__choices">
                    <For each=move || shown.get() key=|r| r.full_name.clone() let:repository>
                        <Choice repository picked />
                    </For>
                </ul>
            </Loaded>
        </fieldset>
    }
}

#[component]
fn Choice(repository: Repository, picked: RwSignal<Vec<String>>) -> impl IntoView {
    let name = repository.full_name.clone();
    let id = format!(
        "rotation-repo-{}",
        name.chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect::<String>()
    );
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
            <input type="checkbox" id=id.clone() disabled=!admin prop:checked=checked on:change=toggle />
            <label for=id>{name.clone()}</label>
            {(!admin).then(|| view! { <span class="field__help">" — not an admin here"</span> })}
        </li>
    }
}
