//! What the All keys scan reads from one GitHub (or GHES, or Sandbox)
//! connection: the account's SSH and signing keys, then every repository it
//! can see (its own, then each organization's), and the deploy keys of
//! those where it is an admin — the only ones GitHub shows deploy keys to.

use super::conditional;
use super::org_sources::emulated;
use super::scan::{Found, Skipped, Task};
use crate::inventory::{Entry, EntryKind, Place};
use crate::providers::github::{self, GitHub, Operation, Page, Repository};
use crate::providers::{ApiError, HttpRequest, HttpResponse, KeyRecord, Provider};
use crate::ui::state::connections::page_origin;
use crate::ui::state::Connection;
use std::cell::RefCell;
use std::collections::HashSet;
use std::rc::Rc;

/// GitHub answers at most 100 items a page; 100 pages is far beyond any
/// account and stops a server whose `next` never ends.
const MAX_PAGES: usize = 100;

/// One connection's shared view while it is scanned: repositories already
/// queued (a repository is both the user's and its organization's).
#[derive(Clone)]
struct Source {
    connection: Rc<Connection>,
    github: Rc<GitHub>,
    seen: Rc<RefCell<HashSet<String>>>,
}

/// The first task for `connection`: who the token belongs to; it queues
/// the rest. `None` when the connection does not speak GitHub's API.
pub(crate) fn tasks(connection: &Connection) -> Option<Task> {
    let github = connection.github(&page_origin())?;
    let source = Source {
        connection: Rc::new(connection.clone()),
        github: Rc::new(github),
        seen: Rc::default(),
    };
    let label = connection.label.clone();
    Some(Task::new(&label, "the GitHub account", false, move || {
        let source = source.clone();
        async move {
            let request = source.github.check_token(source.connection.token());
            let response = conditional::send(&source.connection, request).await?;
            let login = github::parse_token_check(&response)?.login;
            Ok(Found {
                more: source.account_tasks(&login),
                ..Found::default()
            })
        }
    }))
}

impl Source {
    fn label(&self) -> &str {
        &self.connection.label
    }

    fn account_tasks(&self, login: &str) -> Vec<Task> {
        let keys = self.clone();
        let account = login.to_string();
        let user_keys = Task::new(
            self.label(),
            format!("SSH keys of {login}"),
            false,
            move || {
                let source = keys.clone();
                let account = account.clone();
                async move {
                    let first = source.github.list_user_keys(source.connection.token(), 1);
                    let records = source.all_keys(first, Operation::ListUserKeys).await?;
                    let place = Place::UserKey { account };
                    Ok(source.found(records, &place, "/user/keys"))
                }
            },
        );
        let signing = self.clone();
        let account = login.to_string();
        let signing_keys = Task::new(
            self.label(),
            format!("signing keys of {login}"),
            false,
            move || {
                let source = signing.clone();
                let account = account.clone();
                async move {
                    let first = source
                        .github
                        .list_signing_keys(source.connection.token(), 1);
                    let records = source.all_keys(first, Operation::ListSigningKeys).await?;
                    let place = Place::SigningKey { account };
                    Ok(source.found(records, &place, "/user/keys"))
                }
            },
        );
        vec![user_keys, signing_keys, self.repositories_task(None)]
    }

    /// The user's repositories (`org: None`, which also queues one task per
    /// organization) or one organization's.
    fn repositories_task(&self, org: Option<String>) -> Task {
        let place = match &org {
            Some(org) => format!("repositories of {org}"),
            None => "your repositories".to_string(),
        };
        let this = self.clone();
        Task::new(self.label(), place, false, move || {
            let source = this.clone();
            let org = org.clone();
            async move {
                let token = source.connection.token();
                let (first, operation) = match &org {
                    Some(org) => (
                        source.github.list_org_repos(token, org, 1)?,
                        Operation::ListOrgRepos,
                    ),
                    None => (
                        source.github.list_user_repos(token, 1),
                        Operation::ListUserRepos,
                    ),
                };
                let repositories = source
                    .all_pages(first, |r| github::parse_repo_list(r, operation))
                    .await?;
                let mut found = source.repository_tasks(repositories);
                if org.is_none() {
                    let first = source.github.list_user_orgs(token, 1);
                    // Organizations are a bonus: a token without read:org
                    // still scans its own repositories.
                    if let Ok(orgs) = source.all_pages(first, github::parse_org_list).await {
                        found
                            .more
                            .extend(orgs.into_iter().map(|o| source.repositories_task(Some(o))));
                    }
                }
                Ok(found)
            }
        })
    }

    /// One deploy-key task per admin repository not yet queued; the others
    /// are listed as skipped, with why.
    fn repository_tasks(&self, repositories: Vec<Repository>) -> Found {
        let mut found = Found::default();
        for repository in repositories {
            let fresh = self
                .seen
                .borrow_mut()
                .insert(repository.full_name.to_ascii_lowercase());
            if !fresh {
                continue;
            }
            if repository.admin {
                found.more.push(self.deploy_keys_task(repository));
            } else {
                found.skipped.push(Skipped {
                    connection: self.label().to_string(),
                    place: repository.full_name,
                    reason: "not an admin there: GitHub shows deploy keys to admins only".into(),
                });
            }
        }
        found
    }

    fn deploy_keys_task(&self, repository: Repository) -> Task {
        let this = self.clone();
        let place = repository.full_name.clone();
        Task::new(self.label(), place, true, move || {
            let source = this.clone();
            let repository = repository.clone();
            async move {
                let first = source.github.list_deploy_keys(
                    source.connection.token(),
                    &repository.owner,
                    &repository.name,
                    1,
                )?;
                let records = source.all_keys(first, Operation::ListDeployKeys).await?;
                let link = format!("/repos/{}/{}/keys", repository.owner, repository.name);
                let place = Place::DeployKey {
                    repository: repository.full_name.clone(),
                };
                Ok(source.found(records, &place, &link))
            }
        })
    }

    fn found(&self, records: Vec<KeyRecord>, place: &Place, link: &str) -> Found {
        let entries = records
            .iter()
            .map(|record| {
                Entry::from_record(
                    emulated(&self.connection, Provider::GitHub),
                    self.label(),
                    place.clone(),
                    EntryKind::SshKey,
                    record,
                    link,
                )
            })
            .collect();
        Found {
            entries,
            ..Found::default()
        }
    }

    async fn all_keys(
        &self,
        first: HttpRequest,
        operation: Operation,
    ) -> Result<Vec<KeyRecord>, ApiError> {
        self.all_pages(first, |r| github::parse_key_list(r, operation))
            .await
    }

    /// Follows `next` links from `first` until the last page.
    async fn all_pages<T>(
        &self,
        first: HttpRequest,
        parse: impl Fn(&HttpResponse) -> Result<Page<T>, ApiError>,
    ) -> Result<Vec<T>, ApiError> {
        let mut request = first;
        let mut items = Vec::new();
        for _ in 0..MAX_PAGES {
            let response = conditional::send(&self.connection, request).await?;
            let page = parse(&response)?;
            items.extend(page.items);
            match page.next {
                Some(next) => {
                    request = self
                        .github
                        .next_page(Some(self.connection.token()), &next)?
                }
                None => return Ok(items),
            }
        }
        Err(ApiError::unexpected(
            200,
            "GitHub kept sending more pages than any account has",
        ))
    }
}
