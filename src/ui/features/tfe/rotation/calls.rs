//! Every page of the organization's workspaces, for step 4.

use crate::providers::tfe::{parse_workspace_list, PageRequest, TfeWorkspace, MAX_PAGE_SIZE};
use crate::providers::ApiError;
use crate::ui::state::request::call;
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
