//! Discovery: the repositories and organizations a token reaches, and any
//! user's public profile, so pages offer lists instead of asking the user to
//! type what GitHub knows.
//!
//! Parsed from the OpenAPI schemas `repository` (`GET /user/repos`),
//! `minimal-repository` (`GET /orgs/{org}/repos`), `organization-simple`
//! (`GET /user/orgs`) and `public-user`/`private-user`
//! (`GET /users/{username}`), keeping only what Keyward uses.

use serde::Deserialize;

use super::link::next_link;
use super::records::{read_json, Page};
use super::{parse_error, GitHub, Operation};
use crate::providers::http::{path_segment, HttpRequest, HttpResponse, Method};
use crate::providers::model::ApiError;

/// A repository the token can see. Deploy keys need `admin`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Repository {
    pub owner: String,
    pub name: String,
    pub full_name: String,
    pub private: bool,
    /// `permissions.admin`; `false` when GitHub leaves `permissions` out
    /// (it does for tokens that cannot see them), so nothing is promised.
    pub admin: bool,
    pub archived: bool,
    pub html_url: Option<String>,
}

/// The public profile of a GitHub user or organization.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PublicUser {
    pub login: String,
    pub name: Option<String>,
    pub id: u64,
}

#[derive(Deserialize)]
struct Owner {
    login: String,
}

#[derive(Deserialize)]
struct Permissions {
    #[serde(default)]
    admin: bool,
}

/// The fields of `repository`/`minimal-repository` kept; both schemas
/// require all but `permissions` and (in `minimal-repository`) `archived`.
#[derive(Deserialize)]
struct RepositoryJson {
    owner: Owner,
    name: String,
    full_name: String,
    private: bool,
    html_url: Option<String>,
    #[serde(default)]
    archived: Option<bool>,
    #[serde(default)]
    permissions: Option<Permissions>,
}

#[derive(Deserialize)]
struct Organization {
    login: String,
}

#[derive(Deserialize)]
struct UserJson {
    login: String,
    id: u64,
    name: Option<String>,
}

impl From<RepositoryJson> for Repository {
    fn from(repo: RepositoryJson) -> Self {
        Repository {
            owner: repo.owner.login,
            name: repo.name,
            full_name: repo.full_name,
            private: repo.private,
            admin: repo.permissions.is_some_and(|p| p.admin),
            archived: repo.archived.unwrap_or(false),
            html_url: repo.html_url,
        }
    }
}

fn page_of<J, T>(response: &HttpResponse, operation: Operation) -> Result<Page<T>, ApiError>
where
    J: for<'de> Deserialize<'de> + Into<T>,
{
    if response.status != 200 {
        return Err(parse_error(response, operation));
    }
    let items: Vec<J> = read_json(response)?;
    Ok(Page {
        items: items.into_iter().map(Into::into).collect(),
        next: response.header("link").and_then(next_link),
    })
}

/// A page of [`Operation::ListUserRepos`] or [`Operation::ListOrgRepos`].
pub fn parse_repo_list(
    response: &HttpResponse,
    operation: Operation,
) -> Result<Page<Repository>, ApiError> {
    if !matches!(
        operation,
        Operation::ListUserRepos | Operation::ListOrgRepos
    ) {
        return Err(ApiError::unexpected(
            response.status,
            "it is not a list of repositories",
        ));
    }
    page_of::<RepositoryJson, Repository>(response, operation)
}

impl From<Organization> for String {
    fn from(org: Organization) -> Self {
        org.login
    }
}

/// A page of [`Operation::ListUserOrgs`]: the organizations' logins.
pub fn parse_org_list(response: &HttpResponse) -> Result<Page<String>, ApiError> {
    page_of::<Organization, String>(response, Operation::ListUserOrgs)
}

/// The answer to [`GitHub::get_user`].
pub fn parse_user(response: &HttpResponse) -> Result<PublicUser, ApiError> {
    if response.status != 200 {
        return Err(parse_error(response, Operation::GetUser));
    }
    let user: UserJson = read_json(response)?;
    Ok(PublicUser {
        login: user.login,
        name: user.name.filter(|name| !name.trim().is_empty()),
        id: user.id,
    })
}

impl GitHub {
    /// `GET /user/repos`: owned, collaborator and organization-member
    /// repositories (GitHub's default affiliation), by full name.
    pub fn list_user_repos(&self, token: &str, page: u32) -> HttpRequest {
        let path = format!("{}&sort=full_name", Self::paged("/user/repos", page));
        self.request(Method::Get, &path, Some(token))
    }

    /// `GET /user/orgs`. Classic tokens need `read:org` (or `user`);
    /// fine-grained tokens get an empty list.
    pub fn list_user_orgs(&self, token: &str, page: u32) -> HttpRequest {
        self.request(Method::Get, &Self::paged("/user/orgs", page), Some(token))
    }

    pub fn list_org_repos(
        &self,
        token: &str,
        org: &str,
        page: u32,
    ) -> Result<HttpRequest, ApiError> {
        let base = format!("/orgs/{}/repos", path_segment("organization", org)?);
        let path = format!("{}&sort=full_name", Self::paged(&base, page));
        Ok(self.request(Method::Get, &path, Some(token)))
    }

    /// `GET /users/{username}`: needs no token.
    pub fn get_user(&self, token: Option<&str>, login: &str) -> Result<HttpRequest, ApiError> {
        let path = format!("/users/{}", path_segment("login", login)?);
        Ok(self.request(Method::Get, &path, token))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::providers::model::ErrorKind;

    fn repo(full: &str, permissions: &str) -> String {
        let (owner, name) = full.split_once('/').unwrap_or((full, full));
        format!(
            r#"{{"owner":{{"login":"{owner}"}},"name":"{name}","full_name":"{full}","private":true,
               "html_url":"https://github.com/{full}"{permissions}}}"#
        )
    }

    #[test]
    fn repositories_with_and_without_permissions() {
        let body = format!(
            "[{},{},{}]",
            repo(
                "octo/a",
                r#","archived":true,"permissions":{"admin":true,"push":true,"pull":true}"#
            ),
            repo("org/b", r#","permissions":{"admin":false,"pull":true}"#),
            repo("org/c", "")
        );
        let link = r#"<https://api.github.com/user/repos?page=2>; rel="next""#;
        let response = HttpResponse::new(200, body).with_header("Link", link);
        let page = parse_repo_list(&response, Operation::ListUserRepos).expect("a list");
        let seen: Vec<_> = page
            .items
            .iter()
            .map(|r| (r.owner.as_str(), r.name.as_str(), r.admin, r.archived))
            .collect();
        assert_eq!(
            seen,
            [
                ("octo", "a", true, true),
                ("org", "b", false, false),
                ("org", "c", false, false)
            ]
        );
        assert_eq!(
            page.items[0].html_url.as_deref(),
            Some("https://github.com/octo/a")
        );
        assert!(page.items[0].private);
        assert_eq!(
            page.next.as_deref(),
            Some("https://api.github.com/user/repos?page=2")
        );
    }

    #[test]
    fn wrong_shapes_and_errors() {
        for body in ["", "{}", "[{}]", r#"[{"name":"x"}]"#, "null"] {
            let error = parse_repo_list(&HttpResponse::new(200, body), Operation::ListOrgRepos);
            assert_eq!(
                error.map_err(|e| e.kind),
                Err(ErrorKind::Unexpected),
                "{body}"
            );
        }
        let wrong_op = parse_repo_list(&HttpResponse::new(200, "[]"), Operation::ListUserKeys);
        assert_eq!(wrong_op.map_err(|e| e.kind), Err(ErrorKind::Unexpected));
        let missing = parse_repo_list(&HttpResponse::new(404, ""), Operation::ListOrgRepos);
        assert_eq!(missing.map_err(|e| e.kind), Err(ErrorKind::NotFound));
        let orgs = parse_org_list(&HttpResponse::new(200, r#"[{"login":"acme","id":1}]"#));
        assert_eq!(orgs.map(|p| p.items), Ok(vec!["acme".to_string()]));
        let refused = parse_org_list(&HttpResponse::new(403, r#"{"message":"Forbidden"}"#));
        assert!(refused.is_err_and(|e| e.explanation.contains("`read:org`")));
    }

    #[test]
    fn users() {
        let user = parse_user(&HttpResponse::new(
            200,
            r#"{"login":"mona","id":7,"name":" "}"#,
        ));
        assert_eq!(
            user,
            Ok(PublicUser {
                login: "mona".into(),
                name: None,
                id: 7
            })
        );
        let missing = parse_user(&HttpResponse::new(404, r#"{"message":"Not Found"}"#));
        assert!(missing.is_err_and(|e| e.explanation.contains("No GitHub user")));
        let wrong = parse_user(&HttpResponse::new(200, r#"{"login":"mona"}"#));
        assert_eq!(wrong.map_err(|e| e.kind), Err(ErrorKind::Unexpected));
    }
}
