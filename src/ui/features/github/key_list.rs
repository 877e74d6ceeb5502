//! The list of GitHub keys (SSH, signing or deploy keys): a filter box, a
//! sort order, and one row per key with its title, type, size,
//! fingerprint, dates and access flags.

use super::listed_key::{filter_and_sort, ListedKey, SortOrder};
use super::service::KeyTarget;
use crate::ui::format::{count, short_date};
use crate::ui::widgets::{CopyButton, TextField};
use leptos::prelude::*;

/// Every key, filtered and sorted as the user asks; "Delete" on each row
/// hands the key to `on_delete` (the page asks for confirmation).
#[component]
pub(crate) fn KeyList(
    /// The keys to show, all pages already loaded.
    #[prop(into)]
    keys: Signal<Vec<ListedKey>>,
    /// Whose keys: deploy keys say read-only or read/write; signing keys
    /// have no last use (GitHub records none).
    target: KeyTarget,
    /// Runs when a row's "Delete" is pressed.
    on_delete: Callback<ListedKey>,
    /// Runs when a row's "Rotate" is pressed; no such button without it.
    #[prop(default = None)]
    on_rotate: Option<Callback<ListedKey>>,
    /// The list's accessible name: "Your SSH keys".
    label: &'static str,
) -> impl IntoView {
    let ids = ListIds::of(&target);
    let row = RowKind {
        deploy: target.is_deploy(),
        signing: target.is_signing(),
        prefix: target.id_prefix(),
    };
    let query = RwSignal::new(String::new());
    let order_value = RwSignal::new(SortOrder::Newest.value().to_string());
    let order = move || order_value.with(|value| SortOrder::from_value(value));
    let shown = Memo::new(move |_| keys.with(|k| query.with(|q| filter_and_sort(k, q, order()))));
    let total = move || keys.with(Vec::len);
    let (one, many) = ids.nouns;
    let summary = move || {
        let all = total();
        let matching = shown.with(Vec::len);
        if query.with(|q| q.trim().is_empty()) {
            count(all, one, many)
        } else {
            format!("{matching} of {} match", count(all, one, many))
        }
    };
    let empty = move || {
        if total() == 0 {
            Some(ids.empty.to_string())
        } else if shown.with(Vec::is_empty) {
            Some(format!("No key matches “{}”.", query.get().trim()))
        } else {
            None
        }
    };
    view! {
        <div class="key-list">
            <div class="key-list__tools">
                <TextField
                    id=ids.filter
                    label=ids.filter_label
                    value=query
                    input_type="search"
                    placeholder="Title or fingerprint"
                />
                <div class="field">
                    <label for=ids.sort>{ids.sort_label}</label>
                    <select id=ids.sort bind:value=order_value>
                        {SortOrder::ALL
                            .into_iter()
                            .map(|o| view! { <option value=o.value()>{o.label()}</option> })
                            .collect_view()}
                    </select>
                </div>
                <p class="key-list__count" aria-live="polite">{summary}</p>
            </div>
            {move || empty().map(|text| view! { <p class="key-list__empty">{text}</p> })}
            <ul class="key-list__items" aria-label=label>
                // Keyed by what a row shows that can change, not the id
                // alone: two connections (the Sandbox, an emulator) reuse
                // ids, and a refreshed key has a new last use.
                <For
                    each=move || shown.get()
                    key=|k| (k.record.id.clone(), k.sha256.clone(), k.record.last_used_at.clone())
                    let:key
                >
                    <KeyRow key row on_delete on_rotate />
                </For>
            </ul>
        </div>
    }
}

/// The words and element ids of one list: the User keys page shows two
/// lists, so each has its own (and labels that do not contain the other's).
#[derive(Clone, Copy)]
struct ListIds {
    filter: &'static str,
    filter_label: &'static str,
    sort: &'static str,
    sort_label: &'static str,
    nouns: (&'static str, &'static str),
    empty: &'static str,
}

impl ListIds {
    fn of(target: &KeyTarget) -> Self {
        if target.is_signing() {
            ListIds {
                filter: "signing-key-filter",
                filter_label: "Search signing keys",
                sort: "signing-key-sort",
                sort_label: "Order signing keys",
                nouns: ("signing key", "signing keys"),
                empty: "No signing keys yet. Add one with the form below, as a Signing key.",
            }
        } else {
            ListIds {
                filter: "key-filter",
                filter_label: "Filter",
                sort: "key-sort",
                sort_label: "Sort by",
                nouns: ("key", "keys"),
                empty: "No keys yet. Add one with the form below.",
            }
        }
    }
}

/// What a row shows for its list's kind of key.
#[derive(Clone, Copy)]
struct RowKind {
    deploy: bool,
    signing: bool,
    /// The start of the row's element ids (`key`, `signing-key`).
    prefix: &'static str,
}

/// One key. Focusable (tabindex -1) so the page can move focus to a key
/// it just added.
#[component]
fn KeyRow(
    key: ListedKey,
    row: RowKind,
    on_delete: Callback<ListedKey>,
    on_rotate: Option<Callback<ListedKey>>,
) -> impl IntoView {
    let RowKind {
        deploy,
        signing,
        prefix,
    } = row;
    let id = key.record.id.clone();
    let title_id = format!("{prefix}-title-{id}");
    let name = key.name();
    let kind = key.kind();
    let fingerprint = match &key.sha256 {
        Some(sha256) => view! { <code class="fingerprint">{sha256.clone()}</code> }.into_any(),
        None => view! {
            <span class="key-row__unreadable">
                "The key text GitHub returned could not be read, so no fingerprint is shown."
            </span>
        }
        .into_any(),
    };
    let record = &key.record;
    let access = match (deploy, record.read_only) {
        (true, Some(false)) => Some(("Read/write", "badge badge--write")),
        (true, _) | (false, Some(true)) => Some(("Read-only", "badge badge--readonly")),
        (false, _) => None,
    };
    let unverified = (record.verified == Some(false))
        .then(|| view! { <span class="badge badge--warning">"Unverified"</span> });
    let disabled = (record.enabled == Some(false))
        .then(|| view! { <span class="badge badge--warning">"Disabled"</span> });
    let created = record.created_at.clone().map(|at| dated("Added ", at));
    let used = match record.last_used_at.clone() {
        _ if signing => ().into_any(),
        Some(at) => dated("Last used ", at).into_any(),
        None => view! { <span>"No use recorded"</span> }.into_any(),
    };
    let added_by = record
        .added_by
        .clone()
        .map(|who| view! { <span>{format!("by {who}")}</span> });
    let copy = copy_key(&key);
    let rotate = on_rotate.map(|rotate| {
        let (key, describedby) = (key.clone(), title_id.clone());
        view! {
            <button
                type="button"
                class="button button--quiet"
                aria-describedby=describedby
                on:click=move |_| rotate.run(key.clone())
            >
                "Rotate"
            </button>
        }
    });
    let for_delete = key.clone();
    let (labelled_by, heading_id) = (title_id.clone(), title_id.clone());
    view! {
        <li id=format!("{prefix}-{id}") class="key-row" tabindex="-1" aria-labelledby=labelled_by>
            <div class="key-row__main">
                <h3 class="key-row__title" id=heading_id>{name}</h3>
                <p class="key-row__badges">
                    <span class="badge">{kind}</span>
                    {access.map(|(text, class)| view! { <span class=class>{text}</span> })}
                    {unverified}
                    {disabled}
                </p>
                <p class="key-row__fingerprint">{fingerprint}</p>
                <p class="key-row__meta">{created} {used} {added_by}</p>
            </div>
            <div class="key-row__actions">
                {copy}
                {rotate}
                <button
                    type="button"
                    class="button button--quiet button--danger-text"
                    aria-describedby=title_id
                    on:click=move |_| on_delete.run(for_delete.clone())
                >
                    "Delete"
                </button>
            </div>
        </li>
    }
}

/// "Added 2024-01-02", with the full timestamp in `<time datetime>`.
pub(super) fn dated(what: &'static str, at: String) -> impl IntoView {
    let day = short_date(&at);
    view! { <span>{what} <time datetime=at>{day}</time></span> }
}

/// "Copy key" for a key whose text could be read.
pub(super) fn copy_key(key: &ListedKey) -> Option<impl IntoView> {
    let line = key
        .record
        .public_key
        .clone()
        .filter(|_| key.sha256.is_some())?;
    Some(view! { <CopyButton text=line label="Copy key" /> })
}
