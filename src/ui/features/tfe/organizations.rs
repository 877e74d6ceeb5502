//! The organizations the connection's token can see, offered beside the
//! typed Organization field: choosing one shows its keys. Loading and
//! failure are said in one line and never block typing a name.

use crate::providers::tfe::{parse_organization_list, PageRequest, TfeOrganization, MAX_PAGE_SIZE};
use crate::providers::ApiError;
use crate::ui::state::connections::Api;
use crate::ui::state::request::call;
use crate::ui::state::Connection;
use leptos::prelude::*;

/// Enough pages for any real account; a runaway `next-page` stops here.
const MAX_PAGES: u32 = 20;

/// Every organization the token can see, all pages; `None` when the
/// connection does not speak TFE.
async fn load(connection: Option<Connection>) -> Option<Result<Vec<TfeOrganization>, ApiError>> {
    let connection = connection.filter(|c| c.supports(Api::Tfe))?;
    let mut all = Vec::new();
    let mut number = 1;
    loop {
        let page = PageRequest {
            number,
            size: MAX_PAGE_SIZE,
        };
        let list = call(
            Some(&connection),
            Connection::tfe,
            |tfe, token| Ok(tfe.list_organizations(token, page)),
            parse_organization_list,
        )
        .await;
        let list = match list {
            Ok(list) => list,
            Err(error) => return Some(Err(error)),
        };
        let next = list.next_page();
        all.extend(list.organizations);
        match next {
            Some(next) if next > number && next <= MAX_PAGES => number = next,
            _ => return Some(Ok(all)),
        }
    }
}

/// "Your Terraform organizations": a list of the token's organizations;
/// choosing one runs `on_choose` with its name.
#[component]
pub(crate) fn TfeOrganizationPicker(
    #[prop(into)] connection: Signal<Option<Connection>>,
    /// The organization shown now (selected in the list when it is there).
    #[prop(into)]
    current: Signal<String>,
    on_choose: Callback<String>,
) -> impl IntoView {
    let organizations = LocalResource::new(move || load(connection.get()));
    let state = move || {
        organizations.with(|value| match value {
            None => Some(Err("Loading your Terraform organizations…".to_string())),
            Some(None) => None,
            Some(Some(Err(error))) => Some(Err(format!(
                "Could not list your Terraform organizations (HTTP {}): {} Type the name above.",
                error.status, error.explanation
            ))),
            Some(Some(Ok(list))) => Some(Ok(list.clone())),
        })
    };
    move || {
        state().map(|state| match state {
            Err(line) => {
                view! { <p class="field__help org-keys__picker-status" role="status">{line}</p> }
                    .into_any()
            }
            Ok(list) if list.is_empty() => view! {
                <p class="field__help org-keys__picker-status" role="status">
                    "This token sees no Terraform organizations: type the name above."
                </p>
            }
            .into_any(),
            Ok(list) => view! { <OrganizationSelect list current on_choose /> }.into_any(),
        })
    }
}

#[component]
fn OrganizationSelect(
    list: Vec<TfeOrganization>,
    current: Signal<String>,
    on_choose: Callback<String>,
) -> impl IntoView {
    let count = list.len();
    let options = list
        .into_iter()
        .map(|org| {
            let name = org.name.clone();
            let selected = move || current.with(|c| c.trim() == name);
            let note = match org.can_manage_ssh_keys {
                Some(false) => " (this token may not manage its SSH keys)",
                _ => "",
            };
            view! {
                <option value=org.name.clone() selected=selected>{format!("{}{note}", org.name)}</option>
            }
        })
        .collect_view();
    view! {
        <div class="field">
            <label for="tfe-organization-choice">"Your Terraform organizations"</label>
            <select
                id="tfe-organization-choice"
                aria-describedby="tfe-organization-choice-help"
                on:change=move |ev| {
                    let name = event_target_value(&ev);
                    if !name.is_empty() {
                        on_choose.run(name);
                    }
                }
            >
                <option value="">"Choose an organization…"</option>
                {options}
            </select>
            <p id="tfe-organization-choice-help" class="field__help">
                {match count {
                    1 => "The one organization this token can see. Choosing it shows its keys."
                        .to_string(),
                    n => format!("The {n} organizations this token can see. Choosing one shows its keys."),
                }}
            </p>
        </div>
    }
}
