//! The person's own list of CNB deploy keys, kept in this browser's
//! `localStorage`: name, scope, resource and expiry only — never a key —
//! with a warning before one expires. CNB cannot list deploy keys through
//! an API, so this is the only reminder there is.

use crate::providers::cnb::{DeployKeyMemo, DeployKeyScope, ExpiryStatus, EXPIRES_SOON_DAYS};
use leptos::prelude::*;

/// Where the list is kept (this device only).
const STORAGE_KEY: &str = "keyward.cnb-deploy-keys";

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

fn load() -> Vec<DeployKeyMemo> {
    storage()
        .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

fn save(memos: &[DeployKeyMemo]) {
    let Some(storage) = storage() else {
        return;
    };
    if memos.is_empty() {
        let _ = storage.remove_item(STORAGE_KEY);
    } else if let Ok(json) = serde_json::to_string(memos) {
        // A full or disabled storage only costs the reminder.
        let _ = storage.set_item(STORAGE_KEY, &json);
    }
}

/// Today in the person's time zone, as `(year, month, day)`.
fn today() -> (i32, u32, u32) {
    let now = web_sys::js_sys::Date::new_0();
    (
        now.get_full_year() as i32,
        now.get_month() + 1,
        now.get_date(),
    )
}

/// The scope in words.
pub fn scope_label(scope: DeployKeyScope) -> &'static str {
    match scope {
        DeployKeyScope::Organization => "Organization",
        DeployKeyScope::Repository => "Repository",
        DeployKeyScope::Artifact => "Artifact registry",
    }
}

/// The `<select>` value of a scope, and back.
pub fn scope_value(scope: DeployKeyScope) -> &'static str {
    match scope {
        DeployKeyScope::Organization => "organization",
        DeployKeyScope::Repository => "repository",
        DeployKeyScope::Artifact => "artifact",
    }
}

pub fn scope_from_value(value: &str) -> DeployKeyScope {
    match value {
        "repository" => DeployKeyScope::Repository,
        "artifact" => DeployKeyScope::Artifact,
        _ => DeployKeyScope::Organization,
    }
}

/// Whether a name or note looks like it holds a key or token (one long
/// unbroken run of key characters): the list must never store one.
fn looks_like_a_secret(text: &str) -> bool {
    text.split_whitespace().any(|word| {
        word.len() >= 24
            && word.chars().all(|c| {
                c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | '+' | '/' | '=')
            })
            && word.chars().any(|c| c.is_ascii_digit())
    })
}

fn status_text(status: ExpiryStatus, date: &str) -> (&'static str, String) {
    match status {
        ExpiryStatus::Expired => (
            "expired",
            format!("Expired on {date}: make a new key in CNB and replace it wherever it is used."),
        ),
        ExpiryStatus::ExpiresSoon(0) => (
            "soon",
            "Expires today: make a new key in CNB and replace it now.".to_string(),
        ),
        ExpiryStatus::ExpiresSoon(1) => (
            "soon",
            format!("Expires tomorrow ({date}): make a new key in CNB and replace it."),
        ),
        ExpiryStatus::ExpiresSoon(days) => (
            "soon",
            format!(
                "Expires in {days} days ({date}): make a new key in CNB and replace it before then."
            ),
        ),
        ExpiryStatus::Ok => ("ok", format!("Expires on {date}.")),
        ExpiryStatus::NoExpiry => ("ok", "Never expires.".to_string()),
        ExpiryStatus::InvalidDate => (
            "expired",
            format!("“{date}” is not a date: remove this entry and add it again."),
        ),
    }
}

/// The list and the form that adds to it.
#[component]
pub fn CnbKeyMemos(
    /// The scope the form starts with.
    scope: RwSignal<DeployKeyScope>,
    /// The resource path the form starts with.
    #[prop(into)]
    resource: Signal<String>,
) -> impl IntoView {
    let memos = RwSignal::new(load());
    let today = today();
    let name = RwSignal::new(String::new());
    let resource_input = RwSignal::new(String::new());
    let expires_on = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let added = RwSignal::new(None::<String>);
    Effect::new(move |_| resource_input.set(resource.get()));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let memo = DeployKeyMemo {
            name: name.get_untracked().trim().to_string(),
            scope: scope.get_untracked(),
            resource: resource_input.get_untracked().trim().to_string(),
            expires_on: Some(expires_on.get_untracked().trim().to_string())
                .filter(|d| !d.is_empty()),
            note: note.get_untracked().trim().to_string(),
        };
        if memo.name.is_empty() {
            error.set(Some("Give the key's name, as CNB shows it.".into()));
            return;
        }
        if [&memo.name, &memo.resource, &memo.note]
            .iter()
            .any(|t| looks_like_a_secret(t))
        {
            error.set(Some(
                "That looks like a key or token. This list keeps only names, paths and dates: \
                 never the key itself. Remove it and try again."
                    .into(),
            ));
            return;
        }
        if memo.expiry_status(today) == ExpiryStatus::InvalidDate {
            error.set(Some(
                "Give the expiry date as CNB shows it, like 2026-12-31.".into(),
            ));
            return;
        }
        error.set(None);
        added.set(Some(format!("Noted “{}”.", memo.name)));
        memos.update(|list| {
            list.push(memo);
            save(list);
        });
        name.set(String::new());
        expires_on.set(String::new());
        note.set(String::new());
    };
    let remove = move |index: usize| {
        memos.update(|list| {
            if index < list.len() {
                list.remove(index);
            }
            save(list);
        });
    };
    let attention = move || {
        memos.with(|list| {
            list.iter()
                .filter(|m| {
                    matches!(
                        m.expiry_status(today),
                        ExpiryStatus::Expired | ExpiryStatus::ExpiresSoon(_)
                    )
                })
                .count()
        })
    };

    view! {
        <div class="cnb-memo">
            <h3>"Your CNB deploy keys (on this device)"</h3>
            <p class="field__help">
                {format!(
                    "A reminder list kept only in this browser: name, scope, resource and expiry. \
                     Never the key. Keyward warns {EXPIRES_SOON_DAYS} days before one expires."
                )}
            </p>
            <Show when=move || attention() != 0>
                <p class="cnb-memo__alert" role="alert">
                    {move || match attention() {
                        1 => "1 deploy key has expired or expires soon.".to_string(),
                        n => format!("{n} deploy keys have expired or expire soon."),
                    }}
                </p>
            </Show>
            {move || {
                let list = memos.get();
                if list.is_empty() {
                    return view! { <p class="org-keys__empty">"No deploy keys noted yet."</p> }.into_any();
                }
                let items = list
                    .into_iter()
                    .enumerate()
                    .map(|(index, memo)| {
                        let status = memo.expiry_status(today);
                        let date = memo.expires_on.clone().unwrap_or_default();
                        let (tone, text) = status_text(status, &date);
                        let label = format!("Remove “{}” from this list", memo.name);
                        view! {
                            <li class="cnb-memo__item">
                                <div>
                                    <span class="org-keys__name">{memo.name.clone()}</span>
                                    " · " {scope_label(memo.scope)}
                                    {(!memo.resource.is_empty()).then(|| view! { " · " <code>{memo.resource.clone()}</code> })}
                                </div>
                                <p class=format!("cnb-memo__status cnb-memo__status--{tone}")>{text}</p>
                                {(!memo.note.is_empty()).then(|| view! { <p class="field__help">{memo.note.clone()}</p> })}
                                <button
                                    type="button"
                                    class="button button--quiet"
                                    aria-label=label
                                    on:click=move |_| remove(index)
                                >
                                    "Remove"
                                </button>
                            </li>
                        }
                    })
                    .collect_view();
                view! { <ul class="cnb-memo__list" aria-label="Noted CNB deploy keys">{items}</ul> }.into_any()
            }}
            <form class="org-keys__form" on:submit=submit>
                <h4>"Note a deploy key"</h4>
                <div class="field">
                    <label for="cnb-memo-name">"Key name"</label>
                    <input
                        id="cnb-memo-name"
                        type="text"
                        autocomplete="off"
                        required
                        prop:value=move || name.get()
                        on:input=move |ev| name.set(event_target_value(&ev))
                    />
                </div>
                <div class="field">
                    <label for="cnb-memo-scope">"Scope"</label>
                    <select
                        id="cnb-memo-scope"
                        prop:value=move || scope_value(scope.get())
                        on:change=move |ev| scope.set(scope_from_value(&event_target_value(&ev)))
                    >
                        {[DeployKeyScope::Organization, DeployKeyScope::Repository, DeployKeyScope::Artifact]
                            .into_iter()
                            .map(|s| view! {
                                <option value=scope_value(s) selected=move || scope.get() == s>{scope_label(s)}</option>
                            })
                            .collect_view()}
                    </select>
                </div>
                <div class="field">
                    <label for="cnb-memo-resource">"Resource path"</label>
                    <input
                        id="cnb-memo-resource"
                        type="text"
                        autocomplete="off"
                        spellcheck="false"
                        placeholder="group or group/repo"
                        prop:value=move || resource_input.get()
                        on:input=move |ev| resource_input.set(event_target_value(&ev))
                    />
                </div>
                <div class="field">
                    <label for="cnb-memo-expiry">"Expires on"</label>
                    <input
                        id="cnb-memo-expiry"
                        type="date"
                        aria-describedby="cnb-memo-expiry-help"
                        prop:value=move || expires_on.get()
                        on:input=move |ev| expires_on.set(event_target_value(&ev))
                    />
                    <p id="cnb-memo-expiry-help" class="field__help">"Leave empty if the key never expires."</p>
                </div>
                <div class="field">
                    <label for="cnb-memo-note">"Note"</label>
                    <input
                        id="cnb-memo-note"
                        type="text"
                        autocomplete="off"
                        placeholder="Where it is used, e.g. the deploy pipeline"
                        prop:value=move || note.get()
                        on:input=move |ev| note.set(event_target_value(&ev))
                    />
                </div>
                {move || error.get().map(|e| view! { <p class="field__error" role="alert">{e}</p> })}
                <p class="org-keys__status" role="status" aria-live="polite">{move || added.get()}</p>
                <button type="submit" class="button">"Add to my list"</button>
            </form>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::looks_like_a_secret;

    #[test]
    fn key_like_words_are_caught_and_prose_is_not() {
        assert!(looks_like_a_secret("key 3fK9qLw0ZxP2mN7rT5vB8yC1dE4g"));
        assert!(!looks_like_a_secret(
            "deploy pipeline for sandbox-org/hello"
        ));
        assert!(!looks_like_a_secret("production-deploy-key-for-registry"));
    }
}
