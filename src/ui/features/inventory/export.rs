//! Export of what the page found: the inventory and its findings as CSV or
//! JSON (metadata and public fingerprints only — the entries hold no token
//! or secret to leak), and the public keys of the selected rows as an
//! `authorized_keys` file. Files are made here and saved by the browser;
//! nothing is sent.

use crate::inventory::{self, Entry, Finding};
use crate::ui::state::download::download;
use leptos::prelude::*;

#[component]
pub(crate) fn ExportButtons(
    #[prop(into)] entries: Signal<Vec<Entry>>,
    #[prop(into)] findings: Signal<Vec<Finding>>,
    selected: RwSignal<Vec<usize>>,
) -> impl IntoView {
    let csv = move |_| {
        let text = entries.with(|e| findings.with(|f| inventory::to_csv(e, f)));
        download("keyward-inventory.csv", "text/csv", &text);
    };
    let json = move |_| {
        let text = entries.with(|e| findings.with(|f| inventory::to_json(e, f)));
        download("keyward-inventory.json", "application/json", &text);
    };
    let authorized = move |_| {
        let text = entries.with(|e| selected.with(|s| inventory::authorized_keys(e, s)));
        // Not text/plain: browsers would save it as authorized_keys.txt.
        download("authorized_keys", "application/octet-stream", &text);
    };
    let empty = move || entries.with(Vec::is_empty);
    let nothing_selected = move || selected.with(Vec::is_empty);
    view! {
        <div class="inventory-export" role="group" aria-label="Export">
            <button type="button" class="button button--quiet" disabled=empty on:click=csv>
                "Export CSV"
            </button>
            <button type="button" class="button button--quiet" disabled=empty on:click=json>
                "Export JSON"
            </button>
            <button type="button" class="button button--quiet" disabled=nothing_selected on:click=authorized>
                "Download authorized_keys"
            </button>
            <p class="field__help">
                "Exports hold names, places, dates and public fingerprints — never a token or a \
                 secret. " <code>"authorized_keys"</code> " takes the public keys of the rows you tick."
            </p>
        </div>
    }
}
