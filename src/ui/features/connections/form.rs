//! The "Add a connection" form: provider, API URL, token, name, where the
//! token is kept; "Check" asks the provider without saving, "Save" adds the
//! connection to the shared list.
//!
//! The token is held in memory until Save, then cleared from the field and
//! wiped; choosing another provider clears it too, so a token typed for one
//! provider is never sent to another. It never goes into a URL: the inputs
//! have no `name`, so even a native form submission (if the app had died)
//! would carry nothing.

use super::check::{run_check, CheckResult, CheckState};
use crate::providers::guard::{header_value_problem, token_character_message};
use crate::providers::sandbox::BROWSER_TOKEN;
use crate::providers::Provider;
use crate::ui::state::{Connection, Connections};
use crate::ui::widgets::Message;
use leptos::prelude::*;
use leptos::task::spawn_local;
use zeroize::Zeroize;

/// Why an API URL cannot be used, in plain words. `Ok` holds it trimmed and
/// without a trailing slash. Only `https://` is accepted, except
/// `http://127.0.0.1`, `http://localhost` and `http://[::1]` for local
/// testing: a token must not cross a network unencrypted.
pub fn check_api_url(text: &str) -> Result<String, &'static str> {
    let url = text.trim();
    if url.is_empty() {
        return Err("Enter the API URL, such as https://api.github.com.");
    }
    if url.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err("The API URL cannot contain spaces or line breaks.");
    }
    let lower = url.to_ascii_lowercase();
    let (secure, rest) = if let Some(rest) = lower.strip_prefix("https://") {
        (true, rest)
    } else if let Some(rest) = lower.strip_prefix("http://") {
        (false, rest)
    } else {
        return Err("The API URL must start with https://, such as https://api.github.com.");
    };
    if rest.contains(['?', '#']) {
        return Err(
            "Give only the API root: the API URL cannot have a query (?) or a fragment (#).",
        );
    }
    let authority = rest.split('/').next().unwrap_or_default();
    if authority.contains('@') {
        return Err(
            "The API URL cannot hold a user name or password: the token goes in the Token field.",
        );
    }
    let (host, port) = match authority.strip_prefix('[') {
        Some(v6) => match v6.split_once(']') {
            Some((address, port)) => (&authority[..address.len() + 2], port),
            None => return Err("The API URL's host is not a valid address."),
        },
        None => match authority.split_once(':') {
            Some((host, port)) => (host, port),
            None => (authority, ""),
        },
    };
    if host.is_empty() {
        return Err("The API URL needs a host name, such as api.github.com.");
    }
    let port = port.strip_prefix(':').unwrap_or(port);
    if !port.chars().all(|c| c.is_ascii_digit()) || port.len() > 5 {
        return Err("The API URL's port must be a number.");
    }
    if !secure && !matches!(host, "127.0.0.1" | "localhost" | "[::1]") {
        return Err("Use https:// so the token travels encrypted (http:// is allowed only for 127.0.0.1 and localhost, for local testing).");
    }
    Ok(url.trim_end_matches('/').to_string())
}

/// What is wrong with a (trimmed) token, if anything. The Sandbox needs
/// none; the others need one, made of the visible ASCII characters every
/// provider's tokens use. The message never repeats the token.
pub fn token_problem(provider: Provider, token: &str) -> Option<String> {
    if token.is_empty() {
        return (provider != Provider::Sandbox).then(|| {
            format!(
                "Enter the token: Keyward needs it to reach {}.",
                provider.name()
            )
        });
    }
    // Invisible characters first: the message says which and where.
    if let Some(bad) = header_value_problem(token).filter(|b| b.character != ' ') {
        return Some(token_character_message(bad));
    }
    if token.chars().any(char::is_whitespace) {
        return Some("The token has a space or line break inside it: copy it again.".into());
    }
    if !token.chars().all(|c| c.is_ascii_graphic()) {
        return Some("The token has characters tokens never have: copy it again.".into());
    }
    None
}

/// Where to create a token for `provider`, and what it needs.
fn token_help(provider: Provider) -> &'static str {
    match provider {
        Provider::GitHub | Provider::GitHubEnterprise => {
            "A personal access token: classic with the scopes `admin:public_key` and `repo`, \
             or fine-grained. “Check” says what it lacks."
        }
        Provider::HcpTerraform | Provider::TerraformEnterprise => {
            "A user token, or a team token whose team may manage VCS settings. \
             Organization tokens cannot manage SSH keys."
        }
        Provider::Astronomer => {
            "An Organization or Workspace API token with rights on the Deployments you manage."
        }
        Provider::Cnb => "A personal access token.",
        Provider::Sandbox => "Not needed: the Sandbox answers inside this page.",
    }
}

const PROVIDER_ID: &str = "connection-provider";
const API_URL_ID: &str = "connection-api-url";
const TOKEN_ID: &str = "connection-token";
const NAME_ID: &str = "connection-name";
const REMEMBER_ID: &str = "connection-remember";
const PROXY_ID: &str = "connection-proxy";

/// The form that checks and adds a connection to [`Connections`].
#[component]
pub fn ConnectionForm() -> impl IntoView {
    let connections = Connections::get();
    let first = Provider::GitHub;
    let provider = RwSignal::new(first);
    let api_url = RwSignal::new(first.default_api_url().to_string());
    // Set once the user types an address of their own: changing the provider
    // then leaves it alone.
    let api_url_edited = RwSignal::new(false);
    let token = RwSignal::new(String::new());
    let name = RwSignal::new(String::new());
    let remember = RwSignal::new(false);
    let via_proxy = RwSignal::new(first.proxy_by_default());
    let url_error = RwSignal::new(None::<&'static str>);
    let token_error = RwSignal::new(None::<String>);
    let check = RwSignal::new(CheckState::Idle);
    let outcome = RwSignal::new(None::<String>);
    let url_ref = NodeRef::<leptos::html::Input>::new();
    let token_ref = NodeRef::<leptos::html::Input>::new();

    let choose_provider = move |ev: leptos::ev::Event| {
        let Some(chosen) = Provider::from_slug(&event_target_value(&ev)) else {
            return;
        };
        provider.set(chosen);
        if !api_url_edited.get_untracked() {
            api_url.set(chosen.default_api_url().to_string());
            url_error.set(None);
        }
        via_proxy.set(chosen.proxy_by_default());
        // A token is for one provider: never carry it over to another.
        token.update(Zeroize::zeroize);
        token_error.set(None);
        check.set(CheckState::Idle);
        outcome.set(None);
    };

    // Validates every field, shows what is wrong next to it and focuses the
    // first such field; `None` when something is.
    let connection_from_fields = move || -> Option<Connection> {
        let chosen = provider.get_untracked();
        let url = check_api_url(&api_url.get_untracked());
        let typed = token.with_untracked(|t| t.trim().to_string());
        let problem = token_problem(chosen, &typed);
        url_error.set(url.as_ref().err().copied());
        token_error.set(problem.clone());
        let focus = if url.is_err() { url_ref } else { token_ref };
        let (Ok(url), None) = (url, problem) else {
            if let Some(input) = focus.get_untracked() {
                let _ = input.focus();
            }
            return None;
        };
        let secret = if typed.is_empty() {
            BROWSER_TOKEN.to_string()
        } else {
            typed
        };
        let label = name.with_untracked(|n| n.trim().to_string());
        let label = if label.is_empty() {
            chosen.name().to_string()
        } else {
            label
        };
        let proxied = via_proxy.get_untracked() && chosen.proxy_prefix().is_some();
        Some(Connection::new(
            chosen,
            label,
            url,
            secret,
            proxied,
            remember.get_untracked(),
        ))
    };

    let on_check = move |_| {
        if check.with_untracked(CheckState::is_running) {
            return;
        }
        outcome.set(None);
        let Some(connection) = connection_from_fields() else {
            check.set(CheckState::Idle);
            return;
        };
        check.set(CheckState::Running);
        spawn_local(async move {
            let result = run_check(&connection).await;
            check.set(result.into());
        });
    };

    let on_save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        outcome.set(None);
        let Some(connection) = connection_from_fields() else {
            return;
        };
        if connection.is_sandbox() {
            outcome.set(Some(
                "The Sandbox is built in: it is already in the list below, so there is nothing to save."
                    .into(),
            ));
            return;
        }
        let kept = if connection.remember {
            "on this device until you forget it"
        } else {
            "in this tab only"
        };
        let message = format!("Saved “{}”. Its token is kept {kept}.", connection.label);
        connections.save(connection);
        token.update(Zeroize::zeroize);
        name.set(String::new());
        remember.set(false);
        check.set(CheckState::Idle);
        outcome.set(Some(message));
    };

    let proxy_prefix = move || provider.get().proxy_prefix();
    let checking = move || check.with(CheckState::is_running);
    let token_described = move || {
        if token_error.with(Option::is_some) {
            "connection-token-error connection-token-help"
        } else {
            "connection-token-help"
        }
    };
    let url_described = move || {
        if url_error.with(Option::is_some) {
            "connection-api-url-error connection-api-url-help"
        } else {
            "connection-api-url-help"
        }
    };

    view! {
        <form
            class="connection-form"
            aria-label="Add a connection"
            method="post"
            novalidate
            on:submit=on_save
        >
            <div class="field">
                <label for=PROVIDER_ID>"Provider"</label>
                <select
                    id=PROVIDER_ID
                    on:change=choose_provider
                    prop:value=move || provider.get().slug()
                >
                    {Provider::ALL
                        .into_iter()
                        .map(|p| {
                            view! {
                                <option value=p.slug() selected=move || provider.get() == p>
                                    {p.name()}
                                </option>
                            }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="field">
                <label for=API_URL_ID>"API URL"</label>
                <input
                    id=API_URL_ID
                    type="url"
                    node_ref=url_ref
                    autocomplete="off"
                    spellcheck="false"
                    aria-invalid=move || url_error.with(Option::is_some).then_some("true")
                    aria-describedby=url_described
                    prop:value=move || api_url.get()
                    on:input=move |ev| {
                        let typed = event_target_value(&ev);
                        api_url_edited
                            .set(typed.trim() != provider.get_untracked().default_api_url());
                        api_url.set(typed);
                        url_error.set(None);
                    }
                />
                {move || {
                    url_error
                        .get()
                        .map(|text| {
                            view! { <p id="connection-api-url-error" class="field__error">{text}</p> }
                        })
                }}
                <p id="connection-api-url-help" class="field__help">
                    {move || match (proxy_prefix(), via_proxy.get()) {
                        (Some(prefix), true) => {
                            match provider.get() {
                                Provider::TerraformEnterprise => {
                                    format!(
                                        "Requests go to {prefix} on this site instead, which forwards them to the Terraform Enterprise host this site's server is set up for (keyward-server --tfe-url).",
                                    )
                                }
                                chosen => {
                                    format!(
                                        "Requests go to {prefix} on this site instead, which forwards them to {}.",
                                        chosen.default_api_url(),
                                    )
                                }
                            }
                        }
                        _ => {
                            "Prefilled with the public API; change it for your own server (GitHub Enterprise Server: https://HOST/api/v3)."
                                .to_string()
                        }
                    }}
                </p>
            </div>
            <div class="field">
                <label for=TOKEN_ID>"Token"</label>
                <input
                    id=TOKEN_ID
                    type="password"
                    node_ref=token_ref
                    autocomplete="off"
                    spellcheck="false"
                    aria-invalid=move || token_error.with(Option::is_some).then_some("true")
                    aria-describedby=token_described
                    prop:value=move || token.get()
                    on:input=move |ev| {
                        token.set(event_target_value(&ev));
                        token_error.set(None);
                    }
                />
                {move || {
                    token_error
                        .get()
                        .map(|text| {
                            view! { <p id="connection-token-error" class="field__error">{text}</p> }
                        })
                }}
                <p id="connection-token-help" class="field__help">
                    {move || view! { <Message text=token_help(provider.get()) /> }}
                    {move || {
                        if proxy_prefix().is_some() && via_proxy.get() {
                            " It stays in this browser and goes only to this site's proxy, \
                             which passes it to the provider's API."
                        } else {
                            " It stays in this browser and goes only to the API URL above."
                        }
                    }}
                </p>
            </div>
            <div class="field">
                <label for=NAME_ID>"Name"</label>
                <input
                    id=NAME_ID
                    type="text"
                    autocomplete="off"
                    aria-describedby="connection-name-help"
                    prop:value=move || name.get()
                    on:input=move |ev| name.set(event_target_value(&ev))
                />
                <p id="connection-name-help" class="field__help">
                    "Optional: what you call it, such as “Work GitHub”."
                </p>
            </div>
            <Show when=move || proxy_prefix().is_some()>
                <div class="field field--checkbox">
                    <input
                        id=PROXY_ID
                        type="checkbox"
                        aria-describedby="connection-proxy-help"
                        prop:checked=move || via_proxy.get()
                        on:change=move |ev| via_proxy.set(event_target_checked(&ev))
                    />
                    <label for=PROXY_ID>"Send through the same-origin proxy"</label>
                    <p id="connection-proxy-help" class="field__help">
                        {move || provider.get().name()}
                        " does not say it accepts calls from web pages on other sites (CORS). \
                         The proxy on this site forwards them; it needs "
                        <code>"keyward-server"</code>
                        " (what scripts/serve.sh runs) or, in development, "
                        <code>"trunk serve"</code>
                        "."
                    </p>
                </div>
            </Show>
            <Show when=move || provider.get() == Provider::TerraformEnterprise>
                <p class="field__help connection-form__note">
                    "Your Terraform Enterprise server must accept calls from this site (CORS); \
                     if it does not, tick the proxy option above and start keyward-server \
                     with --tfe-url set to your server (see the README)."
                </p>
            </Show>
            <div class="field field--checkbox">
                <input
                    id=REMEMBER_ID
                    type="checkbox"
                    aria-describedby="connection-remember-help"
                    prop:checked=move || remember.get()
                    on:change=move |ev| remember.set(event_target_checked(&ev))
                />
                <label for=REMEMBER_ID>"Remember on this device"</label>
                <div id="connection-remember-help" class="field__help">
                    <Show
                        when=move || remember.get()
                        fallback=|| "Off: the token is gone when you close this tab."
                    >
                        <p class="alert alert--warning connection-form__warning">
                            <strong>"Warning: "</strong>
                            "anyone using this browser profile can use this token, and it stays \
                             on this device until you forget it here."
                        </p>
                    </Show>
                </div>
            </div>
            <div class="connection-form__actions">
                <button
                    type="button"
                    class="button button--quiet"
                    disabled=checking
                    aria-busy=move || checking().then_some("true")
                    on:click=on_check
                >
                    "Check"
                </button>
                <button type="submit" class="button">
                    "Save"
                </button>
            </div>
            <p class="connection-form__outcome" role="status" aria-live="polite">
                {move || outcome.get()}
            </p>
            <CheckResult state=check />
        </form>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn https_urls_are_trimmed() {
        assert_eq!(
            check_api_url("  https://api.github.com/ "),
            Ok("https://api.github.com".to_string())
        );
        assert_eq!(
            check_api_url("HTTPS://GHE.example.com:8443/api/v3"),
            Ok("HTTPS://GHE.example.com:8443/api/v3".to_string())
        );
    }

    #[test]
    fn plain_http_only_for_this_machine() {
        assert!(check_api_url("http://127.0.0.1:9").is_ok());
        assert!(check_api_url("http://localhost:8787/github").is_ok());
        assert!(check_api_url("http://[::1]:8080/").is_ok());
        assert!(check_api_url("http://api.github.com")
            .unwrap_err()
            .contains("https://"));
        assert!(check_api_url("http://127.0.0.1.evil.example").is_err());
        assert!(check_api_url("http://localhost@evil.example").is_err());
    }

    #[test]
    fn malformed_urls_are_refused() {
        for bad in [
            "",
            "   ",
            "api.github.com",
            "ftp://x",
            "https://",
            "https:///api",
            "https://api.github.com?token=x",
            "https://api.github.com/#x",
            "https://user:pass@api.github.com",
            "https://api.github.com:port",
            "https://api github.com",
            "https://[::1",
        ] {
            assert!(check_api_url(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn tokens_are_required_except_for_the_sandbox() {
        assert!(token_problem(Provider::GitHub, "")
            .unwrap()
            .contains("Enter the token"));
        assert_eq!(token_problem(Provider::Sandbox, ""), None);
        assert_eq!(token_problem(Provider::GitHub, "ghp_abc123"), None);
        let spaced = token_problem(Provider::Cnb, "abc def").unwrap();
        assert!(!spaced.contains("abc"));
        assert!(token_problem(Provider::Astronomer, "tökén").is_some());
    }

    #[test]
    fn invisible_characters_are_named_before_saving() {
        let problem = token_problem(Provider::Cnb, "cnb_abcdefg\u{200B}hij").unwrap();
        assert_eq!(
            problem,
            "The token contains a character that cannot be sent in an HTTP header \
             (a zero-width space at position 12): paste it again without it."
        );
        assert!(token_problem(Provider::GitHub, "ghp_a\nb")
            .unwrap()
            .contains("a line break at position 6"));
    }
}
