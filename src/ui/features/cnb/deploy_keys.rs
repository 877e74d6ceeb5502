//! CNB deploy keys (organization, repository or artifact registry): CNB has
//! no public API for them, so this says where to make one, checks what a
//! pasted key can reach through the endpoints that exist, shows how to use
//! it, and keeps a local list of the person's keys (metadata only).
//!
//! The pasted key is held only for the check: it leaves the field when the
//! check starts and is wiped when the answers are in.

use crate::providers::cnb::{
    deploy_key_steps, git_username, parse_resource, parse_user, Cnb, DeployKeyScope,
};
use crate::providers::ApiError;
use crate::ui::features::cnb::key_memo::{scope_from_value, scope_value, CnbKeyMemos, ScopeSelect};
use crate::ui::state::client::send_built;
use crate::ui::state::connections::page_origin;
use crate::ui::state::connections::Api;
use crate::ui::state::keyed::{draft, draft_value};
use crate::ui::state::Connection;
use crate::ui::widgets::{FormActions, Message, ProviderError, TextField};
use leptos::prelude::*;
use zeroize::{Zeroize, Zeroizing};

/// Where a CNB deploy key lives: its organization, a repository, or an
/// artifact registry.
pub(crate) use crate::providers::cnb::DeployKeyScope as CnbScope;

/// One line of a check's result.
#[derive(Clone, Debug, PartialEq)]
struct Reach {
    /// What was asked ("Organization sandbox-org").
    what: String,
    outcome: Result<String, ApiError>,
}

/// The CNB deploy-key section; the organization page and the repository
/// page both mount it.
#[component]
pub(crate) fn CnbDeployKeys(
    /// The scope this page is about (the person can pick another).
    scope: CnbScope,
    /// The organization (`group`) or repository (`group/repo`) path.
    #[prop(into)]
    resource: Signal<String>,
    /// The connection the check goes through (CNB or the Sandbox); without
    /// one, the check is not offered.
    #[prop(into)]
    connection: Signal<Option<Connection>>,
) -> impl IntoView {
    // Both selects (here and in the memo form) write the same scope.
    let scope_choice = RwSignal::new(scope_value(scope).to_string());
    let chosen = Memo::new(move |_| scope_choice.with(|v| scope_from_value(v)));
    let path = draft(resource);
    let path_now = Signal::derive(move || path.get().get());
    let can_check = move || connection.with(|c| c.as_ref().is_some_and(|c| c.supports(Api::Cnb)));

    view! {
        <div class="org-keys__provider cnb-keys">
            <div class="notice">
                <p class="notice__title">"CNB has no public API for deploy keys."</p>
                <p>
                    "They can only be made, changed and deleted in CNB's web settings, so Keyward \
                     cannot list or create them. What it can do: tell you where to make one, check \
                     what a key can reach, show how to use it, and remind you before it expires."
                </p>
            </div>
            <ScopeSelect id="cnb-scope" label="Where the key lives" choice=scope_choice />
            <h3>"Make one in CNB"</h3>
            <ol class="cnb-keys__steps">
                {move || deploy_key_steps(chosen.get())
                    .into_iter()
                    .map(|step| view! { <li><Message text=step /></li> })
                    .collect_view()}
            </ol>

            <h3>"Check a deploy key"</h3>
            <Show when=can_check fallback=|| view! {
                <p class="field__help">"Choose a CNB connection (or the Sandbox) above to check a key."</p>
            }>
                <CheckKeyForm connection chosen path />
            </Show>
            <Usage connection chosen path=path_now />
            <CnbKeyMemos scope_choice resource=path_now />
        </div>
    }
}

/// "Check a deploy key": the path and the key; the answers, one line per
/// thing asked.
#[component]
fn CheckKeyForm(
    connection: Signal<Option<Connection>>,
    chosen: Memo<DeployKeyScope>,
    path: Memo<RwSignal<String>>,
) -> impl IntoView {
    let key = RwSignal::new(String::new());
    let refused = RwSignal::new(None::<String>);
    on_cleanup(move || {
        key.try_update(|k| k.zeroize());
    });
    let reach = Action::new_local(move |_: &()| {
        // The key leaves the field now and lives only until the answers.
        let secret = Zeroizing::new(key.try_update(std::mem::take).unwrap_or_default());
        let (connection, scope) = (connection.get_untracked(), chosen.get_untracked());
        let target = draft_value(path).unwrap_or_default().trim().to_string();
        async move {
            let Some(connection) = connection else {
                return Vec::new();
            };
            let Some(cnb) = connection.cnb(&page_origin()) else {
                return Vec::new();
            };
            let token = Zeroizing::new(secret.trim().to_string());
            let mut lines = Vec::new();
            if !target.is_empty() {
                lines.push(reach_resource(&connection, &cnb, &token, scope, &target).await);
            }
            lines.push(reach_user(&connection, &cnb, &token).await);
            lines
        }
    });
    let pending = reach.pending();
    let check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if pending.get_untracked() {
            return;
        }
        if key.with_untracked(|k| k.trim().is_empty()) {
            refused.set(Some("Paste the deploy key to check.".into()));
            return;
        }
        refused.set(None);
        reach.value().set(None);
        reach.dispatch_local(());
    };
    let path_label = move || match chosen.get() {
        DeployKeyScope::Repository => "Repository path (group/repo)",
        DeployKeyScope::Organization => "Organization path",
        DeployKeyScope::Artifact => "Organization of the registry",
    };
    view! {
        <form class="org-keys__form" on:submit=check aria-busy=move || pending.get().then_some("true")>
            <div class="field">
                <label for="cnb-check-path">{path_label}</label>
                {move || view! {
                    <input
                        id="cnb-check-path"
                        type="text"
                        autocomplete="off"
                        spellcheck="false"
                        disabled=pending
                        bind:value=path.get()
                    />
                }}
            </div>
            <TextField
                id="cnb-check-key"
                label="Deploy key"
                value=key
                input_type="password"
                disabled=pending
                hint="Sent only to CNB's API for this check, then cleared from the page. Never stored."
            />
            {move || refused.get().map(|r| view! { <p class="field__error" role="alert">{r}</p> })}
            <FormActions submit="Check key" pending_label="Checking…" pending />
        </form>
        <ReachList lines=Signal::derive(move || reach.value().get().unwrap_or_default()) />
    }
}

/// What the key reached, one line per thing asked.
#[component]
fn ReachList(lines: Signal<Vec<Reach>>) -> impl IntoView {
    view! {
        <div class="cnb-keys__results" aria-live="polite">
            {move || {
                let lines = lines.get();
                (!lines.is_empty()).then(|| view! {
                    <ul class="cnb-keys__reach" aria-label="What the key reaches">
                        {lines.into_iter().map(|line| match line.outcome {
                            Ok(text) => view! {
                                <li><strong>{line.what}</strong> ": " {text}</li>
                            }.into_any(),
                            Err(error) => view! {
                                <li><strong>{line.what}</strong> ": " <ProviderError error /></li>
                            }.into_any(),
                        }).collect_view()}
                    </ul>
                })
            }}
        </div>
    }
}

/// "Use it": the git username and a clone command that keeps the key out
/// of the URL.
#[component]
fn Usage(
    connection: Signal<Option<Connection>>,
    chosen: Memo<DeployKeyScope>,
    path: Signal<String>,
) -> impl IntoView {
    let usage_cnb = move || match connection.get() {
        Some(c) if !c.is_sandbox() => c.cnb(&page_origin()).unwrap_or_else(Cnb::cnb_cool),
        _ => Cnb::cnb_cool(),
    };
    let clone_url = move || {
        let cnb = usage_cnb();
        let path = path.get();
        let slug = path.trim();
        if chosen.get() == DeployKeyScope::Repository {
            if let Ok(url) = cnb.clone_url(slug) {
                return url;
            }
        }
        let group = slug
            .split('/')
            .next()
            .filter(|g| !g.is_empty())
            .unwrap_or("group");
        format!("{}/{group}/REPOSITORY.git", cnb.web_origin())
    };
    view! {
        <h3>"Use it"</h3>
        <p>
            "Git and the artifact registry take the username " <code>{git_username()}</code>
            " and the deploy key as the password. Keep the key in a secret store or CI \
             variable, and hand it to git through a credential helper, never inside the URL:"
        </p>
        <pre class="cnb-keys__usage"><code>{move || format!(
            "export CNB_DEPLOY_KEY=…   # from your secret store\n\
             git -c credential.helper='!f() {{ echo username={}; echo \"password=$CNB_DEPLOY_KEY\"; }}; f' \\\n    clone {}",
            git_username(),
            clone_url()
        )}</code></pre>
    }
}

/// Whether the key reaches the organization or repository.
async fn reach_resource(
    connection: &Connection,
    cnb: &Cnb,
    token: &str,
    scope: DeployKeyScope,
    target: &str,
) -> Reach {
    let (what, request) = match scope {
        DeployKeyScope::Repository => (
            format!("Repository {target}"),
            cnb.check_repository(token, target),
        ),
        DeployKeyScope::Organization => (
            format!("Organization {target}"),
            cnb.check_group(token, target),
        ),
        DeployKeyScope::Artifact => {
            let group = target.split('/').next().unwrap_or(target);
            (
                format!("Organization {group} (of the registry)"),
                cnb.check_group(token, group),
            )
        }
    };
    let outcome = send_built(connection, request)
        .await
        .and_then(|response| parse_resource(&response))
        .map(|found| {
            let mut text = "reachable: the key can read it".to_string();
            if let Some(visibility) = found.visibility {
                text.push_str(&format!(" ({visibility})"));
            }
            if let Some(description) = found.description {
                text.push_str(&format!(" — {description}"));
            }
            text.push('.');
            text
        });
    Reach { what, outcome }
}

/// `GET /user`: a deploy key belongs to a resource, not a person, so a
/// refusal is expected; an answer means this is a personal token.
async fn reach_user(connection: &Connection, cnb: &Cnb, token: &str) -> Reach {
    let what = "Personal account (GET /user)".to_string();
    let result = send_built(connection, Ok(cnb.check_token(token)))
        .await
        .and_then(|response| parse_user(&response));
    let outcome = match result {
        Ok(user) => Ok(format!(
            "answered as {}: this works as a personal access token, not only as a deploy key. \
             Deploy keys are read-only and tied to one resource; prefer one for automation.",
            user.login
        )),
        Err(error) if error.status == 401 => Ok(
            "not accepted, as expected for a deploy key (it belongs to a resource, not a person)."
                .to_string(),
        ),
        Err(error) => Err(error),
    };
    Reach { what, outcome }
}
