//! The provider calls the steps make: every page of the organization's
//! workspaces, deleting a deploy key, and the provider's answer in words.

use crate::providers::github::{self, Operation};
use crate::providers::tfe::{parse_workspace_list, PageRequest, TfeWorkspace, MAX_PAGE_SIZE};
use crate::providers::ApiError;
use crate::ui::features::github::KeyTarget;
use crate::ui::state::request::call;
use crate::ui::state::uploaded_keys::DeployKeyPlace;
use crate::ui::state::Connection;

/// More pages than any organization has: a server that keeps sending
/// `next` is not followed for ever.
const MAX_PAGES: u32 = 1000;

pub(super) async fn list_workspaces(
    tfe: Option<&Connection>,
    org: &str,
) -> Result<Vec<TfeWorkspace>, ApiError> {
    let mut all = Vec::new();
    let mut number = 1;
    while number <= MAX_PAGES {
        let page = PageRequest {
            number,
            size: MAX_PAGE_SIZE,
        };
        let list = call(
            tfe,
            Connection::tfe,
            |c, token| c.list_workspaces_page(token, org, page),
            parse_workspace_list,
        )
        .await?;
        all.extend(list.workspaces.iter().cloned());
        match list.next_page() {
            Some(next) if next > number => number = next,
            _ => return Ok(all),
        }
    }
    Err(ApiError::unexpected(
        200,
        "Terraform kept sending more pages of workspaces than any organization has",
    ))
}

pub(super) async fn delete_deploy_key(
    github: Option<&Connection>,
    place: &DeployKeyPlace,
) -> Result<(), ApiError> {
    let (owner, repo) = place
        .repository
        .split_once('/')
        .unwrap_or((&place.repository, ""));
    let id = place.key_id.to_string();
    call(
        github,
        Connection::github,
        |g, token| g.delete_deploy_key(token, owner, repo, &id),
        |r| github::parse_deleted(r, Operation::DeleteDeployKey),
    )
    .await
}

pub(super) fn repository_target(repository: &str) -> Option<KeyTarget> {
    let (owner, repo) = repository.split_once('/')?;
    Some(KeyTarget::Repository {
        owner: owner.to_string(),
        repo: repo.to_string(),
    })
}

pub(super) fn took(millis: f64) -> String {
    if millis < 1000.0 {
        format!("made in {} ms", millis.round())
    } else {
        format!("made in {:.1} s", millis / 1000.0)
    }
}

/// The provider's answer in one line: status, explanation, its message.
pub(crate) fn reason(error: &ApiError) -> String {
    let fields: String = error
        .field_errors
        .iter()
        .map(|(field, message)| format!(" {field}: {message}."))
        .collect();
    match error.status {
        0 => format!("{error}{fields}"),
        status => format!("HTTP {status}: {error}{fields}"),
    }
}
