//! `/user/keys`: the SSH keys and SSH signing keys of the signed-in GitHub
//! account (list, add as either or both, delete), and any user's public
//! keys. The page only wires the pieces
//! together: the components do the work, the engine checks every key.

use crate::ui::features::github::PublicKeysLookup;
use crate::ui::features::github::UserKeyManager;
use crate::ui::state::connections::Api;
use crate::ui::state::{Connection, Connections};
use crate::ui::widgets::ConnectionSelect;
use leptos::prelude::*;

/// GitHub, GitHub Enterprise Server and the Sandbox speak the same API.
fn is_github(connection: &Connection) -> bool {
    connection.supports(Api::GitHub)
}

#[component]
pub(crate) fn UserKeysPage() -> impl IntoView {
    crate::ui::set_page_title("User keys");
    let connections = Connections::get();
    let selected = RwSignal::new(String::new());
    // Not a memo: a memo's change reaches a resource created in the same
    // tick as a "check", and Leptos 0.8 then resolves the resource's first
    // (stale, connection-less) load instead of loading again.
    let connection = Signal::derive(move || selected.with(|id| connections.chosen(id, is_github)));
    view! {
        <section class="page page--keys">
            <h1>"User keys"</h1>
            <p class="page__lead">
                "The SSH keys that let you into GitHub as yourself, and those that sign your \
                 commits. Fingerprints are computed in your browser from the keys themselves, as "
                <code>"ssh-keygen -l"</code>
                " prints them; every key you add is checked first."
            </p>
            <ConnectionSelect selected fits=is_github />
            <UserKeyManager connection />
            <PublicKeysLookup connection />
        </section>
    }
}
