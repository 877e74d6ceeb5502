//! What a token can see: its repositories (owned, and its organizations'
//! where it is a member), its organizations, and any user's profile. Deploy
//! keys are shown only to a repository's admins; everyone else gets 404, as
//! on GitHub.

use super::super::state::{GitHubRepo, GitHubState};
use super::super::{json, Call};
use super::shapes::{organization, public_user, repository, simple_user};
use super::{error, paginate};
use crate::providers::http::HttpResponse;
use serde_json::Value;

/// Whether `login` can see `repo`: its owner, or a member of the owning
/// organization.
pub(super) fn can_see(github: &GitHubState, login: &str, repo: &GitHubRepo) -> bool {
    repo.owner.eq_ignore_ascii_case(login)
        || github.orgs.iter().any(|org| {
            org.login.eq_ignore_ascii_case(&repo.owner)
                && org.members.iter().any(|m| m.eq_ignore_ascii_case(login))
        })
}

pub(super) fn is_admin(login: &str, repo: &GitHubRepo) -> bool {
    repo.owner.eq_ignore_ascii_case(login)
        || repo.admins.iter().any(|a| a.eq_ignore_ascii_case(login))
}

/// `simple-user` of a repository's owner, a user or an organization.
fn owner(call: &Call, github: &GitHubState, login: &str) -> Value {
    if let Some(org) = github.orgs.iter().find(|o| o.login == login) {
        return simple_user(call, org.id, &org.login, "Organization");
    }
    let id = github
        .users
        .iter()
        .find(|u| u.login == login)
        .map_or(0, |u| u.id);
    simple_user(call, id, login, "User")
}

fn repo_json(call: &Call, github: &GitHubState, repo: &GitHubRepo) -> Value {
    let admin = is_admin(&github.token_holder, repo);
    repository(call, repo, owner(call, github, &repo.owner), admin)
}

/// `GET /user/repos`: every repository the holder can see, by full name.
pub(super) fn user_repos(call: &Call, github: &GitHubState) -> HttpResponse {
    let mut repos: Vec<&GitHubRepo> = github
        .repos
        .iter()
        .filter(|r| can_see(github, &github.token_holder, r))
        .collect();
    repos.sort_by_key(|r| format!("{}/{}", r.owner, r.name).to_ascii_lowercase());
    paginate(call, &repos, "/user/repos", |r| repo_json(call, github, r))
}

/// `GET /user/orgs`.
pub(super) fn user_orgs(call: &Call, github: &GitHubState) -> HttpResponse {
    let holder = &github.token_holder;
    let orgs: Vec<_> = github
        .orgs
        .iter()
        .filter(|o| o.members.iter().any(|m| m.eq_ignore_ascii_case(holder)))
        .collect();
    paginate(call, &orgs, "/user/orgs", |o| {
        organization(call, o.id, &o.login)
    })
}

/// `GET /orgs/{org}/repos`: 404 unless the holder is a member.
pub(super) fn org_repos(call: &Call, github: &GitHubState, login: &str) -> HttpResponse {
    let holder = &github.token_holder;
    let Some(org) = github.orgs.iter().find(|o| {
        o.login.eq_ignore_ascii_case(login)
            && o.members.iter().any(|m| m.eq_ignore_ascii_case(holder))
    }) else {
        return error(call, 404, "Not Found");
    };
    let mut repos: Vec<&GitHubRepo> = github
        .repos
        .iter()
        .filter(|r| r.owner == org.login)
        .collect();
    repos.sort_by_key(|r| r.name.to_ascii_lowercase());
    let path = format!("/orgs/{}/repos", org.login);
    paginate(call, &repos, &path, |r| repo_json(call, github, r))
}

/// `GET /users/{username}`: a user or an organization, for anyone.
pub(super) fn user(call: &Call, github: &GitHubState, login: &str) -> HttpResponse {
    if let Some(user) = github
        .users
        .iter()
        .find(|u| u.login.eq_ignore_ascii_case(login))
    {
        return json(
            200,
            &public_user(call, user.id, &user.login, &user.name, "User"),
        );
    }
    match github
        .orgs
        .iter()
        .find(|o| o.login.eq_ignore_ascii_case(login))
    {
        Some(org) => json(
            200,
            &public_user(call, org.id, &org.login, &org.login, "Organization"),
        ),
        None => error(call, 404, "Not Found"),
    }
}

/// `GET /repos/{owner}/{repo}`.
pub(super) fn one_repo(call: &Call, github: &GitHubState, index: usize) -> HttpResponse {
    json(200, &repo_json(call, github, &github.repos[index]))
}
