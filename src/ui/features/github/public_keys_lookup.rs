//! "Public keys of a user": any GitHub user's public SSH keys (the ones
//! `https://github.com/LOGIN.keys` serves) and SSH signing keys, with the
//! fingerprints computed here, so a person can check which key a colleague
//! really uses.

use super::key_list::{copy_key, dated};
use super::listed_key::ListedKey;
use super::service::{load_public_keys, load_public_signing_keys};
use crate::providers::ApiError;
use crate::ui::format::count;
use crate::ui::state::Connection;
use crate::ui::widgets::{FormActions, ProviderError, TextField};
use leptos::prelude::*;

/// The answer to one lookup.
#[derive(Clone, Debug, PartialEq)]
enum Lookup {
    Found {
        login: String,
        keys: Vec<ListedKey>,
        /// Asked separately: a GitHub Enterprise Server older than signing
        /// keys answers 404 here, which must not hide the keys above.
        signing: Result<Vec<ListedKey>, ApiError>,
    },
    Failed(ApiError),
    /// The name cannot be a GitHub login; nothing was sent.
    BadName(String),
}

/// A Username field, a "Look up" button and the user's keys.
#[component]
pub(crate) fn PublicKeysLookup(
    /// The connection to ask through (a token raises the rate limit).
    #[prop(into)]
    connection: Signal<Option<Connection>>,
) -> impl IntoView {
    let username = RwSignal::new(String::new());
    // Checked before anything is sent: a name that cannot be a login
    // answers at once, without a request.
    let lookup = Action::new_local(move |(connection, login): &(Option<Connection>, String)| {
        let (connection, login) = (connection.clone(), login.clone());
        async move {
            if let Err(problem) = check_login(&login) {
                return Some(Lookup::BadName(problem));
            }
            let connection = connection?;
            let listed =
                |records: Vec<_>| records.into_iter().map(ListedKey::from_record).collect();
            let answer = match load_public_keys(&connection, &login).await {
                Ok(records) => Lookup::Found {
                    keys: listed(records),
                    signing: load_public_signing_keys(&connection, &login)
                        .await
                        .map(listed),
                    login,
                },
                Err(error) => Lookup::Failed(error),
            };
            Some(answer)
        }
    });
    let pending = lookup.pending();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        let login = username.with_untracked(|u| u.trim().trim_start_matches('@').to_string());
        lookup.dispatch_local((connection.get_untracked(), login));
    };
    let busy = move || pending.get().then_some("true");
    view! {
        <section class="lookup" aria-labelledby="lookup-heading">
            <h2 id="lookup-heading">"Public keys of a user"</h2>
            <p class="field__help">
                "Anyone's public SSH keys on GitHub, with fingerprints computed in your browser: \
                 check which key a colleague or a server really uses."
            </p>
            <form class="lookup__form" on:submit=submit aria-busy=busy>
                <TextField id="lookup-username" label="Username" value=username placeholder="octocat" />
                <FormActions submit="Look up" pending_label="Looking up…" pending />
            </form>
            <div class="lookup__result" aria-live="polite" aria-busy=busy>
                {move || pending.get().then(|| view! { <p>"Looking up…"</p> })}
                {move || lookup.value().get().flatten().map(render_lookup)}
            </div>
        </section>
    }
}

fn render_lookup(lookup: Lookup) -> AnyView {
    match lookup {
        Lookup::BadName(problem) => {
            view! { <p class="alert alert--danger" role="alert">{problem}</p> }.into_any()
        }
        Lookup::Failed(error) => {
            view! { <ProviderError context="Could not look up the user" error /> }.into_any()
        }
        Lookup::Found {
            login,
            keys,
            signing,
        } => {
            let signing = match signing {
                Ok(signing) => key_group(&login, signing, true).into_any(),
                Err(error) => view! {
                    <ProviderError context="Could not list the user's signing keys" error />
                }
                .into_any(),
            };
            view! {
                {key_group(&login, keys, false)}
                {signing}
            }
            .into_any()
        }
    }
}

/// One kind of key of `login`, under a count, or a line saying there is
/// none.
fn key_group(login: &str, keys: Vec<ListedKey>, signing: bool) -> AnyView {
    let (what, one, many, list) = if signing {
        (
            "signing keys",
            "signing key",
            "signing keys",
            "Signing keys of",
        )
    } else {
        ("SSH keys", "key", "keys", "Public keys of")
    };
    if keys.is_empty() {
        let none = format!("{login} has no public {what}.");
        return view! { <p class="key-list__empty">{none}</p> }.into_any();
    }
    let heading = format!("{login}: {}", count(keys.len(), one, many));
    view! {
        <h3>{heading}</h3>
        <ul class="key-list__items" aria-label=format!("{list} {login}")>
            {keys.into_iter().map(public_row).collect_view()}
        </ul>
    }
    .into_any()
}

fn public_row(key: ListedKey) -> impl IntoView {
    let created = key.record.created_at.clone().map(|at| dated("Added ", at));
    let copy = copy_key(&key);
    view! {
        <li class="key-row">
            <div class="key-row__main">
                <p class="key-row__badges"><span class="badge">{key.kind()}</span></p>
                <p class="key-row__fingerprint">
                    {key.sha256.map(|fp| view! { <code class="fingerprint">{fp}</code> })}
                </p>
                <p class="key-row__meta">{created}</p>
            </div>
            <div class="key-row__actions">{copy}</div>
        </li>
    }
}

/// Login-shaped: letters, digits, `-`, and the `_` and `.` that managed
/// (EMU) and GitHub Enterprise Server accounts may have. Anything else
/// (a space, a slash, a URL) is a typo, caught before a request is spent.
fn check_login(login: &str) -> Result<(), String> {
    if login.is_empty() {
        return Err("Type a GitHub username first.".to_string());
    }
    let valid = login.len() <= 100
        && login
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.'));
    if valid {
        Ok(())
    } else {
        Err(format!(
            "“{login}” cannot be a GitHub username: usernames are letters, digits and \
             hyphens. Nothing was sent."
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::check_login;

    #[test]
    fn logins_are_checked_before_sending() {
        assert!(check_login("octocat").is_ok());
        assert!(check_login("a-b").is_ok());
        assert!(check_login("").is_err());
        assert!(check_login("ada_corp").is_ok());
        assert!(check_login("a/b").is_err());
        assert!(check_login("a b").is_err());
        assert!(check_login(&"a".repeat(101)).is_err());
    }
}
