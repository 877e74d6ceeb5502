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
use crate::ui::features::cnb::key_memo::{scope_from_value, scope_label, scope_value, CnbKeyMemos};
use crate::ui::state::client::send_built;
use crate::ui::state::connections::page_origin;
use crate::ui::state::connections::Api;
use crate::ui::state::Connection;
use crate::ui::widgets::Message;
use crate::ui::widgets::ProviderError;
use leptos::prelude::*;
use leptos::task::spawn_local;
use zeroize::Zeroize;

/// Where a CNB deploy key lives: its organization, a repository, or an
/// artifact registry.
pub use crate::providers::cnb::DeployKeyScope as CnbScope;

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
pub fn CnbDeployKeys(
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
    let chosen = RwSignal::new(scope);
    let path = RwSignal::new(String::new());
    Effect::new(move |_| path.set(resource.get()));
    let key = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let results = RwSignal::new(Vec::<Reach>::new());
    let refused = RwSignal::new(None::<String>);
    on_cleanup(move || {
        key.try_update(|k| k.zeroize());
    });

    let check = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Some(connection) = connection.get_untracked() else {
            return;
        };
        let Some(cnb) = connection.cnb(&page_origin()) else {
            return;
        };
        if key.with_untracked(|k| k.trim().is_empty()) {
            refused.set(Some("Paste the deploy key to check.".into()));
            return;
        }
        // The key leaves the field now and lives only until the answers.
        let mut secret = key.try_update(std::mem::take).unwrap_or_default();
        let scope = chosen.get_untracked();
        let target = path.get_untracked().trim().to_string();
        refused.set(None);
        results.set(Vec::new());
        busy.set(true);
        spawn_local(async move {
            let token = secret.trim().to_string();
            let mut lines = Vec::new();
            if !target.is_empty() {
                lines.push(reach_resource(&connection, &cnb, &token, scope, &target).await);
            }
            lines.push(reach_user(&connection, &cnb, &token).await);
            let mut token = token;
            token.zeroize();
            secret.zeroize();
            busy.try_set(false);
            results.try_set(lines);
        });
    };

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
            <div class="field">
                <label for="cnb-scope">"Where the key lives"</label>
                <select
                    id="cnb-scope"
                    prop:value=move || scope_value(chosen.get())
                    on:change=move |ev| chosen.set(scope_from_value(&event_target_value(&ev)))
                >
                    {[DeployKeyScope::Organization, DeployKeyScope::Repository, DeployKeyScope::Artifact]
                        .into_iter()
                        .map(|s| view! {
                            <option value=scope_value(s) selected=move || chosen.get() == s>{scope_label(s)}</option>
                        })
                        .collect_view()}
                </select>
            </div>
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
                <form class="org-keys__form" on:submit=check aria-busy=move || busy.get().then_some("true")>
                    <div class="field">
                        <label for="cnb-check-path">
                            {move || match chosen.get() {
                                DeployKeyScope::Repository => "Repository path (group/repo)",
                                DeployKeyScope::Organization => "Organization path",
                                DeployKeyScope::Artifact => "Organization of the registry",
                            }}
                        </label>
                        <input
                            id="cnb-check-path"
                            type="text"
                            autocomplete="off"
                            spellcheck="false"
                            disabled=move || busy.get()
                            prop:value=move || path.get()
                            on:input=move |ev| path.set(event_target_value(&ev))
                        />
                    </div>
                    <div class="field">
                        <label for="cnb-check-key">"Deploy key"</label>
                        <input
                            id="cnb-check-key"
                            type="password"
                            autocomplete="off"
                            spellcheck="false"
                            aria-describedby="cnb-check-key-help"
                            disabled=move || busy.get()
                            prop:value=move || key.get()
                            on:input=move |ev| key.set(event_target_value(&ev))
                        />
                        <p id="cnb-check-key-help" class="field__help">
                            "Sent only to CNB's API for this check, then cleared from the page. \
                             Never stored."
                        </p>
                    </div>
                    {move || refused.get().map(|r| view! { <p class="field__error" role="alert">{r}</p> })}
                    <button type="submit" class="button" disabled=move || busy.get()>
                        {move || if busy.get() { "Checking…" } else { "Check key" }}
                    </button>
                </form>
                <div class="cnb-keys__results" aria-live="polite">
                    {move || {
                        let lines = results.get();
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
            </Show>

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

            <CnbKeyMemos scope=chosen resource=Signal::derive(move || path.get()) />
        </div>
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
