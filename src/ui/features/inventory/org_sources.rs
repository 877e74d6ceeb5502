//! What the All keys scan reads from organization-level providers:
//! HCP Terraform/TFE SSH keys (every organization the token sees), Astro
//! Deployment API tokens (every Deployment of the organizations named), and
//! the CNB deploy keys the person noted in this browser (CNB has no API).
//!
//! TFE never returns key material, so a TFE key gets its fingerprint from
//! the local record Keyward wrote when it uploaded the key, if any.

use super::scan::{Found, Task};
use crate::inventory::{Entry, EntryKind, Place};
use crate::providers::astro::{self, Astro};
use crate::providers::cnb::DeployKeyMemo;
use crate::providers::tfe::{self, PageRequest, Tfe, MAX_PAGE_SIZE};
use crate::providers::{ApiError, KeyRecord, Provider};
use crate::ui::state::connections::page_origin;
use crate::ui::state::{client, uploaded_keys, Connection};
use std::rc::Rc;

/// Pages of any list, at most: far beyond a real organization, and an end
/// for a server whose next page never ends.
const MAX_PAGES: u32 = 100;

/// The Sandbox's seeded Astro organization: scanned with no typing.
pub(crate) const SANDBOX_ASTRO_ORG: &str = "org-sandbox";

/// The provider a row names: the connection's own, or for the Sandbox
/// (which speaks every provider's API) the one it stands in for here.
pub(crate) fn emulated(connection: &Connection, api_of: Provider) -> Provider {
    if connection.is_sandbox() {
        api_of
    } else {
        connection.provider
    }
}

/// The first task for a TFE-speaking connection: its organizations.
pub(crate) fn tfe_tasks(connection: &Connection) -> Option<Task> {
    let api = Rc::new(connection.tfe(&page_origin())?);
    let connection = Rc::new(connection.clone());
    let label = connection.label.clone();
    Some(Task::new(
        &label,
        "Terraform organizations",
        false,
        move || {
            let (api, connection) = (api.clone(), connection.clone());
            async move {
                let mut more = Vec::new();
                let mut page = 1;
                for _ in 0..MAX_PAGES {
                    let request = api.list_organizations(connection.token(), page_request(page));
                    let response = client::send_for_scan(&connection, request).await?;
                    let list = tfe::parse_organization_list(&response)?;
                    for org in list.organizations.iter() {
                        more.push(tfe_keys_task(&api, &connection, &org.name));
                    }
                    match list.next_page() {
                        Some(next) if next > page => page = next,
                        _ => break,
                    }
                }
                Ok(Found {
                    more,
                    ..Found::default()
                })
            }
        },
    ))
}

fn page_request(number: u32) -> PageRequest {
    PageRequest {
        number,
        size: MAX_PAGE_SIZE,
    }
}

fn tfe_keys_task(api: &Rc<Tfe>, connection: &Rc<Connection>, org: &str) -> Task {
    let (api, connection, org) = (api.clone(), connection.clone(), org.to_string());
    let place = format!("SSH keys of the Terraform organization {org}");
    Task::new(&connection.label.clone(), place, false, move || {
        let (api, connection, org) = (api.clone(), connection.clone(), org.clone());
        async move {
            let mut records = Vec::new();
            let mut page = 1;
            for _ in 0..MAX_PAGES {
                let request =
                    api.list_ssh_keys_page(connection.token(), &org, page_request(page))?;
                let response = client::send_for_scan(&connection, request).await?;
                let list = tfe::parse_ssh_key_list(&response)?;
                records.extend(list.keys.iter().cloned());
                match list.next_page() {
                    Some(next) if next > page => page = next,
                    _ => break,
                }
            }
            let recorded = uploaded_keys::all();
            let origin = uploaded_keys::api_origin(&connection);
            let entries = records
                .into_iter()
                .map(|mut record| {
                    // The public half Keyward noted when it uploaded the key.
                    if let Some(known) = recorded.iter().find(|k| {
                        k.api_origin == origin && k.organization == org && k.tfe_key_id == record.id
                    }) {
                        record.public_key = Some(known.public_key.clone());
                    }
                    Entry::from_record(
                        emulated(&connection, Provider::HcpTerraform),
                        &connection.label,
                        Place::TfeOrganization {
                            organization: org.clone(),
                        },
                        EntryKind::SshKey,
                        &record,
                        &format!("/orgs/{org}/keys"),
                    )
                })
                .collect();
            Ok(Found {
                entries,
                ..Found::default()
            })
        }
    })
}

/// The first task for an Astro-speaking connection and one organization:
/// its Deployments, each then read for its tokens.
pub(crate) fn astro_tasks(connection: &Connection, organization: &str) -> Option<Task> {
    let api = Rc::new(connection.astro(&page_origin())?);
    let connection = Rc::new(connection.clone());
    let org = organization.to_string();
    let place = format!("Deployments of the Astro organization {org}");
    Some(Task::new(
        &connection.label.clone(),
        place,
        false,
        move || {
            let (api, connection, org) = (api.clone(), connection.clone(), org.clone());
            async move {
                let mut more = Vec::new();
                let mut offset = 0;
                for _ in 0..MAX_PAGES {
                    let request = api.list_deployments(connection.token(), &org, offset, 100)?;
                    let response = client::send_for_scan(&connection, request).await?;
                    let page = astro::parse_deployment_page(&response)?;
                    for deployment in &page.deployments {
                        more.push(astro_tokens_task(&api, &connection, &org, deployment));
                    }
                    match page.next_offset.and_then(|n| u32::try_from(n).ok()) {
                        Some(next) if next > offset => offset = next,
                        _ => break,
                    }
                }
                Ok(Found {
                    more,
                    ..Found::default()
                })
            }
        },
    ))
}

fn astro_tokens_task(
    api: &Rc<Astro>,
    connection: &Rc<Connection>,
    org: &str,
    deployment: &astro::AstroDeployment,
) -> Task {
    let (api, connection, org) = (api.clone(), connection.clone(), org.to_string());
    let (id, name) = (deployment.id.clone(), deployment.name.clone());
    let place = format!("tokens of the Astro Deployment {name}");
    Task::new(&connection.label.clone(), place, false, move || {
        let (api, connection, org, id) = (api.clone(), connection.clone(), org.clone(), id.clone());
        async move {
            let mut records: Vec<KeyRecord> = Vec::new();
            let mut offset = 0;
            for _ in 0..MAX_PAGES {
                let request = api.list_tokens(connection.token(), &org, &id, offset, 100)?;
                let response = client::send_for_scan(&connection, request).await?;
                let page = astro::parse_token_page(&response)?;
                records.extend(page.tokens.iter().cloned());
                match page.next_offset.and_then(|n| u32::try_from(n).ok()) {
                    Some(next) if next > offset => offset = next,
                    _ => break,
                }
            }
            let place = Place::AstroDeployment {
                organization: org.clone(),
                deployment: Some(id.clone()),
            };
            let link = format!("/orgs/{org}/keys");
            let entries = records
                .iter()
                .map(|record| {
                    Entry::from_record(
                        emulated(&connection, Provider::Astronomer),
                        &connection.label,
                        place.clone(),
                        EntryKind::Token,
                        record,
                        &link,
                    )
                })
                .collect();
            Ok::<_, ApiError>(Found {
                entries,
                ..Found::default()
            })
        }
    })
}

/// The CNB deploy keys noted in this browser, as entries (no request).
pub(crate) fn cnb_entries(memos: &[DeployKeyMemo]) -> Vec<Entry> {
    memos
        .iter()
        .map(|memo| {
            let record = KeyRecord {
                id: memo.name.clone(),
                title: memo.name.clone(),
                expires_at: memo
                    .expires_on
                    .as_ref()
                    .map(|day| format!("{day}T00:00:00Z")),
                description: Some(memo.note.clone()).filter(|n| !n.is_empty()),
                ..KeyRecord::default()
            };
            Entry::from_record(
                Provider::Cnb,
                "CNB notes (this browser)",
                Place::CnbMemo {
                    scope: memo.resource.clone(),
                },
                EntryKind::Token,
                &record,
                "/orgs",
            )
        })
        .collect()
}
