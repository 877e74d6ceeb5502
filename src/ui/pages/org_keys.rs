//! `/orgs` and `/orgs/:org/keys`: keys and tokens an organization owns —
//! HCP Terraform / TFE SSH keys, Astronomer Deployment API tokens and CNB
//! deploy keys — shown by the chosen connection's provider (the Sandbox
//! shows all three).

use crate::providers::Provider;
use crate::ui::app::org_path;
use crate::ui::features::astro::AstroTokens;
use crate::ui::features::cnb::CnbDeployKeys;
use crate::ui::features::cnb::CnbScope;
use crate::ui::features::tfe::{TfeOrganizationPicker, TfeSshKeys};
use crate::ui::state::connections::Api;
use crate::ui::state::keyed::{draft, draft_value};
use crate::ui::state::storage::{self, Area};
use crate::ui::state::{Connection, Connections};
use crate::ui::widgets::{ConnectionSelect, TextField};
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_params_map};
use leptos_router::NavigateOptions;

/// The Sandbox's seeded names, so it works with nothing typed.
const SANDBOX_TFE_ORG: &str = "acme";
const SANDBOX_ASTRO_ORG: &str = "org-sandbox";
const SANDBOX_ASTRO_DEPLOYMENT: &str = "dep-sandbox";
const SANDBOX_CNB_GROUP: &str = "sandbox-org";

/// Where the chosen connection's id (never its token) is kept for the tab.
const CHOSEN_CONNECTION: &str = "keyward.org-keys.connection";

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
pub(crate) fn OrgKeysPage() -> impl IntoView {
    crate::ui::set_page_title("Organization keys");
    let params = use_params_map();
    let connections = Connections::get();
    // The choice outlives this page: choosing an organization goes to its
    // address, another route, which mounts the page afresh.
    let selected =
        RwSignal::new(storage::read(Area::Session, CHOSEN_CONNECTION).unwrap_or_default());
    Effect::new(move |_| storage::write(Area::Session, CHOSEN_CONNECTION, &selected.get()));
    let connection = Memo::new(move |_| selected.with(|id| connections.chosen(id, fits)));
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
    let organization_signal = Signal::derive(move || organization.get());

    let connection_signal = Signal::derive(move || connection.get());
    // The Sandbox's seeded names, else the organization typed.
    let sandbox_or = move |seeded: &'static str, typed: fn(String) -> String| {
        Memo::new(move |_| {
            if is_sandbox() {
                seeded.to_string()
            } else {
                typed(organization.get())
            }
        })
    };
    let astro_org = sandbox_or(SANDBOX_ASTRO_ORG, |org| org);
    let astro_deployment = sandbox_or(SANDBOX_ASTRO_DEPLOYMENT, |_| String::new());
    let cnb_group = sandbox_or(SANDBOX_CNB_GROUP, |org| org);
    view! {
        <section class="page page--org-keys">
            <h1>"Organization keys"</h1>
            <p class="page__lead">
                "Keys and tokens that belong to an organization rather than to a person: \
                 Terraform SSH keys, Astronomer Deployment API tokens and CNB deploy keys."
            </p>
            <OrgTargetForm
                selected
                connection=connection_signal
                organization=organization_signal
                sandbox=Signal::derive(is_sandbox)
            />
            <Show when=move || connection.with(Option::is_none)>
                <p class="org-keys__empty">"Choose a connection to see its organization keys."</p>
            </Show>
            <ApiSection api=Api::Tfe connection id="org-keys-tfe" title="HCP Terraform / TFE SSH keys">
                <TfeSshKeys connection=connection_signal organization=organization_signal />
            </ApiSection>
            <ApiSection api=Api::Astro connection id="org-keys-astro" title="Astronomer Deployment API tokens">
                <AstroTokens
                    connection=connection_signal
                    default_organization=astro_org
                    default_deployment=astro_deployment
                />
            </ApiSection>
            <ApiSection api=Api::Cnb connection id="org-keys-cnb" title="CNB organization and artifact deploy keys">
                <CnbDeployKeys
                    scope=CnbScope::Organization
                    resource=cnb_group
                    connection=connection_signal
                />
            </ApiSection>
        </section>
    }
}

/// A provider's section, shown while the chosen connection speaks its API
/// (the Sandbox speaks all three).
#[component]
fn ApiSection(
    api: Api,
    connection: Memo<Option<Connection>>,
    id: &'static str,
    title: &'static str,
    children: ChildrenFn,
) -> impl IntoView {
    let shown = move || connection.with(|c| c.as_ref().is_some_and(|c| c.supports(api)));
    view! {
        <Show when=shown>
            <section class="org-keys__section" aria-labelledby=id>
                <h2 id=id>{title}</h2>
                {children()}
            </section>
        </Show>
    }
}

/// The connection and the organization; "Show keys" goes to the
/// organization's address. The field starts from the organization shown,
/// and follows it; a Terraform connection also offers its organizations.
#[component]
fn OrgTargetForm(
    selected: RwSignal<String>,
    connection: Signal<Option<Connection>>,
    organization: Signal<String>,
    sandbox: Signal<bool>,
) -> impl IntoView {
    let navigate = use_navigate();
    let org_input = draft(organization);
    let go =
        Callback::new(move |org: String| navigate(&org_path(&org), NavigateOptions::default()));
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        go.run(draft_value(org_input).unwrap_or_default());
    };
    let org_hint = move || {
        if sandbox.get() {
            "The Sandbox has the Terraform organizations acme and initech, the Astro \
             organization org-sandbox (Deployments dep-sandbox and dep-sandbox-staging) and the \
             CNB organization sandbox-org."
        } else {
            "The organization's name as the provider shows it."
        }
    };

    view! {
        <form class="org-keys__target" on:submit=submit>
            <ConnectionSelect selected fits />
            {move || view! {
                <TextField
                    id="org-keys-organization"
                    label="Organization"
                    value=org_input.get()
                    hint=org_hint
                />
            }}
            <button type="submit" class="button button--quiet">"Show keys"</button>
            <TfeOrganizationPicker connection current=organization on_choose=go />
        </form>
    }
}
