//! `/orgs` and `/orgs/:org/keys`: keys and tokens an organization owns —
//! HCP Terraform / TFE SSH keys, Astronomer Deployment API tokens and CNB
//! deploy keys — shown by the chosen connection's provider (the Sandbox
//! shows all three).

use crate::providers::Provider;
use crate::ui::features::astro::AstroTokens;
use crate::ui::features::cnb::CnbDeployKeys;
use crate::ui::features::cnb::CnbScope;
use crate::ui::features::tfe::TfeSshKeys;
use crate::ui::state::connections::Api;
use crate::ui::state::{Connection, Connections};
use crate::ui::widgets::ConnectionSelect;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::NavigateOptions;

/// The Sandbox's seeded names, so it works with nothing typed.
const SANDBOX_TFE_ORG: &str = "acme";
const SANDBOX_ASTRO_ORG: &str = "org-sandbox";
const SANDBOX_ASTRO_DEPLOYMENT: &str = "dep-sandbox";
const SANDBOX_CNB_GROUP: &str = "sandbox-org";

/// Connections this page can use.
fn fits(connection: &Connection) -> bool {
    matches!(
        connection.provider,
        Provider::HcpTerraform
            | Provider::TerraformEnterprise
            | Provider::Astronomer
            | Provider::Cnb
            | Provider::Sandbox
    )
}

#[component]
pub fn OrgKeysPage() -> impl IntoView {
    crate::ui::set_page_title("Organization keys");
    let params = use_params_map();
    let navigate = use_navigate();
    let connections = Connections::get();
    let selected = RwSignal::new(String::new());
    let connection = Memo::new(move |_| connections.find(&selected.get()));
    let is_sandbox = move || connection.with(|c| c.as_ref().is_some_and(Connection::is_sandbox));

    // The organization from the address, else the Sandbox's seeded one.
    let route_org = Memo::new(move |_| params.with(|p| p.get("org")).unwrap_or_default());
    let organization = Memo::new(move |_| {
        let org = route_org.get();
        if org.trim().is_empty() && is_sandbox() {
            SANDBOX_TFE_ORG.to_string()
        } else {
            org
        }
    });
    let org_input = RwSignal::new(String::new());
    Effect::new(move |_| org_input.set(organization.get()));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let org = org_input.get_untracked().trim().to_string();
        let path = if org.is_empty() {
            "/orgs".to_string()
        } else {
            let encoded: String = web_sys::js_sys::encode_uri_component(&org).into();
            format!("/orgs/{encoded}/keys")
        };
        navigate(&path, NavigateOptions::default());
    };

    let shows = move |wanted: fn(&Connection) -> bool| {
        move || connection.with(|c| c.as_ref().is_some_and(wanted))
    };
    let shows_tfe = shows(|c| c.supports(Api::Tfe));
    let shows_astro = shows(|c| c.supports(Api::Astro));
    let shows_cnb = shows(|c| c.supports(Api::Cnb));
    let connection_signal = Signal::derive(move || connection.get());
    let organization_signal = Signal::derive(move || organization.get());
    let astro_org = Signal::derive(move || {
        if is_sandbox() {
            SANDBOX_ASTRO_ORG.to_string()
        } else {
            organization.get()
        }
    });
    let astro_deployment = Signal::derive(move || {
        if is_sandbox() {
            SANDBOX_ASTRO_DEPLOYMENT.to_string()
        } else {
            String::new()
        }
    });
    let cnb_group = Signal::derive(move || {
        if is_sandbox() {
            SANDBOX_CNB_GROUP.to_string()
        } else {
            organization.get()
        }
    });

    view! {
        <section class="page page--org-keys">
            <h1>"Organization keys"</h1>
            <p class="page__lead">
                "Keys and tokens that belong to an organization rather than to a person: \
                 Terraform SSH keys, Astronomer Deployment API tokens and CNB deploy keys."
            </p>
            <form class="org-keys__target" on:submit=submit>
                <ConnectionSelect selected fits />
                <div class="field">
                    <label for="org-keys-organization">"Organization"</label>
                    <input
                        id="org-keys-organization"
                        type="text"
                        autocomplete="off"
                        spellcheck="false"
                        aria-describedby="org-keys-organization-help"
                        prop:value=move || org_input.get()
                        on:input=move |ev| org_input.set(event_target_value(&ev))
                    />
                    <p id="org-keys-organization-help" class="field__help">
                        {move || if is_sandbox() {
                            "The Sandbox has the Terraform organization acme, the Astro \
                             organization org-sandbox (Deployment dep-sandbox) and the CNB \
                             organization sandbox-org."
                        } else {
                            "The organization's name as the provider shows it."
                        }}
                    </p>
                </div>
                <button type="submit" class="button button--quiet">"Show keys"</button>
            </form>
            <Show when=move || connection.with(Option::is_none)>
                <p class="org-keys__empty">"Choose a connection to see its organization keys."</p>
            </Show>
            <Show when=shows_tfe>
                <section class="org-keys__section" aria-labelledby="org-keys-tfe">
                    <h2 id="org-keys-tfe">"HCP Terraform / TFE SSH keys"</h2>
                    <TfeSshKeys connection=connection_signal organization=organization_signal />
                </section>
            </Show>
            <Show when=shows_astro>
                <section class="org-keys__section" aria-labelledby="org-keys-astro">
                    <h2 id="org-keys-astro">"Astronomer Deployment API tokens"</h2>
                    <AstroTokens
                        connection=connection_signal
                        default_organization=astro_org
                        default_deployment=astro_deployment
                    />
                </section>
            </Show>
            <Show when=shows_cnb>
                <section class="org-keys__section" aria-labelledby="org-keys-cnb">
                    <h2 id="org-keys-cnb">"CNB organization and artifact deploy keys"</h2>
                    <CnbDeployKeys
                        scope=CnbScope::Organization
                        resource=cnb_group
                        connection=connection_signal
                    />
                </section>
            </Show>
        </section>
    }
}
