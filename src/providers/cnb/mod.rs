//! CNB (cnb.cool): what Keyward can do for deploy keys (providers.md §4).
//!
//! **What CNB does not offer.** CNB has no public API to list, create,
//! change or delete deploy keys or personal access tokens: they are made
//! and revoked only in CNB's web UI (see [`deploy_key_steps`]). The public
//! Swagger checked (217 operations, about March 2026) has no credential
//! endpoint, so none is invented here. What this module does instead:
//! - checks a pasted token or deploy key against the endpoints that exist:
//!   [`Cnb::check_token`] (`GET /user`), [`Cnb::check_repository`]
//!   (`GET /{group}/{repo}`) and [`Cnb::check_group`] (`GET /{group}`);
//! - gives the usage facts the page shows ([`git_username`],
//!   [`Cnb::clone_url`], [`deploy_key_steps`]);
//! - keeps a local memo of deploy keys, metadata only, that warns before a
//!   key expires ([`DeployKeyMemo`]).
//!
//! The request/response shape here (`Cnb`, `parse_*`, `parse_error`) is the
//! same as the other providers', so list/create/delete can be added next to
//! these if CNB publishes such endpoints.
//!
//! On deploy keys as API tokens, what is certain: CNB's docs say a deploy
//! key works as a Bearer token for the AI-related OpenAPI endpoints. Whether
//! the repository and group endpoints accept one is **not** documented;
//! their answer tells (200: the key reaches it; 401: not accepted as a
//! token there; 403: a scope is missing). `GET /user` needs a personal
//! token: a deploy key belongs to a resource, not a user.
//!
//! Never here: I/O, logging, or storing a key or token value.

mod memo;

pub use memo::{
    days_from_civil, deploy_key_steps, parse_date, DeployKeyMemo, DeployKeyScope, ExpiryStatus,
    EXPIRES_SOON_DAYS,
};

use crate::providers::json::success_document;
use serde_json::Value;

use super::http::{encode_component, join_url};
use super::{ApiError, ErrorKind, HttpRequest, HttpResponse, Method, Provider};

/// The media type CNB's official tooling sends; an Accept type an operation
/// does not list gets 406.
pub const ACCEPT: &str = "application/vnd.cnb.api+json";

/// The git username for deploy keys and tokens: the key is the password.
pub fn git_username() -> &'static str {
    "cnb"
}

/// One CNB API root, normally `https://api.cnb.cool`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cnb {
    pub base_url: String,
}

/// The token holder, from `GET /user`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CnbUser {
    pub id: Option<String>,
    /// `username`: the login.
    pub login: String,
    /// `nickname`: the display name.
    pub name: Option<String>,
    pub email: Option<String>,
}

/// A repository or group the token could read.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct CnbResource {
    pub id: Option<String>,
    /// The slug, such as `group/repo`.
    pub path: Option<String>,
    pub name: Option<String>,
    pub description: Option<String>,
    /// Repositories: `visibility_level` as sent (e.g. `Public`, `Private`).
    pub visibility: Option<String>,
    pub web_url: Option<String>,
}

impl Cnb {
    pub fn new(base_url: impl Into<String>) -> Self {
        Cnb {
            base_url: base_url.into(),
        }
    }

    /// cnb.cool's API root.
    pub fn cnb_cool() -> Self {
        Cnb::new(Provider::Cnb.default_api_url())
    }

    /// Who the token belongs to (`GET /user`, scope `account-profile:r`).
    pub fn check_token(&self, token: &str) -> HttpRequest {
        self.request("user", token)
    }

    /// Whether the token reaches a repository (`GET /{group}/{repo}`, scope
    /// `repo-basic-info:r`). The slug may have subgroups (`a/b/repo`); each
    /// part is encoded on its own and the slashes kept.
    pub fn check_repository(&self, token: &str, slug: &str) -> Result<HttpRequest, ApiError> {
        let path = slug_path(slug, 2, "repository")?;
        Ok(self.request(&path, token))
    }

    /// Whether the token reaches a group (`GET /{group}`, scope
    /// `group-resource:r`); subgroups as `a/b`.
    pub fn check_group(&self, token: &str, group: &str) -> Result<HttpRequest, ApiError> {
        let path = slug_path(group, 1, "group")?;
        Ok(self.request(&path, token))
    }

    /// The HTTPS clone URL of a repository, `https://cnb.cool/{slug}.git`
    /// (the web host is the API host without `api.`). Clone with username
    /// [`git_username`] and the key as password, through a credential
    /// helper rather than inside the URL.
    pub fn clone_url(&self, slug: &str) -> Result<String, ApiError> {
        let path = slug_path(slug, 2, "repository")?;
        Ok(format!("{}/{path}.git", self.web_origin()))
    }

    /// `https://api.cnb.cool` → `https://cnb.cool`.
    pub fn web_origin(&self) -> String {
        let base = self.base_url.trim_end_matches('/');
        let (scheme, rest) = base.split_once("://").unwrap_or(("https", base));
        let host = rest.split('/').next().unwrap_or(rest);
        let host = host.strip_prefix("api.").unwrap_or(host);
        format!("{scheme}://{host}")
    }

    fn request(&self, path: &str, token: &str) -> HttpRequest {
        HttpRequest::new(Method::Get, join_url(&self.base_url, path))
            .bearer(token)
            .header("Accept", ACCEPT)
    }
}

/// `GET /user`.
pub fn parse_user(response: &HttpResponse) -> Result<CnbUser, ApiError> {
    let document = success_document(response, parse_error)?;
    let login = document
        .get("username")
        .and_then(Value::as_str)
        .filter(|s| !s.trim().is_empty());
    let Some(login) = login.map(str::to_string) else {
        return Err(ApiError::unexpected(
            response.status,
            "the user has no username",
        ));
    };
    Ok(CnbUser {
        id: text(&document, "id"),
        login,
        name: text(&document, "nickname"),
        email: text(&document, "email"),
    })
}

/// `GET /{group}/{repo}` or `GET /{group}`: what the token could read.
pub fn parse_resource(response: &HttpResponse) -> Result<CnbResource, ApiError> {
    let document = success_document(response, parse_error)?;
    if !document.is_object() {
        return Err(ApiError::unexpected(response.status, "it is not an object"));
    }
    Ok(CnbResource {
        id: text(&document, "id"),
        path: text(&document, "path"),
        name: text(&document, "name"),
        description: text(&document, "description"),
        visibility: text(&document, "visibility_level"),
        web_url: text(&document, "web_url"),
    })
}

/// CNB's error bodies (`errcode`, `errmsg`; schema seen in the wild, not
/// documented, so read defensively) explained in CNB's terms.
pub fn parse_error(response: &HttpResponse) -> ApiError {
    let document = serde_json::from_str::<Value>(&response.body).unwrap_or(Value::Null);
    let message = text(&document, "errmsg");
    let code = text(&document, "errcode");
    let provider_message = match (&message, &code) {
        (Some(m), Some(c)) => Some(format!("{m} (errcode {c})")),
        (Some(m), None) => Some(m.clone()),
        (None, Some(c)) => Some(format!("errcode {c}")),
        (None, None) => None,
    };
    let mut error = ApiError::from_status(response.status, provider_message);
    let explanation = match response.status {
        401 => Some(
            "CNB refused the token: it is wrong, expired or deleted — or, for a deploy key, \
             this endpoint does not take deploy keys. Check it in CNB's settings."
                .to_string(),
        ),
        403 => {
            let scopes = message.as_deref().and_then(missing_scopes);
            Some(match scopes {
                Some(scopes) => format!(
                    "The token lacks a scope this needs: {scopes}. Scopes are fixed when a \
                     token or deploy key is made: add a new one with them in CNB's settings."
                ),
                None => "The token is valid but lacks the scope or access this needs. Scopes \
                         are fixed when a token or deploy key is made."
                    .to_string(),
            })
        }
        404 => Some(
            "CNB found nothing there, or the token may not see it (private repositories and \
             groups outside the token's resources look missing). Check the path."
                .to_string(),
        ),
        406 => {
            error.kind = ErrorKind::Unexpected;
            Some(format!(
                "CNB refused the Accept header: this operation does not answer in {ACCEPT}. \
                 This is a Keyward bug; please report it."
            ))
        }
        _ => None,
    };
    if let Some(explanation) = explanation {
        error.explanation = explanation;
    }
    error
}

/// The scopes named in "Missing required scopes: a:r, b:rw".
fn missing_scopes(message: &str) -> Option<String> {
    let lower = message.to_ascii_lowercase();
    let at = lower.find("missing required scopes")?;
    let rest = message.get(at + "missing required scopes".len()..)?;
    let scopes = rest.trim_start_matches([':', ' ']).trim();
    (!scopes.is_empty()).then(|| scopes.to_string())
}

/// A string field, or a number shown as text (ids and codes come as both).
fn text(document: &Value, key: &str) -> Option<String> {
    match document.get(key)? {
        Value::String(s) if !s.trim().is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

/// `group/sub/repo` as a path: each part encoded, slashes kept, at least
/// `min_parts` parts, none empty, `.` or `..` (URL parsers read those as
/// directory steps even when encoded). A `.git` ending or surrounding
/// slashes, as pasted from a clone URL, are dropped.
fn slug_path(slug: &str, min_parts: usize, what: &str) -> Result<String, ApiError> {
    let slug = slug.trim().trim_matches('/');
    let slug = slug.strip_suffix(".git").unwrap_or(slug);
    let parts: Vec<&str> = slug.split('/').collect();
    let bad = parts
        .iter()
        .any(|p| p.trim().is_empty() || *p == "." || *p == "..");
    if bad || parts.len() < min_parts {
        let example = if min_parts > 1 { "group/repo" } else { "group" };
        let message = format!("Give the {what} as its path, like {example}.");
        let mut error = ApiError::from_status(0, None);
        error.kind = ErrorKind::Invalid;
        error.explanation = message.clone();
        error.field_errors = vec![(what.to_string(), message)];
        return Err(error);
    }
    Ok(parts
        .iter()
        .map(|p| encode_component(p))
        .collect::<Vec<_>>()
        .join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn web_origin_drops_the_api_prefix() {
        assert_eq!(Cnb::cnb_cool().web_origin(), "https://cnb.cool");
        assert_eq!(
            Cnb::new("https://api.cnb.build/").web_origin(),
            "https://cnb.build"
        );
        assert_eq!(
            Cnb::new("http://localhost:8080").web_origin(),
            "http://localhost:8080"
        );
    }

    #[test]
    fn scopes_are_read_from_the_message() {
        assert_eq!(
            missing_scopes("Missing required scopes: group-resource:rw").as_deref(),
            Some("group-resource:rw")
        );
        assert_eq!(missing_scopes("forbidden"), None);
    }
}
