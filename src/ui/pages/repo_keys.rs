//! `/repos` and `/repos/:owner/:repo/keys`: deploy keys of one repository
//! (coming).

use crate::ui::components::ComingSoon;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn RepoKeysPage() -> impl IntoView {
    let params = use_params_map();
    // Shown only when the URL names a repository (not on the `/repos` entry).
    let repository = move || {
        params.with(|p| match (p.get("owner"), p.get("repo")) {
            (Some(owner), Some(repo)) => Some(view! {
                <p class="page__context">
                    "Repository: " <code>{format!("{owner}/{repo}")}</code>
                </p>
            }),
            _ => None,
        })
    };
    view! {
        <ComingSoon
            title="Repository keys"
            intro="Deploy keys: SSH keys that give one machine access to one repository."
        >
            {repository}
            <ul>
                <li>"List, add and remove GitHub deploy keys, read-only or with write access."</li>
                <li>"The same for CNB deploy keys."</li>
                <li>
                    "Every key is checked by the inspector first, and the page warns when one \
                     key is used by several repositories."
                </li>
            </ul>
        </ComingSoon>
    }
}
