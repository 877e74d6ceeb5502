//! Astronomer Deployment API tokens: pick the organization and Deployment,
//! list the tokens (never their values: Astro shows only `shortToken`),
//! create one and rotate one (each value shown once in [`SecretReveal`]),
//! edit name and description, delete.

use crate::providers::astro::{parse_created, parse_deleted, parse_token, parse_token_page};
use crate::providers::{ApiError, KeyRecord, OneTimeSecret};
use crate::ui::features::astro::token_form::{AstroTokenForm, Target};
use crate::ui::state::client::send_built;
use crate::ui::state::connections::page_origin;
use crate::ui::state::Connection;
use crate::ui::widgets::ConfirmDialog;
use crate::ui::widgets::ProviderError;
use crate::ui::widgets::SecretReveal;
use leptos::prelude::*;
use leptos::task::spawn_local;

/// How many tokens one list request asks for.
const PAGE_SIZE: u32 = 100;

/// The destructive actions that go through the confirm dialog.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Danger {
    Rotate,
    Delete,
}

/// The Astro section of the organization page.
#[component]
pub fn AstroTokens(
    /// The chosen connection (Astronomer or the Sandbox).
    #[prop(into)]
    connection: Signal<Option<Connection>>,
    /// The organization ID to start with (the Sandbox's is `org-sandbox`).
    #[prop(into)]
    default_organization: Signal<String>,
    /// The Deployment ID to start with.
    #[prop(into)]
    default_deployment: Signal<String>,
) -> impl IntoView {
    let org_input = RwSignal::new(String::new());
    let deployment_input = RwSignal::new(String::new());
    let target = RwSignal::new(None::<Target>);
    Effect::new(move |_| {
        let org = default_organization.get();
        let deployment = default_deployment.get();
        org_input.set(org.clone());
        deployment_input.set(deployment.clone());
        let complete = !org.trim().is_empty() && !deployment.trim().is_empty();
        target.set(complete.then_some(Target {
            organization: org,
            deployment,
        }));
    });

    let tokens = RwSignal::new(None::<Vec<KeyRecord>>);
    let more = RwSignal::new(None::<u64>);
    let loading = RwSignal::new(false);
    let list_error = RwSignal::new(None::<ApiError>);
    let notice = RwSignal::new(None::<String>);
    let generation = StoredValue::new(0_u64);

    let load = move |offset: u64| {
        generation.update_value(|g| *g += 1);
        let mine = generation.get_value();
        list_error.set(None);
        let (Some(connection), Some(target)) = (connection.get_untracked(), target.get_untracked())
        else {
            tokens.set(None);
            return;
        };
        let Some(astro) = connection.astro(&page_origin()) else {
            tokens.set(None);
            return;
        };
        loading.set(true);
        spawn_local(async move {
            let request = astro.list_tokens(
                connection.token(),
                &target.organization,
                &target.deployment,
                u32::try_from(offset).unwrap_or(u32::MAX),
                PAGE_SIZE,
            );
            let result = send_built(&connection, request)
                .await
                .and_then(|response| parse_token_page(&response));
            if generation.try_get_value() != Some(mine) {
                return;
            }
            loading.try_set(false);
            match result {
                Ok(page) => {
                    more.try_set(page.next_offset);
                    tokens.try_update(|list| match list {
                        Some(list) if offset > 0 => list.extend(page.tokens),
                        _ => *list = Some(page.tokens),
                    });
                }
                Err(error) => {
                    list_error.try_set(Some(error));
                }
            }
        });
    };
    Effect::new(move |_| {
        connection.track();
        target.track();
        tokens.set(None);
        notice.set(None);
        load(0);
    });

    // The one-time value, handed to the panel and kept nowhere else.
    let handoff = StoredValue::new(None::<(String, OneTimeSecret)>);
    let revealing = RwSignal::new(false);
    let reveal_version = RwSignal::new(0_u64);
    let reveal = move |title: String, secret: OneTimeSecret| {
        handoff.set_value(Some((title, secret)));
        revealing.set(true);
        reveal_version.update(|v| *v += 1);
    };
    let close_reveal = Callback::new(move |_| {
        revealing.set(false);
        reveal_version.update(|v| *v += 1);
    });

    let on_created = Callback::new(move |(record, secret): (KeyRecord, OneTimeSecret)| {
        reveal(format!("New token “{}”", record.title), secret);
        notice.set(Some(format!("Created “{}”.", record.title)));
        tokens.update(|list| list.get_or_insert_with(Vec::new).insert(0, record));
    });

    // Rotate and delete, through the confirm dialog.
    let danger = RwSignal::new(None::<(Danger, KeyRecord)>);
    // The dialog's button text is fixed, so each action has its own dialog.
    let rotate_open = RwSignal::new(false);
    let delete_open = RwSignal::new(false);
    let danger_busy = RwSignal::new(false);
    let danger_error = RwSignal::new(None::<ApiError>);
    let confirm_danger = Callback::new(move |_| {
        let (Some((action, record)), Some(connection), Some(target)) = (
            danger.get_untracked(),
            connection.get_untracked(),
            target.get_untracked(),
        ) else {
            return;
        };
        let Some(astro) = connection.astro(&page_origin()) else {
            return;
        };
        danger_busy.set(true);
        danger_error.set(None);
        spawn_local(async move {
            let org = &target.organization;
            let outcome = match action {
                Danger::Rotate => {
                    let request = astro.rotate_token(connection.token(), org, &record.id);
                    send_built(&connection, request)
                        .await
                        .and_then(|response| parse_created(&response))
                        .map(Some)
                }
                Danger::Delete => {
                    let request = astro.delete_token(connection.token(), org, &record.id);
                    send_built(&connection, request)
                        .await
                        .and_then(|response| parse_deleted(&response))
                        .map(|()| None)
                }
            };
            danger_busy.try_set(false);
            rotate_open.try_set(false);
            delete_open.try_set(false);
            match outcome {
                Ok(Some(created)) => {
                    let updated = created.record;
                    if let Some(secret) = created.secret {
                        reveal(format!("New value of “{}”", updated.title), secret);
                    }
                    notice.try_set(Some(format!(
                        "Rotated “{}”: the old value no longer works.",
                        updated.title
                    )));
                    replace_record(tokens, updated);
                }
                Ok(None) => {
                    tokens.try_update(|list| {
                        if let Some(list) = list {
                            list.retain(|t| t.id != record.id);
                        }
                    });
                    notice.try_set(Some(format!("Deleted “{}”.", record.title)));
                }
                Err(error) => {
                    danger_error.try_set(Some(error));
                }
            }
        });
    });
    let danger_title = Signal::derive(move || {
        danger.with(|d| match d {
            Some((Danger::Rotate, r)) => format!("Rotate token “{}”?", r.title),
            Some((Danger::Delete, r)) => format!("Delete token “{}”?", r.title),
            None => String::new(),
        })
    });

    let editing = RwSignal::new(None::<String>);
    let row = move |record: KeyRecord| {
        let id = record.id.clone();
        let is_editing = {
            let id = id.clone();
            move || editing.with(|e| e.as_deref() == Some(id.as_str()))
        };
        let (for_rotate, for_delete, for_edit) = (record.clone(), record.clone(), record.clone());
        let ask = move |action: Danger, record: KeyRecord| {
            danger_error.set(None);
            danger.set(Some((action, record)));
            match action {
                Danger::Rotate => rotate_open.set(true),
                Danger::Delete => delete_open.set(true),
            }
        };
        let edit_form = move || {
            is_editing().then(|| {
                view! {
                    <EditTokenForm
                        connection
                        target
                        record=for_edit.clone()
                        on_done=Callback::new(move |updated: KeyRecord| {
                            notice.set(Some(format!("Saved “{}”.", updated.title)));
                            replace_record(tokens, updated);
                            editing.set(None);
                        })
                        on_cancel=Callback::new(move |_| editing.set(None))
                    />
                }
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
                <td>{short_date(record.created_at.as_deref())}</td>
                <td>{record.last_used_at.as_deref().map_or("Never".to_string(), |d| short_date(Some(d)))}</td>
                <td>{record.expires_at.as_deref().map_or("Never".to_string(), |d| short_date(Some(d)))}</td>
                <td class="org-keys__actions">
                    <button
                        type="button"
                        class="button button--quiet"
                        on:click=move |_| {
                            editing.update(|e| {
                                *e = if e.as_deref() == Some(id.as_str()) { None } else { Some(id.clone()) }
                            })
                        }
                    >
                        "Edit"
                    </button>
                    <button
                        type="button"
                        class="button button--quiet"
                        disabled=move || revealing.get()
                        title=move || revealing.get().then_some("Store the value shown above first")
                        on:click=move |_| ask(Danger::Rotate, for_rotate.clone())
                    >
                        "Rotate"
                    </button>
                    <button
                        type="button"
                        class="button button--quiet"
                        on:click=move |_| ask(Danger::Delete, for_delete.clone())
                    >
                        "Delete"
                    </button>
                </td>
            </tr>
            {move || edit_form().map(|form| view! { <tr class="org-keys__edit-row"><td colspan="7">{form}</td></tr> })}
        }
    };

    let submit_target = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        target.set(Some(Target {
            organization: org_input.get_untracked().trim().to_string(),
            deployment: deployment_input.get_untracked().trim().to_string(),
        }));
    };

    view! {
        <div class="org-keys__provider" aria-busy=move || loading.get().then_some("true")>
            <p class="field__help">
                "Deployment API tokens let CI and scripts deploy to one Deployment. Astro shows a \
                 token's value only once, when it is created or rotated."
            </p>
            <form class="org-keys__target" on:submit=submit_target>
                <div class="field">
                    <label for="astro-organization">"Organization ID"</label>
                    <input
                        id="astro-organization"
                        type="text"
                        autocomplete="off"
                        spellcheck="false"
                        required
                        prop:value=move || org_input.get()
                        on:input=move |ev| org_input.set(event_target_value(&ev))
                    />
                </div>
                <div class="field">
                    <label for="astro-deployment">"Deployment ID"</label>
                    <input
                        id="astro-deployment"
                        type="text"
                        autocomplete="off"
                        spellcheck="false"
                        required
                        aria-describedby="astro-deployment-help"
                        prop:value=move || deployment_input.get()
                        on:input=move |ev| deployment_input.set(event_target_value(&ev))
                    />
                    <p id="astro-deployment-help" class="field__help">
                        "Shown on the Deployment's page in the Astro UI."
                    </p>
                </div>
                <button type="submit" class="button button--quiet">"Show tokens"</button>
            </form>
            {move || {
                reveal_version.track();
                handoff
                    .try_update_value(Option::take)
                    .flatten()
                    .map(|(title, secret)| view! { <SecretReveal secret title on_close=close_reveal /> })
            }}
            <p class="org-keys__status" role="status" aria-live="polite">{move || notice.get()}</p>
            {move || danger_error.get().map(|error| view! { <ProviderError error /> })}
            {move || list_error.get().map(|error| view! { <ProviderError error /> })}
            <Show when=move || target.with(Option::is_some) fallback=|| view! {
                <p class="org-keys__empty">"Enter the Organization ID and Deployment ID, then choose Show tokens."</p>
            }>
                {move || {
                    if loading.get() && tokens.with(Option::is_none) {
                        return view! { <p class="org-keys__loading">"Loading tokens…"</p> }.into_any();
                    }
                    match tokens.get() {
                        None => ().into_any(),
                        Some(list) if list.is_empty() => view! {
                            <p class="org-keys__empty">"This Deployment has no API tokens yet. Create one below."</p>
                        }
                        .into_any(),
                        Some(list) => view! {
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
                                        <For each=move || list.clone() key=|t| (t.id.clone(), t.title.clone(), t.description.clone(), t.short_token.clone()) children=row />
                                    </tbody>
                                </table>
                            </div>
                        }
                        .into_any(),
                    }
                }}
                <Show when=move || more.get().is_some()>
                    <button
                        type="button"
                        class="button button--quiet"
                        disabled=move || loading.get()
                        on:click=move |_| {
                            if let Some(offset) = more.get_untracked() {
                                load(offset);
                            }
                        }
                    >
                        "Show more tokens"
                    </button>
                </Show>
                <AstroTokenForm connection target blocked=revealing on_created />
            </Show>
            <ConfirmDialog
                open=rotate_open
                title=danger_title
                confirm_label="Rotate"
                busy=danger_busy
                on_confirm=confirm_danger
            >
                <p>
                    "The old value stops working at once: anything that uses it fails until it \
                     gets the new value, which is shown once."
                </p>
            </ConfirmDialog>
            <ConfirmDialog
                open=delete_open
                title=danger_title
                confirm_label="Delete"
                busy=danger_busy
                on_confirm=confirm_danger
            >
                <p>"Anything that uses this token stops working at once. This cannot be undone."</p>
            </ConfirmDialog>
        </div>
    }
}

/// Edits a token's name and description (Astro's update is a POST that
/// needs the name even when only the description changes).
#[component]
fn EditTokenForm(
    connection: Signal<Option<Connection>>,
    target: RwSignal<Option<Target>>,
    record: KeyRecord,
    on_done: Callback<KeyRecord>,
    on_cancel: Callback<()>,
) -> impl IntoView {
    let name = RwSignal::new(record.title.clone());
    let description = RwSignal::new(record.description.clone().unwrap_or_default());
    let busy = RwSignal::new(false);
    let error = RwSignal::new(None::<ApiError>);
    let id = record.id.clone();
    let name_id = format!("astro-edit-name-{id}");
    let description_id = format!("astro-edit-description-{id}");
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let (Some(connection), Some(target)) = (connection.get_untracked(), target.get_untracked())
        else {
            return;
        };
        let Some(astro) = connection.astro(&page_origin()) else {
            return;
        };
        let request = astro.update_token(
            connection.token(),
            &target.organization,
            &id,
            &name.get_untracked(),
            &description.get_untracked(),
        );
        busy.set(true);
        error.set(None);
        spawn_local(async move {
            let result = send_built(&connection, request)
                .await
                .and_then(|response| parse_token(&response));
            busy.try_set(false);
            match result {
                Ok(record) => on_done.run(record),
                Err(e) => {
                    error.try_set(Some(e));
                }
            }
        });
    };
    view! {
        <form class="org-keys__inline-form" on:submit=submit aria-busy=move || busy.get().then_some("true")>
            <div class="field">
                <label for=name_id.clone()>"Name"</label>
                <input
                    id=name_id
                    type="text"
                    autocomplete="off"
                    required
                    disabled=move || busy.get()
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
            </div>
            <div class="field">
                <label for=description_id.clone()>"Description"</label>
                <input
                    id=description_id
                    type="text"
                    autocomplete="off"
                    disabled=move || busy.get()
                    prop:value=move || description.get()
                    on:input=move |ev| description.set(event_target_value(&ev))
                />
            </div>
            {move || error.get().map(|error| view! { <ProviderError error /> })}
            <div class="org-keys__actions">
                <button type="submit" class="button" disabled=move || busy.get()>
                    {move || if busy.get() { "Saving…" } else { "Save" }}
                </button>
                <button
                    type="button"
                    class="button button--quiet"
                    disabled=move || busy.get()
                    on:click=move |_| on_cancel.run(())
                >
                    "Cancel"
                </button>
            </div>
        </form>
    }
}

/// Puts an updated record in place of the one with its id.
fn replace_record(tokens: RwSignal<Option<Vec<KeyRecord>>>, updated: KeyRecord) {
    tokens.try_update(|list| {
        for token in list.iter_mut().flatten() {
            if token.id == updated.id {
                *token = updated.clone();
            }
        }
    });
}

/// `2024-01-02T03:04:05Z` as `2024-01-02 03:04 UTC`; anything else as sent.
fn short_date(date: Option<&str>) -> String {
    let Some(date) = date else {
        return String::new();
    };
    match (date.get(..10), date.get(10..11), date.get(11..16)) {
        (Some(day), Some("T"), Some(time)) if date.ends_with('Z') => format!("{day} {time} UTC"),
        _ => date.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::short_date;

    #[test]
    fn dates_are_shortened_only_when_understood() {
        assert_eq!(
            short_date(Some("2024-01-02T03:04:05Z")),
            "2024-01-02 03:04 UTC"
        );
        assert_eq!(short_date(Some("2024-01-02")), "2024-01-02");
        assert_eq!(short_date(None), "");
    }
}
