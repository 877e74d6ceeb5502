//! The repositories a GitHub connection reaches, for the repository picker:
//! the user's own list (`GET /user/repos`, which already holds the
//! organization repositories they are a member of) and each organization's
//! (`GET /user/orgs`, then `GET /orgs/{org}/repos`), every page, once each.

use super::service::{all_pages, github_of};
use crate::providers::github::{self, Operation, Repository};
use crate::providers::{ApiError, HttpResponse};
use crate::ui::state::Connection;

/// What the picker lists: the repositories, and the organizations whose
/// list could not be read (shown, never a silent hole).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub(crate) struct Discovered {
    pub(crate) repositories: Vec<Repository>,
    pub(crate) failures: Vec<(String, ApiError)>,
}

/// Every repository the connection's token reaches. The user's own list
/// failing fails the whole; one organization's failing is reported with
/// the rest listed.
pub(crate) async fn load_repositories(connection: &Connection) -> Result<Discovered, ApiError> {
    let github = github_of(connection)?;
    let token = connection.token();
    let mine = |r: &HttpResponse| github::parse_repo_list(r, Operation::ListUserRepos);
    let first = github.list_user_repos(token, 1);
    let mut repositories = all_pages(connection, &github, first, Some(token), mine).await?;
    let first = github.list_user_orgs(token, 1);
    let orgs = all_pages(
        connection,
        &github,
        first,
        Some(token),
        github::parse_org_list,
    )
    .await?;
    let mut failures = Vec::new();
    // One organization at a time: a person in many organizations should
    // not send a burst of requests.
    for org in orgs {
        let theirs = |r: &HttpResponse| github::parse_repo_list(r, Operation::ListOrgRepos);
        let listed = match github.list_org_repos(token, &org, 1) {
            Ok(first) => all_pages(connection, &github, first, Some(token), theirs).await,
            Err(error) => Err(error),
        };
        match listed {
            Ok(found) => repositories.extend(found),
            Err(error) => failures.push((org, error)),
        }
    }
    Ok(Discovered {
        repositories: merge(repositories),
        failures,
    })
}

/// One entry per repository, by full name (case-insensitively, as GitHub
/// names are); admin if any listing said so.
pub(crate) fn merge(mut repositories: Vec<Repository>) -> Vec<Repository> {
    repositories.sort_by_cached_key(|r| r.full_name.to_lowercase());
    repositories.dedup_by(|later, kept| {
        let same = later.full_name.eq_ignore_ascii_case(&kept.full_name);
        if same {
            kept.admin |= later.admin;
        }
        same
    });
    repositories
}

/// The repositories whose full name contains `query`, ignoring case.
pub(crate) fn filter(repositories: &[Repository], query: &str) -> Vec<Repository> {
    let query = query.trim().to_lowercase();
    repositories
        .iter()
        .filter(|r| query.is_empty() || r.full_name.to_lowercase().contains(&query))
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repo(full_name: &str, admin: bool) -> Repository {
        let (owner, name) = full_name.split_once('/').unwrap_or((full_name, ""));
        Repository {
            owner: owner.to_string(),
            name: name.to_string(),
            full_name: full_name.to_string(),
            private: false,
            admin,
            archived: false,
            html_url: None,
        }
    }

    fn names(list: &[Repository]) -> Vec<&str> {
        list.iter().map(|r| r.full_name.as_str()).collect()
    }

    #[test]
    fn merged_once_each_by_name_and_admin_if_any_list_says_so() {
        let merged = merge(vec![
            repo("sandbox-org/tools", false),
            repo("octocat/hello-world", true),
            repo("Sandbox-Org/Tools", true),
            repo("sandbox-org/api", false),
        ]);
        assert_eq!(
            names(&merged),
            [
                "octocat/hello-world",
                "sandbox-org/api",
                "sandbox-org/tools"
            ]
        );
        assert!(merged[2].admin, "admin in one listing is admin");
        assert!(!merged[1].admin);
    }

    #[test]
    fn the_filter_matches_owner_or_name_ignoring_case() {
        let all = vec![
            repo("octocat/hello-world", true),
            repo("sandbox-org/api", false),
        ];
        assert_eq!(names(&filter(&all, " HELLO ")), ["octocat/hello-world"]);
        assert_eq!(names(&filter(&all, "sandbox-org/")), ["sandbox-org/api"]);
        assert_eq!(filter(&all, "").len(), 2);
        assert!(filter(&all, "nothing").is_empty());
    }
}
