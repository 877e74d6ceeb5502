//! The requests of the GitHub key pages: which keys a page manages (the
//! user's own or one repository's deploy keys) and how they are listed
//! (every page), added and deleted, through the provider's builders and
//! parsers, never a URL built here.

use crate::providers::github::{self, GitHub, Operation};
use crate::providers::{ApiError, ErrorKind, KeyRecord};
use crate::ui::state::client;
use crate::ui::state::connections::page_origin;
use crate::ui::state::Connection;

/// GitHub answers at most 100 keys a page: 100 pages is 10,000 keys, far
/// beyond any real account, and stops a server whose `next` never ends.
const MAX_PAGES: usize = 100;

/// Whose keys a page manages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum KeyTarget {
    /// The authenticated user's SSH keys.
    User,
    /// One repository's deploy keys.
    Repository { owner: String, repo: String },
}

impl KeyTarget {
    pub(crate) fn is_deploy(&self) -> bool {
        matches!(self, KeyTarget::Repository { .. })
    }

    /// "SSH key" or "deploy key", for headings and messages.
    pub(crate) fn noun(&self) -> &'static str {
        if self.is_deploy() {
            "deploy key"
        } else {
            "SSH key"
        }
    }

    fn operations(&self) -> (Operation, Operation, Operation) {
        if self.is_deploy() {
            (
                Operation::ListDeployKeys,
                Operation::CreateDeployKey,
                Operation::DeleteDeployKey,
            )
        } else {
            (
                Operation::ListUserKeys,
                Operation::CreateUserKey,
                Operation::DeleteUserKey,
            )
        }
    }
}

fn github_of(connection: &Connection) -> Result<GitHub, ApiError> {
    connection.github(&page_origin()).ok_or_else(|| ApiError {
        kind: ErrorKind::Unexpected,
        status: 0,
        provider_message: None,
        field_errors: Vec::new(),
        retry_at: None,
        retry_after: None,
        explanation: "This connection is not a GitHub one: choose a GitHub, GitHub Enterprise \
                      Server or Sandbox connection."
            .to_string(),
    })
}

/// Follows `next` links from `first` until the last page.
async fn all_pages(
    connection: &Connection,
    github: &GitHub,
    first: crate::providers::HttpRequest,
    operation: Operation,
    token: Option<&str>,
) -> Result<Vec<KeyRecord>, ApiError> {
    let mut request = first;
    let mut records = Vec::new();
    for _ in 0..MAX_PAGES {
        let response = client::send(connection, request).await?;
        let page = github::parse_key_list(&response, operation)?;
        records.extend(page.items);
        match page.next {
            Some(next) => request = github.next_page(token, &next)?,
            None => return Ok(records),
        }
    }
    Err(ApiError::unexpected(
        200,
        "GitHub kept sending more pages than any account has keys",
    ))
}

/// Every key of `target`, all pages.
pub(crate) async fn load_keys(
    connection: &Connection,
    target: &KeyTarget,
) -> Result<Vec<KeyRecord>, ApiError> {
    let github = github_of(connection)?;
    let token = connection.token();
    let (list, _, _) = target.operations();
    let first = match target {
        KeyTarget::User => github.list_user_keys(token, 1),
        KeyTarget::Repository { owner, repo } => github.list_deploy_keys(token, owner, repo, 1)?,
    };
    all_pages(connection, &github, first, list, Some(token)).await
}

/// Every public key of a GitHub user, all pages.
pub(crate) async fn load_public_keys(
    connection: &Connection,
    login: &str,
) -> Result<Vec<KeyRecord>, ApiError> {
    let github = github_of(connection)?;
    // A token is optional here; sending it raises the rate limit.
    let token = Some(connection.token()).filter(|t| !t.is_empty());
    let first = github.list_public_keys(token, login, 1)?;
    all_pages(connection, &github, first, Operation::ListPublicKeys, token).await
}

/// Adds a key. Sent once: the executor never retries a POST.
pub(crate) async fn add_key(
    connection: &Connection,
    target: &KeyTarget,
    title: &str,
    line: &str,
    read_only: bool,
) -> Result<KeyRecord, ApiError> {
    let github = github_of(connection)?;
    let token = connection.token();
    let (_, create, _) = target.operations();
    let request = match target {
        KeyTarget::User => github.create_user_key(token, title, line),
        KeyTarget::Repository { owner, repo } => {
            github.create_deploy_key(token, owner, repo, title, line, read_only)?
        }
    };
    let response = client::send(connection, request).await?;
    github::parse_key(&response, create)
}

/// Deletes a key by its GitHub id.
pub(crate) async fn delete_key(
    connection: &Connection,
    target: &KeyTarget,
    id: &str,
) -> Result<(), ApiError> {
    let github = github_of(connection)?;
    let token = connection.token();
    let (_, _, delete) = target.operations();
    let request = match target {
        KeyTarget::User => github.delete_user_key(token, id)?,
        KeyTarget::Repository { owner, repo } => {
            github.delete_deploy_key(token, owner, repo, id)?
        }
    };
    let response = client::send(connection, request).await?;
    github::parse_deleted(&response, delete)
}
