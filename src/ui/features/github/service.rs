//! The requests of the GitHub key pages: which keys a page manages (the
//! user's own SSH or signing keys, or one repository's deploy keys) and how
//! they are listed (every page), added and deleted, through the provider's
//! builders and parsers, never a URL built here.

use crate::providers::github::{self, GitHub, Operation, Page};
use crate::providers::{ApiError, ErrorKind, HttpRequest, HttpResponse, KeyRecord};
use crate::ui::state::client;
use crate::ui::state::connections::page_origin;
use crate::ui::state::Connection;

/// GitHub answers at most 100 keys a page: 100 pages is 10,000 keys, far
/// beyond any real account, and stops a server whose `next` never ends.
const MAX_PAGES: usize = 100;

/// Whose keys a page manages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum KeyTarget {
    /// The authenticated user's SSH (authentication) keys.
    User,
    /// The authenticated user's SSH signing keys (commits and tags).
    Signing,
    /// One repository's deploy keys.
    Repository { owner: String, repo: String },
}

impl KeyTarget {
    pub(crate) fn is_deploy(&self) -> bool {
        matches!(self, KeyTarget::Repository { .. })
    }

    pub(crate) fn is_signing(&self) -> bool {
        matches!(self, KeyTarget::Signing)
    }

    /// "SSH key", "signing key" or "deploy key", for headings and messages.
    pub(crate) fn noun(&self) -> &'static str {
        match self {
            KeyTarget::User => "SSH key",
            KeyTarget::Signing => "signing key",
            KeyTarget::Repository { .. } => "deploy key",
        }
    }

    /// The start of the element ids of this target's list: a signing key
    /// and an SSH key may share a GitHub id, and both lists share a page.
    pub(crate) fn id_prefix(&self) -> &'static str {
        if self.is_signing() {
            "signing-key"
        } else {
            "key"
        }
    }

    fn operations(&self) -> (Operation, Operation, Operation) {
        match self {
            KeyTarget::User => (
                Operation::ListUserKeys,
                Operation::CreateUserKey,
                Operation::DeleteUserKey,
            ),
            KeyTarget::Signing => (
                Operation::ListSigningKeys,
                Operation::CreateSigningKey,
                Operation::DeleteSigningKey,
            ),
            KeyTarget::Repository { .. } => (
                Operation::ListDeployKeys,
                Operation::CreateDeployKey,
                Operation::DeleteDeployKey,
            ),
        }
    }
}

pub(super) fn github_of(connection: &Connection) -> Result<GitHub, ApiError> {
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

/// Follows `next` links from `first` until the last page, each page read
/// by `parse`.
pub(super) async fn all_pages<T>(
    connection: &Connection,
    github: &GitHub,
    first: HttpRequest,
    token: Option<&str>,
    parse: impl Fn(&HttpResponse) -> Result<Page<T>, ApiError>,
) -> Result<Vec<T>, ApiError> {
    let mut request = first;
    let mut records = Vec::new();
    for _ in 0..MAX_PAGES {
        let response = client::send(connection, request).await?;
        let page = parse(&response)?;
        records.extend(page.items);
        match page.next {
            Some(next) => request = github.next_page(token, &next)?,
            None => return Ok(records),
        }
    }
    Err(ApiError::unexpected(
        200,
        "GitHub kept sending more pages than any account has",
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
        KeyTarget::Signing => github.list_signing_keys(token, 1),
        KeyTarget::Repository { owner, repo } => github.list_deploy_keys(token, owner, repo, 1)?,
    };
    let parse = |response: &HttpResponse| github::parse_key_list(response, list);
    all_pages(connection, &github, first, Some(token), parse).await
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
    let parse =
        |response: &HttpResponse| github::parse_key_list(response, Operation::ListPublicKeys);
    all_pages(connection, &github, first, token, parse).await
}

/// Every public SSH signing key of a GitHub user, all pages.
pub(crate) async fn load_public_signing_keys(
    connection: &Connection,
    login: &str,
) -> Result<Vec<KeyRecord>, ApiError> {
    let github = github_of(connection)?;
    let token = Some(connection.token()).filter(|t| !t.is_empty());
    let first = github.list_public_signing_keys(token, login, 1)?;
    let operation = Operation::ListPublicSigningKeys;
    let parse = |response: &HttpResponse| github::parse_key_list(response, operation);
    all_pages(connection, &github, first, token, parse).await
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
        KeyTarget::Signing => github.create_signing_key(token, title, line),
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
        KeyTarget::Signing => github.delete_signing_key(token, id)?,
        KeyTarget::Repository { owner, repo } => {
            github.delete_deploy_key(token, owner, repo, id)?
        }
    };
    let response = client::send(connection, request).await?;
    github::parse_deleted(&response, delete)
}
