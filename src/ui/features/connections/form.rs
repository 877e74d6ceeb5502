//! The "Add a connection" form: provider, API URL, token, name, where the
//! token is kept; "Check" asks the provider without saving, "Save" adds the
//! connection to the shared list. The rules it applies are in
//! [`connection_rules`](crate::ui::state::connection_rules).
//!
//! The token is held in memory until Save, then cleared from the field and
//! wiped; choosing another provider clears it too, so a token typed for one
//! provider is never sent to another. It never goes into a URL: the inputs
//! have no `name`, so even a native form submission (if the app had died)
//! would carry nothing.

use super::check_result::{check_action, check_state, CheckButton, CheckResult};
use crate::providers::sandbox::BROWSER_TOKEN;
use crate::providers::Provider;
use crate::ui::state::connection_rules::{check_api_url, token_problem};
use crate::ui::state::keyed::Keyed;
use crate::ui::state::{Connection, Connections};
use crate::ui::widgets::{Message, TextField};
use leptos::prelude::*;
use zeroize::Zeroize;

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
        Provider::Sandbox => "Not needed: the Sandbox answers inside this browser.",
    }
}

/// Where requests go, under the API URL field.
fn url_help(provider: Provider, via_proxy: bool) -> String {
    match (provider.proxy_prefix(), via_proxy, provider) {
        (Some(prefix), true, Provider::TerraformEnterprise) => format!(
            "Requests go to {prefix} on this site instead, which forwards them to the Terraform \
             Enterprise host this site's server is set up for (keyward-server --tfe-url)."
        ),
        (Some(prefix), true, chosen) => format!(
            "Requests go to {prefix} on this site instead, which forwards them to {}.",
            chosen.default_api_url()
        ),
        _ => "Prefilled with the public API; change it for your own server (GitHub Enterprise \
              Server: https://HOST/api/v3)."
            .to_string(),
    }
}

const PROVIDER_ID: &str = "connection-provider";
const API_URL_ID: &str = "connection-api-url";
const TOKEN_ID: &str = "connection-token";
const REMEMBER_ID: &str = "connection-remember";
const PROXY_ID: &str = "connection-proxy";

/// The form's fields.
#[derive(Clone, Copy)]
struct Fields {
    provider: RwSignal<Provider>,
    api_url: RwSignal<String>,
    token: RwSignal<String>,
    name: RwSignal<String>,
    remember: RwSignal<bool>,
    via_proxy: RwSignal<bool>,
    /// A problem with the URL, while the URL is the one it was found in.
    url_error: Keyed<String, String>,
    token_error: RwSignal<Option<String>>,
}

impl Fields {
    fn new() -> Self {
        let first = Provider::GitHub;
        let api_url = RwSignal::new(first.default_api_url().to_string());
        Fields {
            provider: RwSignal::new(first),
            api_url,
            token: RwSignal::new(String::new()),
            name: RwSignal::new(String::new()),
            remember: RwSignal::new(false),
            via_proxy: RwSignal::new(first.proxy_by_default()),
            url_error: Keyed::new(api_url),
            token_error: RwSignal::new(None),
        }
    }

    /// Another provider: its default URL (unless the person typed one),
    /// its proxy default, and no token: a token is for one provider.
    fn choose(self, chosen: Provider) {
        let before = self.provider.get_untracked();
        if self
            .api_url
            .with_untracked(|u| u.trim() == before.default_api_url())
        {
            self.api_url.set(chosen.default_api_url().to_string());
        }
        self.provider.set(chosen);
        self.via_proxy.set(chosen.proxy_by_default());
        self.token.update(Zeroize::zeroize);
        self.token_error.set(None);
    }

    /// Validates every field, shows what is wrong next to it and focuses
    /// the first such field; `None` when something is.
    fn connection(self) -> Option<Connection> {
        let chosen = self.provider.get_untracked();
        let url = check_api_url(&self.api_url.get_untracked());
        let typed = self.token.with_untracked(|t| t.trim().to_string());
        let problem = token_problem(chosen, &typed);
        match url {
            Err(why) => self.url_error.set(why.to_string()),
            Ok(_) => self.url_error.clear(),
        }
        self.token_error.set(problem.clone());
        let (Ok(url), None) = (url.as_ref(), &problem) else {
            crate::ui::focus_by_id(if url.is_err() { API_URL_ID } else { TOKEN_ID });
            return None;
        };
        let secret = if typed.is_empty() {
            BROWSER_TOKEN.to_string()
        } else {
            typed
        };
        let label = self.name.with_untracked(|n| n.trim().to_string());
        let label = if label.is_empty() {
            chosen.name().to_string()
        } else {
            label
        };
        let proxied = self.via_proxy.get_untracked() && chosen.proxy_prefix().is_some();
        Some(Connection::new(
            chosen,
            label,
            url.clone(),
            secret,
            proxied,
            self.remember.get_untracked(),
        ))
    }

    /// Saves a checked connection and clears the fields that held it;
    /// the outcome, in words.
    fn save(self, connections: Connections, connection: Connection) -> String {
        if connection.is_sandbox() {
            return "The Sandbox is built in: it is already in the list below, so there is \
                    nothing to save."
                .to_string();
        }
        let kept = if connection.remember {
            "on this device until you forget it"
        } else {
            "in this tab only"
        };
        let message = format!("Saved “{}”. Its token is kept {kept}.", connection.label);
        connections.save(connection);
        self.token.update(Zeroize::zeroize);
        self.name.set(String::new());
        self.remember.set(false);
        message
    }
}

/// The form that checks and adds a connection to [`Connections`].
#[component]
pub(crate) fn ConnectionForm() -> impl IntoView {
    let connections = Connections::get();
    let fields = Fields::new();
    let outcome = RwSignal::new(None::<String>);
    let check = check_action();
    let state = check_state(check);

    let on_provider = Callback::new(move |chosen: Provider| {
        fields.choose(chosen);
        check.value().set(None);
        outcome.set(None);
    });
    let on_check = Callback::new(move |()| {
        outcome.set(None);
        check.value().set(None);
        if let Some(connection) = fields.connection() {
            check.dispatch_local(connection);
        }
    });
    let on_save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        outcome.set(None);
        let Some(connection) = fields.connection() else {
            return;
        };
        let saved = !connection.is_sandbox();
        let message = fields.save(connections, connection);
        if saved {
            check.value().set(None);
        }
        outcome.set(Some(message));
    };
    let provider = fields.provider;

    view! {
        <form
            class="connection-form"
            aria-label="Add a connection"
            method="post"
            novalidate
            on:submit=on_save
        >
            <ProviderField provider on_change=on_provider />
            <TextField
                id=API_URL_ID
                label="API URL"
                value=fields.api_url
                input_type="url"
                hint=move || url_help(provider.get(), fields.via_proxy.get())
                error=Signal::derive(move || fields.url_error.get())
            />
            <TokenField fields />
            <TextField
                id="connection-name"
                label="Name"
                value=fields.name
                hint="Optional: what you call it, such as “Work GitHub”."
            />
            <ProxyField fields />
            <RememberField remember=fields.remember />
            <div class="connection-form__actions">
                <CheckButton check on_check class="button button--quiet" />
                <button type="submit" class="button">
                    "Save"
                </button>
            </div>
            <p class="connection-form__outcome" role="status" aria-live="polite">
                {move || outcome.get()}
            </p>
            <CheckResult state />
        </form>
    }
}

/// The provider select. Choosing one is an event with consequences (the
/// token is wiped), so it is handled where it happens, not bound.
#[component]
fn ProviderField(provider: RwSignal<Provider>, on_change: Callback<Provider>) -> impl IntoView {
    view! {
        <div class="field">
            <label for=PROVIDER_ID>"Provider"</label>
            <select
                id=PROVIDER_ID
                on:change=move |ev| {
                    if let Some(chosen) = Provider::from_slug(&event_target_value(&ev)) {
                        on_change.run(chosen);
                    }
                }
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
    }
}

/// The token: a password input whose help names what the provider needs
/// and where the token goes. Typing clears its error.
#[component]
fn TokenField(fields: Fields) -> impl IntoView {
    let Fields {
        provider,
        token,
        token_error,
        via_proxy,
        ..
    } = fields;
    let described = move || {
        if token_error.with(Option::is_some) {
            "connection-token-error connection-token-help"
        } else {
            "connection-token-help"
        }
    };
    view! {
        <div class="field">
            <label for=TOKEN_ID>"Token"</label>
            <input
                id=TOKEN_ID
                type="password"
                autocomplete="off"
                spellcheck="false"
                aria-invalid=move || token_error.with(Option::is_some).then_some("true")
                aria-describedby=described
                bind:value=token
                on:input=move |_| token_error.set(None)
            />
            {move || token_error.get().map(|text| view! {
                <p id="connection-token-error" class="field__error">{text}</p>
            })}
            <p id="connection-token-help" class="field__help">
                {move || view! { <Message text=token_help(provider.get()) /> }}
                {move || {
                    if provider.get().proxy_prefix().is_some() && via_proxy.get() {
                        " It stays in this browser and goes only to this site's proxy, \
                         which passes it to the provider's API."
                    } else {
                        " It stays in this browser and goes only to the API URL above."
                    }
                }}
            </p>
        </div>
    }
}

/// A checkbox with its label and, under it, its help (`<id>-help`).
#[component]
fn CheckboxField(
    id: &'static str,
    label: &'static str,
    checked: RwSignal<bool>,
    children: Children,
) -> impl IntoView {
    view! {
        <div class="field field--checkbox">
            <input id=id type="checkbox" aria-describedby=format!("{id}-help") bind:checked=checked />
            <label for=id>{label}</label>
            <div id=format!("{id}-help") class="field__help">{children()}</div>
        </div>
    }
}

/// "Send through the same-origin proxy", for the providers that have one.
#[component]
fn ProxyField(fields: Fields) -> impl IntoView {
    let Fields {
        provider,
        via_proxy,
        ..
    } = fields;
    view! {
        <Show when=move || provider.get().proxy_prefix().is_some()>
            <CheckboxField id=PROXY_ID label="Send through the same-origin proxy" checked=via_proxy>
                {move || provider.get().name()}
                " does not say it accepts calls from web pages on other sites (CORS). \
                 The proxy on this site forwards them; it needs "
                <code>"keyward-server"</code>
                " (what scripts/serve.sh runs) or, in development, "
                <code>"trunk serve"</code>
                "."
            </CheckboxField>
        </Show>
        <Show when=move || provider.get() == Provider::TerraformEnterprise>
            <p class="field__help connection-form__note">
                "Your Terraform Enterprise server must accept calls from this site (CORS); \
                 if it does not, tick the proxy option above and start keyward-server \
                 with --tfe-url set to your server (see the README)."
            </p>
        </Show>
    }
}

/// "Remember on this device", with its warning when ticked.
#[component]
fn RememberField(remember: RwSignal<bool>) -> impl IntoView {
    view! {
        <CheckboxField id=REMEMBER_ID label="Remember on this device" checked=remember>
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
        </CheckboxField>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_url_help_says_where_requests_go() {
        assert!(url_help(Provider::GitHub, true).starts_with("Prefilled"));
        assert!(url_help(Provider::HcpTerraform, true).contains("/proxy/tfe"));
        assert!(url_help(Provider::HcpTerraform, false).starts_with("Prefilled"));
        assert!(url_help(Provider::TerraformEnterprise, true).contains("--tfe-url"));
    }
}
