//! `/keys`: every key and token from every connection in one place — where
//! each one is, which are the same key, and what is wrong with them.

use crate::inventory;
use crate::ui::features::inventory::{
    ExportButtons, FindKey, Findings, InventoryTable, PolicyForm, Scan, ScanPanel,
};
use crate::ui::state::policy;
use leptos::prelude::*;

#[component]
pub(crate) fn AllKeysPage() -> impl IntoView {
    crate::ui::set_page_title("All keys");
    let scan = Scan::new();
    let policy = policy::signal();
    let entries = Signal::derive(move || scan.entries.get());
    let selected = RwSignal::new(Vec::<usize>::new());
    let findings = Memo::new(move |_| {
        let now = (crate::ui::now_ms() / 1_000.0) as u64;
        entries.with(|e| policy.with(|p| inventory::findings(e, p, now)))
    });
    let findings = Signal::derive(move || findings.get());
    view! {
        <section class="page page--inventory">
            <h1>"All keys"</h1>
            <p class="page__lead">
                "Every key and token of every connection, read now: where each one is, which are \
                 the same key, and what needs attention. Fingerprints are computed in your browser \
                 from the keys themselves, as " <code>"ssh-keygen -l"</code> " prints them."
            </p>
            <ScanPanel scan />
            <FindKey entries />
            <Findings entries findings />
            <PolicyForm policy />
            <InventoryTable entries selected />
            <ExportButtons entries findings selected />
        </section>
    }
}
