//! The person's own list of CNB deploy keys, kept in this browser's
//! `localStorage`: name, scope, resource and expiry only — never a key —
//! with a warning before one expires. CNB cannot list deploy keys through
//! an API, so this is the only reminder there is.

use crate::providers::cnb::{DeployKeyMemo, DeployKeyScope, ExpiryStatus, EXPIRES_SOON_DAYS};
use crate::ui::state::keyed::{draft, draft_value};
use crate::ui::state::storage::{self, Area};
use crate::ui::widgets::TextField;
use leptos::prelude::*;

/// Where the list is kept (this device only).
const STORAGE_KEY: &str = "keyward.cnb-deploy-keys";

fn load() -> Vec<DeployKeyMemo> {
    storage::read(Area::Local, STORAGE_KEY)
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

fn save(memos: &[DeployKeyMemo]) {
    if memos.is_empty() {
        storage::remove(Area::Local, STORAGE_KEY);
    } else if let Ok(json) = serde_json::to_string(memos) {
        // A full or disabled storage only costs the reminder.
        storage::write(Area::Local, STORAGE_KEY, &json);
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
pub(crate) fn scope_label(scope: DeployKeyScope) -> &'static str {
    match scope {
        DeployKeyScope::Organization => "Organization",
        DeployKeyScope::Repository => "Repository",
        DeployKeyScope::Artifact => "Artifact registry",
    }
}

/// The `<select>` value of a scope, and back.
pub(crate) fn scope_value(scope: DeployKeyScope) -> &'static str {
    match scope {
        DeployKeyScope::Organization => "organization",
        DeployKeyScope::Repository => "repository",
        DeployKeyScope::Artifact => "artifact",
    }
}

pub(crate) fn scope_from_value(value: &str) -> DeployKeyScope {
    match value {
        "repository" => DeployKeyScope::Repository,
        "artifact" => DeployKeyScope::Artifact,
        _ => DeployKeyScope::Organization,
    }
}

/// A select of the three scopes, bound to a scope's `<select>` value.
#[component]
pub(crate) fn ScopeSelect(
    id: &'static str,
    label: &'static str,
    /// The chosen scope's value ([`scope_value`]).
    choice: RwSignal<String>,
) -> impl IntoView {
    view! {
        <div class="field">
            <label for=id>{label}</label>
            <select id=id bind:value=choice>
                {[DeployKeyScope::Organization, DeployKeyScope::Repository, DeployKeyScope::Artifact]
                    .into_iter()
                    .map(|s| view! { <option value=scope_value(s)>{scope_label(s)}</option> })
                    .collect_view()}
            </select>
        </div>
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

/// Why a memo cannot be noted, if anything.
fn memo_problem(memo: &DeployKeyMemo, today: (i32, u32, u32)) -> Option<&'static str> {
    if memo.name.is_empty() {
        return Some("Give the key's name, as CNB shows it.");
    }
    if [&memo.name, &memo.resource, &memo.note]
        .iter()
        .any(|t| looks_like_a_secret(t))
    {
        return Some(
            "That looks like a key or token. This list keeps only names, paths and dates: \
             never the key itself. Remove it and try again.",
        );
    }
    if memo.expiry_status(today) == ExpiryStatus::InvalidDate {
        return Some("Give the expiry date as CNB shows it, like 2026-12-31.");
    }
    None
}

/// The list and the form that adds to it.
#[component]
pub(crate) fn CnbKeyMemos(
    /// The scope's select value; the form starts with it.
    scope_choice: RwSignal<String>,
    /// The resource path the form starts with.
    #[prop(into)]
    resource: Signal<String>,
) -> impl IntoView {
    let memos = RwSignal::new(load());
    let today = today();
    let name = RwSignal::new(String::new());
    let resource_input = draft(resource);
    let expires_on = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let error = RwSignal::new(None::<String>);
    let added = RwSignal::new(None::<String>);

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let trimmed = |text: RwSignal<String>| text.with_untracked(|t| t.trim().to_string());
        let memo = DeployKeyMemo {
            name: trimmed(name),
            scope: scope_choice.with_untracked(|v| scope_from_value(v)),
            resource: draft_value(resource_input)
                .unwrap_or_default()
                .trim()
                .to_string(),
            expires_on: Some(trimmed(expires_on)).filter(|d| !d.is_empty()),
            note: trimmed(note),
        };
        if let Some(problem) = memo_problem(&memo, today) {
            error.set(Some(problem.to_string()));
            return;
        }
        error.set(None);
        added.set(Some(format!("Noted “{}”.", memo.name)));
        memos.update(|list| {
            list.push(memo);
            save(list);
        });
        for field in [name, expires_on, note] {
            field.set(String::new());
        }
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
            <MemoList memos today />
            <form class="org-keys__form" on:submit=submit>
                <h4>"Note a deploy key"</h4>
                <MemoFields name scope_choice resource_input expires_on note />
                {move || error.get().map(|e| view! { <p class="field__error" role="alert">{e}</p> })}
                <p class="org-keys__status" role="status" aria-live="polite">{move || added.get()}</p>
                <button type="submit" class="button">"Add to my list"</button>
            </form>
        </div>
    }
}

/// The memo form's fields: key name, scope, resource, expiry and note.
#[component]
fn MemoFields(
    name: RwSignal<String>,
    scope_choice: RwSignal<String>,
    resource_input: Memo<RwSignal<String>>,
    expires_on: RwSignal<String>,
    note: RwSignal<String>,
) -> impl IntoView {
    view! {
        <TextField id="cnb-memo-name" label="Key name" value=name required=true />
        <ScopeSelect id="cnb-memo-scope" label="Scope" choice=scope_choice />
        {move || view! {
            <TextField
                id="cnb-memo-resource"
                label="Resource path"
                value=resource_input.get()
                placeholder="group or group/repo"
            />
        }}
        <TextField
            id="cnb-memo-expiry"
            label="Expires on"
            value=expires_on
            input_type="date"
            hint="Leave empty if the key never expires."
        />
        <TextField
            id="cnb-memo-note"
            label="Note"
            value=note
            placeholder="Where it is used, e.g. the deploy pipeline"
        />
    }
}

/// The noted keys, each with its expiry status and Remove; an alert when
/// any has expired or expires soon.
#[component]
fn MemoList(memos: RwSignal<Vec<DeployKeyMemo>>, today: (i32, u32, u32)) -> impl IntoView {
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
    let item = move |(index, memo): (usize, DeployKeyMemo)| {
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
    };
    view! {
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
            let items = list.into_iter().enumerate().map(item).collect_view();
            view! { <ul class="cnb-memo__list" aria-label="Noted CNB deploy keys">{items}</ul> }.into_any()
        }}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_like_words_are_caught_and_prose_is_not() {
        assert!(looks_like_a_secret("key 3fK9qLw0ZxP2mN7rT5vB8yC1dE4g"));
        assert!(!looks_like_a_secret(
            "deploy pipeline for sandbox-org/hello"
        ));
        assert!(!looks_like_a_secret("production-deploy-key-for-registry"));
    }

    #[test]
    fn memos_need_a_name_no_secret_and_a_real_date() {
        let memo = |name: &str, note: &str, date: Option<&str>| DeployKeyMemo {
            name: name.into(),
            scope: DeployKeyScope::Organization,
            resource: String::new(),
            expires_on: date.map(str::to_string),
            note: note.into(),
        };
        let today = (2026, 1, 1);
        assert_eq!(memo_problem(&memo("ci", "", None), today), None);
        assert!(memo_problem(&memo("", "", None), today)
            .unwrap()
            .contains("name"));
        let secret = memo("ci", "key 3fK9qLw0ZxP2mN7rT5vB8yC1dE4g", None);
        assert!(memo_problem(&secret, today)
            .unwrap()
            .contains("looks like a key"));
        assert!(memo_problem(&memo("ci", "", Some("31/12/2026")), today)
            .unwrap()
            .contains("2026-12-31"));
    }
}
