//! Export of what the page found: the inventory and its findings as CSV or
//! JSON (metadata and public fingerprints only — the entries hold no token
//! or secret to leak), and the public keys of the selected rows as an
//! `authorized_keys` file. Files are made here and saved by the browser;
//! nothing is sent.

use crate::inventory::{self, Entry, Finding};
use leptos::prelude::*;

/// Saves `text` as a file named `name` through the browser's download.
fn download(name: &str, mime: &str, text: &str) {
    #[cfg(target_arch = "wasm32")]
    {
        use wasm_bindgen::JsCast;
        let parts = web_sys::js_sys::Array::of1(&text.into());
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let Ok(blob) = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options) else {
            return;
        };
        let Ok(url) = web_sys::Url::create_object_url_with_blob(&blob) else {
            return;
        };
        let anchor = web_sys::window()
            .and_then(|w| w.document())
            .and_then(|d| d.create_element("a").ok())
            .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok());
        if let Some(anchor) = anchor {
            anchor.set_href(&url);
            anchor.set_download(name);
            anchor.click();
        }
        let _ = web_sys::Url::revoke_object_url(&url);
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = (name, mime, text);
}

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
