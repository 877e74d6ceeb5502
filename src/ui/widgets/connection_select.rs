//! The "Connection" select every provider page starts with.

use crate::ui::state::{Connection, Connections};
use leptos::prelude::*;

/// Lists the connections a page can use (Sandbox first) and writes the
/// chosen id to `selected`. Links to the Connections page to add one.
#[component]
pub(crate) fn ConnectionSelect(
    /// The chosen connection's id (empty: none chosen yet; the page then
    /// uses the first usable one, as `Connections::chosen` says).
    selected: RwSignal<String>,
    /// Which connections fit this page (e.g. GitHub-like ones).
    fits: fn(&Connection) -> bool,
) -> impl IntoView {
    let connections = Connections::get();
    let usable = move || connections.usable(fits);
    // What the page uses (Connections::chosen): the choice, or the first
    // usable connection while there is none.
    let shown = move || {
        selected.with(|id| {
            connections
                .chosen(id, fits)
                .map(|c| c.id)
                .unwrap_or_default()
        })
    };
    view! {
        <div class="field connection-select">
            <label for="connection-select">"Connection"</label>
            <select
                id="connection-select"
                on:change=move |ev| selected.set(event_target_value(&ev))
                prop:value=shown
            >
                <For each=usable key=|c| c.id.clone() let:connection>
                    <option value=connection.id.clone() selected=move || shown() == connection.id>
                        {format!("{} · {}", connection.label, connection.provider.name())}
                    </option>
                </For>
            </select>
            <p class="field__help">
                <a href="/connections">"Add or check a connection"</a>
                " — the Sandbox works without an account."
            </p>
        </div>
    }
}
