//! `/connections`: the accounts Keyward may act for (coming).

use crate::ui::components::ComingSoon;
use leptos::prelude::*;

#[component]
pub fn ConnectionsPage() -> impl IntoView {
    view! {
        <ComingSoon
            title="Connections"
            intro="The services Keyward manages keys on, and the tokens it uses for them."
        >
            <ul>
                <li>"GitHub: your SSH keys and repositories' deploy keys."</li>
                <li>"HCP Terraform and Terraform Enterprise: organization SSH keys."</li>
                <li>"Astronomer: deployment API tokens."</li>
                <li>"CNB: deploy keys."</li>
                <li>
                    "A Sandbox provider that needs no account, to try every page safely."
                </li>
            </ul>
            <p>
                "Tokens will stay in this browser tab only and go to nothing but the \
                 service they belong to."
            </p>
        </ComingSoon>
    }
}
