//! The organization's Deployments, offered by name (with their ids) beside
//! the typed Deployment ID field, where the token may list them; otherwise
//! one sentence says why, and the typed field works as before.

use crate::providers::astro::{parse_deployment_page, AstroDeployment};
use crate::providers::ApiError;
use crate::ui::state::connections::Api;
use crate::ui::state::request::call;
use crate::ui::state::Connection;
use leptos::prelude::*;

const PAGE_SIZE: u32 = 100;
/// Enough pages for any real organization; a runaway list stops here.
const MAX_PAGES: u32 = 20;

type Listed = Option<Result<Vec<AstroDeployment>, ApiError>>;

/// Every Deployment of `organization`, all pages; `None` when there is
/// nothing to ask (no organization, or not an Astro connection).
async fn load(connection: Option<Connection>, organization: String) -> Listed {
    let connection = connection.filter(|c| c.supports(Api::Astro))?;
    let organization = organization.trim().to_string();
    if organization.is_empty() {
        return None;
    }
    let mut all = Vec::new();
    let mut offset = 0;
    for _ in 0..MAX_PAGES {
        let asked = u32::try_from(offset).unwrap_or(u32::MAX);
        let page = call(
            Some(&connection),
            Connection::astro,
            |astro, token| astro.list_deployments(token, &organization, asked, PAGE_SIZE),
            parse_deployment_page,
        )
        .await;
        let page = match page {
            Ok(page) => page,
            Err(error) => return Some(Err(error)),
        };
        all.extend(page.deployments);
        match page.next_offset {
            Some(next) if next > offset => offset = next,
            _ => break,
        }
    }
    Some(Ok(all))
}

/// "Deployments of this organization": choosing one runs `on_choose` with
/// its id.
#[component]
pub(super) fn DeploymentPicker(
    connection: Signal<Option<Connection>>,
    /// The organization whose Deployments are listed.
    organization: Signal<String>,
    /// The Deployment ID shown now (selected when it is in the list).
    current: Signal<String>,
    on_choose: Callback<String>,
) -> impl IntoView {
    let deployments = LocalResource::new(move || load(connection.get(), organization.get()));
    let status = |text: String| {
        view! { <p class="field__help org-keys__picker-status" role="status">{text}</p> }.into_any()
    };
    move || {
        deployments.with(|value| match value {
            None => Some(status("Loading the organization's Deployments…".into())),
            Some(None) => None,
            Some(Some(Err(error))) => Some(status(format!(
                "The Deployments could not be listed (HTTP {}): {}",
                error.status, error.explanation
            ))),
            Some(Some(Ok(list))) if list.is_empty() => Some(status(
                "Astro lists no Deployments in this organization for this token: type the \
                 Deployment ID."
                    .into(),
            )),
            Some(Some(Ok(list))) => {
                Some(view! { <DeploymentSelect list=list.clone() current on_choose /> }.into_any())
            }
        })
    }
}

#[component]
fn DeploymentSelect(
    list: Vec<AstroDeployment>,
    current: Signal<String>,
    on_choose: Callback<String>,
) -> impl IntoView {
    let options = list
        .into_iter()
        .map(|deployment| {
            let id = deployment.id.clone();
            let selected = move || current.with(|c| c.trim() == id);
            let mut text = format!("{} ({})", deployment.name, deployment.id);
            if let Some(workspace) = deployment.workspace_name.or(deployment.workspace_id) {
                text.push_str(&format!(", Workspace {workspace}"));
            }
            view! { <option value=deployment.id selected=selected>{text}</option> }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for="astro-deployment-choice">"Deployments of this organization"</label>
            <select
                id="astro-deployment-choice"
                on:change=move |ev| {
                    let id = event_target_value(&ev);
                    if !id.is_empty() {
                        on_choose.run(id);
                    }
                }
            >
                <option value="">"Choose a Deployment…"</option>
                {options}
            </select>
        </div>
    }
}
