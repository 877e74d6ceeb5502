//! The inventory table: every key and token found, one row each, with
//! where it is and what it is; optionally grouped by fingerprint so one
//! key's every place (its blast radius) reads together. Rows can be
//! selected for the `authorized_keys` export.

use crate::inventory::{self, Entry, EntryKind, Place};
use crate::ui::format::short_date;
use leptos::prelude::*;

/// The table of `entries`; `selected` holds the indices of ticked rows.
#[component]
pub(crate) fn InventoryTable(
    #[prop(into)] entries: Signal<Vec<Entry>>,
    selected: RwSignal<Vec<usize>>,
) -> impl IntoView {
    let grouped = RwSignal::new(false);
    // Row order: as found, or by fingerprint group (groups with more than
    // one place first, as `inventory::groups` orders them).
    let order = Memo::new(move |_| {
        entries.with(|entries| {
            if grouped.get() {
                let groups = inventory::groups(entries);
                let mut order: Vec<usize> = groups.iter().flat_map(|g| g.entries.clone()).collect();
                let listed: std::collections::HashSet<usize> = order.iter().copied().collect();
                order.extend((0..entries.len()).filter(|i| !listed.contains(i)));
                order
            } else {
                (0..entries.len()).collect()
            }
        })
    });
    let toggle_all = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        let all = if on {
            entries.with(|e| {
                (0..e.len())
                    .filter(|&i| e[i].public_key.is_some())
                    .collect()
            })
        } else {
            Vec::new()
        };
        selected.set(all);
    };
    view! {
        <section class="inventory-table" aria-labelledby="inventory-table-title">
            <div class="inventory-table__head">
                <h2 id="inventory-table-title">
                    {move || format!("Keys and tokens ({})", entries.with(Vec::len))}
                </h2>
                <label class="checkbox">
                    <input type="checkbox" bind:checked=grouped />
                    "Group by fingerprint"
                </label>
            </div>
            <div class="table-scroll">
                <table>
                    <thead>
                        <tr>
                            <th scope="col">
                                <input type="checkbox" aria-label="Select every key" on:change=toggle_all />
                            </th>
                            <th scope="col">"Provider"</th>
                            <th scope="col">"Where"</th>
                            <th scope="col">"Title"</th>
                            <th scope="col">"Type"</th>
                            <th scope="col">"Fingerprint"</th>
                            <th scope="col">"Created"</th>
                            <th scope="col">"Last used"</th>
                            <th scope="col">"Added by"</th>
                            <th scope="col">"Access"</th>
                            <th scope="col">"Expires"</th>
                        </tr>
                    </thead>
                    <tbody>
                        {move || {
                            let rows = order.get();
                            entries.with(|entries| {
                                rows.into_iter()
                                    .filter_map(|i| entries.get(i).map(|e| row(i, e.clone(), selected)))
                                    .collect_view()
                            })
                        }}
                    </tbody>
                </table>
            </div>
            <Show when=move || entries.with(Vec::is_empty)>
                <p class="inventory-table__empty">"No keys or tokens found yet."</p>
            </Show>
        </section>
    }
}

fn row(index: usize, entry: Entry, selected: RwSignal<Vec<usize>>) -> impl IntoView {
    let checked = move || selected.with(|s| s.contains(&index));
    let toggle = move |ev: leptos::ev::Event| {
        let on = event_target_checked(&ev);
        selected.update(|s| {
            s.retain(|&i| i != index);
            if on {
                s.push(index);
            }
        });
    };
    let selectable = entry.public_key.is_some();
    let label = format!("Select {}", entry.title);
    let kind = match (&entry.key_type, entry.bits, entry.kind) {
        (Some(t), Some(bits), _) => format!("{t} ({bits} bits)"),
        (Some(t), None, _) => t.clone(),
        (None, _, EntryKind::Token) => "token".to_string(),
        (None, _, EntryKind::SshKey) => "unknown".to_string(),
    };
    let fingerprint = entry.fingerprint.clone().unwrap_or_else(|| "—".into());
    // Only a deploy key has an access level (GitHub also sends `read_only`
    // on user keys, where it means nothing).
    let access = match (&entry.place, entry.read_only) {
        (Place::DeployKey { .. }, Some(true)) => "read-only",
        (Place::DeployKey { .. }, Some(false)) => "read-write",
        _ => "—",
    };
    let date = |d: &Option<String>| d.as_deref().map(short_date).unwrap_or_else(|| "—".into());
    let last_used = match &entry.last_used_at {
        Some(d) => short_date(d),
        None if entry.place.tracks_last_use() => "never".into(),
        None => "—".into(),
    };
    view! {
        <tr>
            <td>
                <input type="checkbox" aria-label=label disabled=!selectable
                    prop:checked=checked on:change=toggle />
            </td>
            <td>{entry.provider.name()}<br /><small>{entry.connection.clone()}</small></td>
            <td><a href=entry.link.clone()>{entry.place.describe()}</a></td>
            <td>{entry.title.clone()}</td>
            <td>{kind}</td>
            <td><code class="fingerprint">{fingerprint}</code></td>
            <td>{date(&entry.created_at)}</td>
            <td>{last_used}</td>
            <td>{entry.added_by.clone().unwrap_or_else(|| "—".into())}</td>
            <td>{access}</td>
            <td>{date(&entry.expires_at)}</td>
        </tr>
    }
}
