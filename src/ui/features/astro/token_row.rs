//! The token table: one row per token with Rotate with overlap, Edit,
//! Rotate (instant) and Delete, and
//! the inline form that edits a token's name and description.

use super::overlap::Overlap;
use super::tokens::{replace_record, Key, TokenList, Tokens};
use super::Target;
use crate::providers::astro::parse_token;
use crate::providers::KeyRecord;
use crate::ui::state::keyed::Keyed;
use crate::ui::state::request::call;
use crate::ui::state::Connection;
use crate::ui::widgets::{loaded_items, DescriptionField, Rename, RenameForm, UnlessEmpty};
use leptos::prelude::*;

/// The destructive actions that go through the confirm dialog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Danger {
    Rotate,
    Delete,
}

/// What every row needs from the section.
#[derive(Clone, Copy)]
pub(crate) struct RowContext {
    pub(crate) connection: Signal<Option<Connection>>,
    pub(crate) target: Memo<Option<Target>>,
    pub(crate) tokens: Tokens,
    pub(crate) notice: Keyed<Key, String>,
    /// The id of the token whose edit form is open.
    pub(crate) editing: Keyed<Key, String>,
    /// True while a one-time value is shown: rotating would replace it.
    pub(crate) revealing: RwSignal<bool>,
    /// Asks to rotate or delete (the section confirms first).
    pub(crate) ask: Callback<(Danger, KeyRecord)>,
    /// Rotation with overlap: the panel and the token it replaces.
    pub(crate) overlap: Overlap,
}

/// The tokens in a table, or that there are none yet.
#[component]
pub(crate) fn TokenTable(rows: RowContext) -> impl IntoView {
    let of: fn(&TokenList) -> &[KeyRecord] = |list| &list.tokens;
    let items = move || loaded_items(rows.tokens, of);
    view! {
        <UnlessEmpty resource=rows.tokens of empty="This Deployment has no API tokens yet. Create one below.">
            <div class="org-keys__table-wrap">
                <table class="org-keys__table">
                    <caption>"Deployment API tokens"</caption>
                    <thead>
                        <tr>
                            <th scope="col">"Name"</th>
                            <th scope="col">"Token"</th>
                            <th scope="col">"Role"</th>
                            <th scope="col">"Created"</th>
                            <th scope="col">"Last used"</th>
                            <th scope="col">"Expires"</th>
                            <th scope="col">"Actions"</th>
                        </tr>
                    </thead>
                    <tbody>
                        <For
                            each=items
                            key=|t| (t.id.clone(), t.title.clone(), t.description.clone(), t.short_token.clone())
                            let:record
                        >
                            <TokenRow record rows />
                        </For>
                    </tbody>
                </table>
            </div>
        </UnlessEmpty>
    }
}

#[component]
fn TokenRow(record: KeyRecord, rows: RowContext) -> impl IntoView {
    let RowContext {
        editing,
        revealing,
        ask,
        notice,
        tokens,
        overlap,
        ..
    } = rows;
    let id = StoredValue::new(record.id.clone());
    let is_editing = move || {
        editing
            .get()
            .is_some_and(|open| id.with_value(|id| open == *id))
    };
    let toggle_edit = move |_| match is_editing() {
        true => editing.clear(),
        false => editing.set(id.get_value()),
    };
    let on_done = Callback::new(move |updated: KeyRecord| {
        notice.set(format!("Saved “{}”.", updated.title));
        replace_record(tokens, updated);
        editing.clear();
    });
    let on_cancel = Callback::new(move |()| editing.clear());
    let stored = StoredValue::new(record.clone());
    let edit_form = move || {
        is_editing().then(|| {
            view! {
                <tr class="org-keys__edit-row">
                    <td colspan="7">
                        <EditTokenForm rows record=stored.get_value() on_done on_cancel />
                    </td>
                </tr>
            }
        })
    };
    let never_or = |date: Option<&str>| {
        date.map_or("Never".to_string(), |d| {
            crate::ui::format::short_date_time(Some(d))
        })
    };
    view! {
        <tr>
            <td>
                <span class="org-keys__name">{record.title.clone()}</span>
                {record.description.clone().map(|d| view! { <span class="org-keys__description">{d}</span> })}
            </td>
            <td><code>{record.short_token.clone().map(|s| format!("…{s}")).unwrap_or_default()}</code></td>
            <td>{record.roles.join(", ")}</td>
            <td>{crate::ui::format::short_date_time(record.created_at.as_deref())}</td>
            <td>{never_or(record.last_used_at.as_deref())}</td>
            <td>{never_or(record.expires_at.as_deref())}</td>
            <td class="org-keys__actions">
                <button
                    type="button"
                    class="button"
                    disabled=move || overlap.is_open()
                    title="A new token first; the old one keeps working until you delete it"
                    on:click=move |_| overlap.start(stored.get_value())
                >
                    "Rotate with overlap"
                </button>
                <button type="button" class="button button--quiet" on:click=toggle_edit>
                    "Edit"
                </button>
                <button
                    type="button"
                    class="button button--quiet"
                    disabled=move || revealing.get()
                    title=move || {
                        if revealing.get() {
                            "Store the value shown above first"
                        } else {
                            "Instant: the old value stops working at once"
                        }
                    }
                    on:click=move |_| ask.run((Danger::Rotate, stored.get_value()))
                >
                    "Rotate"
                </button>
                <button
                    type="button"
                    class="button button--quiet"
                    on:click=move |_| ask.run((Danger::Delete, stored.get_value()))
                >
                    "Delete"
                </button>
            </td>
        </tr>
        {edit_form}
    }
}

/// Edits a token's name and description (Astro's update is a POST that
/// needs the name even when only the description changes).
#[component]
fn EditTokenForm(
    rows: RowContext,
    record: KeyRecord,
    on_done: Callback<KeyRecord>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let RowContext {
        connection, target, ..
    } = rows;
    let id = record.id.clone();
    let save = Action::new_local(move |change: &Rename| {
        let (connection, target) = (connection.get_untracked(), target.get_untracked());
        let (id, change) = (id.clone(), change.clone());
        async move {
            let Some(target) = target else {
                return Ok(());
            };
            let description = change.description.unwrap_or_default();
            let updated = call(
                connection.as_ref(),
                Connection::astro,
                |astro, token| {
                    astro.update_token(token, &target.organization, &id, &change.name, &description)
                },
                parse_token,
            )
            .await?;
            on_done.run(updated);
            Ok(())
        }
    });
    let description = DescriptionField {
        id: "astro-edit-description-field",
        text: record.description.unwrap_or_default(),
    };
    view! {
        <RenameForm
            name_id="astro-edit-name-field"
            name_label="Name"
            name=record.title
            description
            save
            on_cancel
        />
    }
}
