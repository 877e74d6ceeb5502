//! What the GitHub key pages share: which keys a page manages (the user's
//! own or one repository's deploy keys), the requests for them (through
//! the provider's builders and parsers, never a URL built here), and how a
//! listed key is shown.
//!
//! Fingerprints are computed here, in the browser, from the key text GitHub
//! returns: what the page shows is what `ssh-keygen -l` would print for that
//! key, not a number the server vouches for.

use crate::keys::inspect;
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
pub enum KeyTarget {
    /// The authenticated user's SSH keys.
    User,
    /// One repository's deploy keys.
    Repository { owner: String, repo: String },
}

impl KeyTarget {
    pub fn is_deploy(&self) -> bool {
        matches!(self, KeyTarget::Repository { .. })
    }

    /// "SSH key" or "deploy key", for headings and messages.
    pub fn noun(&self) -> &'static str {
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

/// A key as the list shows it: GitHub's record plus what the engine reads
/// from its key text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListedKey {
    pub record: KeyRecord,
    /// `ED25519`, `RSA`, … (`None` when the text is not a key the engine reads).
    pub key_type: Option<String>,
    pub bits: Option<u32>,
    /// `SHA256:…` as `ssh-keygen -l` prints it.
    pub sha256: Option<String>,
}

impl ListedKey {
    pub fn from_record(record: KeyRecord) -> Self {
        let key = record.public_key.as_deref().and_then(|text| {
            inspect(text)
                .into_iter()
                .find(|finding| finding.is_usable_public())
                .and_then(|finding| finding.key)
        });
        ListedKey {
            key_type: key.as_ref().map(|k| k.short_type()),
            bits: key.as_ref().map(|k| k.bits),
            sha256: key.map(|k| k.sha256),
            record,
        }
    }

    /// The title, or a stand-in so an untitled key still has a name.
    pub fn name(&self) -> String {
        let title = self.record.title.trim();
        if title.is_empty() {
            "(untitled)".to_string()
        } else {
            title.to_string()
        }
    }
}

/// How the list is ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SortOrder {
    Newest,
    Oldest,
    Title,
}

impl SortOrder {
    pub const ALL: [SortOrder; 3] = [SortOrder::Newest, SortOrder::Oldest, SortOrder::Title];

    pub fn label(self) -> &'static str {
        match self {
            SortOrder::Newest => "Newest first",
            SortOrder::Oldest => "Oldest first",
            SortOrder::Title => "Title (A–Z)",
        }
    }

    pub fn value(self) -> &'static str {
        match self {
            SortOrder::Newest => "newest",
            SortOrder::Oldest => "oldest",
            SortOrder::Title => "title",
        }
    }

    pub fn from_value(value: &str) -> SortOrder {
        SortOrder::ALL
            .into_iter()
            .find(|order| order.value() == value)
            .unwrap_or(SortOrder::Newest)
    }
}

/// The keys whose title or fingerprint contains `query` (ignoring case), in
/// `order`. Dates are RFC 3339 from one server, so they sort as text.
pub fn filter_and_sort(keys: &[ListedKey], query: &str, order: SortOrder) -> Vec<ListedKey> {
    let query = query.trim().to_lowercase();
    let mut shown: Vec<ListedKey> = keys
        .iter()
        .filter(|key| {
            query.is_empty()
                || key.record.title.to_lowercase().contains(&query)
                || key
                    .sha256
                    .as_deref()
                    .is_some_and(|fp| fp.to_lowercase().contains(&query))
        })
        .cloned()
        .collect();
    let created = |key: &ListedKey| key.record.created_at.clone().unwrap_or_default();
    match order {
        SortOrder::Newest => shown.sort_by_key(|key| std::cmp::Reverse(created(key))),
        SortOrder::Oldest => shown.sort_by_key(created),
        SortOrder::Title => shown.sort_by_key(|key| key.record.title.to_lowercase()),
    }
    shown
}

/// `2024-01-02` from `2024-01-02T03:04:05Z`; other text as it came.
pub fn short_date(timestamp: &str) -> String {
    match timestamp.split_once('T') {
        Some((date, _)) if date.len() == 10 => date.to_string(),
        _ => timestamp.to_string(),
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
pub async fn load_keys(
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
pub async fn load_public_keys(
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
pub async fn add_key(
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
pub async fn delete_key(
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

#[cfg(test)]
mod tests {
    use super::*;

    // Made with `ssh-keygen -t ed25519 -N '' -C test@keyward`; guards nothing.
    const LINE: &str =
        "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIBDBnJjCZ1XnwBD7AchoozOkgtI0c1w45QfUl7xPL22k";
    const SHA256: &str = "SHA256:A9mPHTRCttauFLMfiw3/i1wRAPkqk+hXukqaoJNmdDc";

    fn listed(id: &str, title: &str, created: &str, key: Option<&str>) -> ListedKey {
        ListedKey::from_record(KeyRecord {
            id: id.into(),
            title: title.into(),
            created_at: Some(created.into()),
            public_key: key.map(str::to_string),
            ..KeyRecord::default()
        })
    }

    #[test]
    fn fingerprints_come_from_the_key_text() {
        let key = listed("1", "laptop", "2024-01-02T03:04:05Z", Some(LINE));
        assert_eq!(key.sha256.as_deref(), Some(SHA256));
        assert_eq!(key.key_type.as_deref(), Some("ED25519"));
        assert_eq!(key.bits, Some(256));
        let broken = listed("2", "", "2024-01-02T03:04:05Z", Some("ssh-ed25519 AAAA"));
        assert_eq!(broken.sha256, None);
        assert_eq!(broken.name(), "(untitled)");
    }

    #[test]
    fn filters_by_title_or_fingerprint_and_sorts() {
        let keys = vec![
            listed("1", "Laptop", "2024-01-02T00:00:00Z", Some(LINE)),
            listed("2", "build box", "2025-03-04T00:00:00Z", None),
            listed("3", "another", "2023-05-06T00:00:00Z", None),
        ];
        let ids = |shown: Vec<ListedKey>| -> Vec<String> {
            shown.into_iter().map(|k| k.record.id).collect()
        };
        assert_eq!(
            ids(filter_and_sort(&keys, "", SortOrder::Newest)),
            ["2", "1", "3"]
        );
        assert_eq!(
            ids(filter_and_sort(&keys, "", SortOrder::Oldest)),
            ["3", "1", "2"]
        );
        assert_eq!(
            ids(filter_and_sort(&keys, "", SortOrder::Title)),
            ["3", "2", "1"]
        );
        assert_eq!(ids(filter_and_sort(&keys, "LAP", SortOrder::Newest)), ["1"]);
        assert_eq!(
            ids(filter_and_sort(&keys, "a9mpht", SortOrder::Newest)),
            ["1"]
        );
        assert!(filter_and_sort(&keys, "nothing", SortOrder::Newest).is_empty());
    }

    #[test]
    fn dates_are_shortened_only_when_they_look_like_dates() {
        assert_eq!(short_date("2024-01-02T03:04:05Z"), "2024-01-02");
        assert_eq!(short_date("yesterday"), "yesterday");
        assert_eq!(SortOrder::from_value("title"), SortOrder::Title);
        assert_eq!(SortOrder::from_value("?"), SortOrder::Newest);
    }
}
