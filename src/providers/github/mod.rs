//! GitHub and GitHub Enterprise Server: user SSH keys, SSH signing keys,
//! public keys of any user, repository deploy keys, the repositories and
//! organizations a token reaches, and the token check.
//!
//! Sans-IO like the rest of `providers`: [`GitHub`] builds [`HttpRequest`]s
//! and the `parse_*` functions turn [`HttpResponse`]s into records or an
//! [`ApiError`] in plain words. Nothing here sends, logs or stores anything.
//!
//! Requests carry `Authorization: Bearer` and
//! `Accept: application/vnd.github+json` only. `X-GitHub-Api-Version` is left
//! out on purpose: GitHub's documented CORS allow-list does not name it, and
//! without it GitHub answers with its default version, `2022-11-28`, which
//! is also the newest version GHES supports. The key endpoints have no
//! breaking changes between calendar versions.

mod discovery;
mod errors;
mod link;
mod records;
mod scopes;
mod signing;

pub use discovery::{parse_org_list, parse_repo_list, parse_user, PublicUser, Repository};
pub use errors::parse_error;
pub use link::{next_link, parse_link_header, Link};
pub use records::{parse_deleted, parse_key, parse_key_list, parse_token_check, Page, TokenInfo};
pub use scopes::{
    fine_grained_permission, missing_scopes, parse_scopes_header, required_scopes, scope_grants,
    KeyPage, MissingScope,
};

use super::guard::origin_of;
use super::http::{join_url, path_segment, HttpRequest, Method};
use super::model::ApiError;

/// GitHub answers at most 100 items a page; fewer pages, fewer requests
/// against the rate limit.
pub const PER_PAGE: u32 = 100;

/// Every call Keyward makes to GitHub. Errors are explained per operation:
/// the scope a 403 lacks, what a 404 means, depend on what was asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Operation {
    /// `GET /user`
    CheckToken,
    /// `GET /user/keys`
    ListUserKeys,
    /// `GET /user/keys/{key_id}`
    GetUserKey,
    /// `POST /user/keys`
    CreateUserKey,
    /// `DELETE /user/keys/{key_id}`
    DeleteUserKey,
    /// `GET /users/{username}/keys`
    ListPublicKeys,
    /// `GET /repos/{owner}/{repo}/keys`
    ListDeployKeys,
    /// `GET /repos/{owner}/{repo}/keys/{key_id}`
    GetDeployKey,
    /// `POST /repos/{owner}/{repo}/keys`
    CreateDeployKey,
    /// `DELETE /repos/{owner}/{repo}/keys/{key_id}`
    DeleteDeployKey,
    /// `GET /user/repos`
    ListUserRepos,
    /// `GET /user/orgs`
    ListUserOrgs,
    /// `GET /orgs/{org}/repos`
    ListOrgRepos,
    /// `GET /users/{username}`
    GetUser,
    /// `GET /user/ssh_signing_keys`
    ListSigningKeys,
    /// `GET /user/ssh_signing_keys/{ssh_signing_key_id}`
    GetSigningKey,
    /// `POST /user/ssh_signing_keys`
    CreateSigningKey,
    /// `DELETE /user/ssh_signing_keys/{ssh_signing_key_id}`
    DeleteSigningKey,
    /// `GET /users/{username}/ssh_signing_keys`
    ListPublicSigningKeys,
}

impl Operation {
    pub const ALL: [Operation; 19] = [
        Operation::CheckToken,
        Operation::ListUserKeys,
        Operation::GetUserKey,
        Operation::CreateUserKey,
        Operation::DeleteUserKey,
        Operation::ListPublicKeys,
        Operation::ListDeployKeys,
        Operation::GetDeployKey,
        Operation::CreateDeployKey,
        Operation::DeleteDeployKey,
        Operation::ListUserRepos,
        Operation::ListUserOrgs,
        Operation::ListOrgRepos,
        Operation::GetUser,
        Operation::ListSigningKeys,
        Operation::GetSigningKey,
        Operation::CreateSigningKey,
        Operation::DeleteSigningKey,
        Operation::ListPublicSigningKeys,
    ];

    pub fn method(self) -> Method {
        match self {
            Operation::CreateUserKey | Operation::CreateDeployKey | Operation::CreateSigningKey => {
                Method::Post
            }
            Operation::DeleteUserKey | Operation::DeleteDeployKey | Operation::DeleteSigningKey => {
                Method::Delete
            }
            _ => Method::Get,
        }
    }

    /// The authenticated user's own keys (`/user/keys*`).
    pub fn is_user_keys(self) -> bool {
        matches!(
            self,
            Operation::ListUserKeys
                | Operation::GetUserKey
                | Operation::CreateUserKey
                | Operation::DeleteUserKey
        )
    }

    /// The authenticated user's own SSH signing keys
    /// (`/user/ssh_signing_keys*`).
    pub fn is_signing_keys(self) -> bool {
        matches!(
            self,
            Operation::ListSigningKeys
                | Operation::GetSigningKey
                | Operation::CreateSigningKey
                | Operation::DeleteSigningKey
        )
    }

    /// A repository's deploy keys (`/repos/{owner}/{repo}/keys*`).
    pub fn is_deploy_keys(self) -> bool {
        matches!(
            self,
            Operation::ListDeployKeys
                | Operation::GetDeployKey
                | Operation::CreateDeployKey
                | Operation::DeleteDeployKey
        )
    }

    /// What the user was doing, for messages: "… to {verb}".
    pub fn verb(self) -> &'static str {
        match self {
            Operation::CheckToken => "check the token",
            Operation::ListUserKeys => "list your SSH keys",
            Operation::GetUserKey => "read one of your SSH keys",
            Operation::CreateUserKey => "add an SSH key to your account",
            Operation::DeleteUserKey => "delete an SSH key from your account",
            Operation::ListPublicKeys => "list a user's public keys",
            Operation::ListDeployKeys => "list the repository's deploy keys",
            Operation::GetDeployKey => "read a deploy key",
            Operation::CreateDeployKey => "add a deploy key",
            Operation::DeleteDeployKey => "delete a deploy key",
            Operation::ListUserRepos => "list your repositories",
            Operation::ListUserOrgs => "list your organizations",
            Operation::ListOrgRepos => "list the organization's repositories",
            Operation::GetUser => "read a user's profile",
            Operation::ListSigningKeys => "list your SSH signing keys",
            Operation::GetSigningKey => "read one of your SSH signing keys",
            Operation::CreateSigningKey => "add an SSH signing key to your account",
            Operation::DeleteSigningKey => "delete an SSH signing key from your account",
            Operation::ListPublicSigningKeys => "list a user's SSH signing keys",
        }
    }
}

/// One GitHub API root: `https://api.github.com` or a GHES
/// `https://HOST/api/v3`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GitHub {
    pub base_url: String,
}

impl GitHub {
    pub const DOTCOM_API: &'static str = "https://api.github.com";

    pub fn new(base_url: &str) -> Self {
        GitHub {
            base_url: base_url.trim().trim_end_matches('/').to_string(),
        }
    }

    pub fn github_com() -> Self {
        GitHub::new(Self::DOTCOM_API)
    }

    fn request(&self, method: Method, path: &str, token: Option<&str>) -> HttpRequest {
        let request = HttpRequest::new(method, join_url(&self.base_url, path))
            .header("Accept", "application/vnd.github+json");
        match token {
            Some(token) => request.bearer(token),
            None => request,
        }
    }

    fn paged(path: &str, page: u32) -> String {
        format!("{path}?per_page={PER_PAGE}&page={}", page.max(1))
    }

    /// Every user-typed or server-sent part of a path goes through the same
    /// guard as the other providers': encoded, and `.`, `..` or empty refused
    /// before anything is sent.
    fn repo_keys_path(owner: &str, repo: &str) -> Result<String, ApiError> {
        Ok(format!(
            "/repos/{}/{}/keys",
            path_segment("owner", owner)?,
            path_segment("repository", repo)?
        ))
    }

    fn repo_key_path(owner: &str, repo: &str, key_id: &str) -> Result<String, ApiError> {
        Ok(format!(
            "{}/{}",
            Self::repo_keys_path(owner, repo)?,
            path_segment("key id", key_id)?
        ))
    }

    fn user_key_path(key_id: &str) -> Result<String, ApiError> {
        Ok(format!("/user/keys/{}", path_segment("key id", key_id)?))
    }

    /// `GET /user`: who the token belongs to and, for classic tokens, its
    /// scopes.
    pub fn check_token(&self, token: &str) -> HttpRequest {
        self.request(Method::Get, "/user", Some(token))
    }

    pub fn list_user_keys(&self, token: &str, page: u32) -> HttpRequest {
        self.request(Method::Get, &Self::paged("/user/keys", page), Some(token))
    }

    pub fn get_user_key(&self, token: &str, key_id: &str) -> Result<HttpRequest, ApiError> {
        Ok(self.request(Method::Get, &Self::user_key_path(key_id)?, Some(token)))
    }

    pub fn create_user_key(&self, token: &str, title: &str, key: &str) -> HttpRequest {
        let body = serde_json::json!({ "title": title, "key": key.trim() });
        self.request(Method::Post, "/user/keys", Some(token))
            .json_body("application/json", &body)
    }

    pub fn delete_user_key(&self, token: &str, key_id: &str) -> Result<HttpRequest, ApiError> {
        Ok(self.request(Method::Delete, &Self::user_key_path(key_id)?, Some(token)))
    }

    /// Any user's verified public keys. Needs no token; one raises the rate
    /// limit from 60 to 5,000 requests an hour.
    pub fn list_public_keys(
        &self,
        token: Option<&str>,
        login: &str,
        page: u32,
    ) -> Result<HttpRequest, ApiError> {
        let path = format!("/users/{}/keys", path_segment("login", login)?);
        Ok(self.request(Method::Get, &Self::paged(&path, page), token))
    }

    pub fn list_deploy_keys(
        &self,
        token: &str,
        owner: &str,
        repo: &str,
        page: u32,
    ) -> Result<HttpRequest, ApiError> {
        let path = Self::paged(&Self::repo_keys_path(owner, repo)?, page);
        Ok(self.request(Method::Get, &path, Some(token)))
    }

    pub fn get_deploy_key(
        &self,
        token: &str,
        owner: &str,
        repo: &str,
        key_id: &str,
    ) -> Result<HttpRequest, ApiError> {
        let path = Self::repo_key_path(owner, repo, key_id)?;
        Ok(self.request(Method::Get, &path, Some(token)))
    }

    /// `read_only` is always sent: the spec gives no default, and the
    /// alternative, write access, equals admin rights on the repository.
    pub fn create_deploy_key(
        &self,
        token: &str,
        owner: &str,
        repo: &str,
        title: &str,
        key: &str,
        read_only: bool,
    ) -> Result<HttpRequest, ApiError> {
        let body = serde_json::json!({ "title": title, "key": key.trim(), "read_only": read_only });
        Ok(self
            .request(
                Method::Post,
                &Self::repo_keys_path(owner, repo)?,
                Some(token),
            )
            .json_body("application/json", &body))
    }

    pub fn delete_deploy_key(
        &self,
        token: &str,
        owner: &str,
        repo: &str,
        key_id: &str,
    ) -> Result<HttpRequest, ApiError> {
        let path = Self::repo_key_path(owner, repo, key_id)?;
        Ok(self.request(Method::Delete, &path, Some(token)))
    }

    /// The request for a [`Page::next`] URL. The URL comes from the server,
    /// and the token goes with it, so it must point at this connection's
    /// origin (GitHub's links may use another path, e.g.
    /// `/repositories/{id}/keys`, but never another host).
    pub fn next_page(&self, token: Option<&str>, next_url: &str) -> Result<HttpRequest, ApiError> {
        let origin = origin_of(&self.base_url);
        let same_origin = match (origin, origin_of(next_url)) {
            (Some(ours), Some(theirs)) => ours.eq_ignore_ascii_case(theirs),
            _ => false,
        };
        if !same_origin {
            return Err(ApiError::unexpected(
                200,
                "the link to the next page points at another server",
            ));
        }
        let request =
            HttpRequest::new(Method::Get, next_url).header("Accept", "application/vnd.github+json");
        Ok(match token {
            Some(token) => request.bearer(token),
            None => request,
        })
    }
}

#[cfg(test)]
mod tests;
