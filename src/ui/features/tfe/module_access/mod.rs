//! "Set up module access": one flow that gives a Terraform organization
//! read access to the GitHub repositories holding its private modules. A
//! new pair is made in this browser; the private half goes only to
//! Terraform (an SSH key) and is then wiped; the public half becomes a
//! read-only deploy key on the chosen repository (GitHub takes a key in one
//! repository only) or an SSH key of a machine user (for several
//! repositories); the fingerprint, the TFE key id and where the public half
//! went are recorded locally for a later rotation.

mod form;
mod plan;
mod run;
mod steps;

use crate::providers::KeyRecord;
use crate::ui::state::Connection;
use leptos::prelude::*;

/// The "Set up module access" button of the TFE section, and the flow it
/// opens.
#[component]
pub(crate) fn ModuleAccess(
    /// The section's connection (it speaks TFE).
    #[prop(into)]
    connection: Signal<Option<Connection>>,
    /// The section's organization.
    #[prop(into)]
    organization: Signal<String>,
    /// Told of the TFE key once Terraform made it.
    on_created: Callback<KeyRecord>,
) -> impl IntoView {
    let open = RwSignal::new(false);
    view! {
        <div class="module-access">
            <button
                type="button"
                class="button button--quiet"
                aria-expanded=move || if open.get() { "true" } else { "false" }
                on:click=move |_| open.update(|o| *o = !*o)
            >
                "Set up module access"
            </button>
            <Show when=move || open.get()>
                <form::ModuleAccessForm connection organization on_created />
            </Show>
        </div>
    }
}
