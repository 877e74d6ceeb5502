//! `/orgs` and `/orgs/:org/keys`: keys and tokens an organization owns
//! (coming).

use crate::ui::components::ComingSoon;
use leptos::prelude::*;
use leptos_router::hooks::use_params_map;

#[component]
pub fn OrgKeysPage() -> impl IntoView {
    let params = use_params_map();
    let organization = move || {
        params.with(|p| {
            p.get("org").map(|org| {
                view! {
                    <p class="page__context">"Organization: " <code>{org}</code></p>
                }
            })
        })
    };
    view! {
        <ComingSoon
            title="Organization keys"
            intro="Keys and tokens that belong to an organization rather than to a person."
        >
            {organization}
            <ul>
                <li>
                    "HCP Terraform and Terraform Enterprise organization SSH keys, used to \
                     fetch private modules."
                </li>
                <li>
                    "Astronomer deployment API tokens: list them, create one (its secret is \
                     shown once), and revoke them."
                </li>
            </ul>
        </ComingSoon>
    }
}
