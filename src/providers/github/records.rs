//! GitHub's key objects as the OpenAPI description defines them (`key`,
//! `key-simple`, `deploy-key`, and the bits of `private-user`/`public-user`
//! the token check needs), and their mapping onto [`KeyRecord`].
//!
//! The structs mirror the schemas: a field the schema requires is not an
//! `Option`, so an answer of the wrong shape is reported as such instead of
//! showing a half-empty key. `tests/github_contract.rs` feeds them the
//! spec's own examples.

use serde::Deserialize;

use super::link::next_link;
use super::scopes::parse_scopes_header;
use super::{parse_error, Operation};
use crate::providers::http::HttpResponse;
use crate::providers::model::{ApiError, KeyRecord};

/// One page of a list, and the URL of the next page if GitHub sent one
/// (follow it with [`super::GitHub::next_page`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub next: Option<String>,
}

/// Who a token belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenInfo {
    pub login: String,
    /// The profile's display name, if set.
    pub name: Option<String>,
    /// Classic scopes from `X-OAuth-Scopes`. `None` when the header is
    /// absent: fine-grained and GitHub App tokens have permissions instead
    /// of scopes, so nothing can be checked in advance.
    pub scopes: Option<Vec<String>>,
}

/// Schema `key`: one of the authenticated user's keys.
#[derive(Deserialize)]
struct Key {
    id: u64,
    key: String,
    url: String,
    title: String,
    created_at: String,
    verified: bool,
    read_only: bool,
    last_used: Option<String>,
}

/// Schema `key-simple`: a public key of any user.
#[derive(Deserialize)]
struct KeySimple {
    id: u64,
    key: String,
    created_at: Option<String>,
    last_used: Option<String>,
}

/// Schema `deploy-key`.
#[derive(Deserialize)]
struct DeployKey {
    id: u64,
    key: String,
    url: String,
    title: String,
    verified: bool,
    created_at: String,
    read_only: bool,
    added_by: Option<String>,
    last_used: Option<String>,
    enabled: Option<bool>,
}

/// Schema `ssh-signing-key`: no `last_used`, no `verified`.
#[derive(Deserialize)]
struct SigningKey {
    id: u64,
    key: String,
    title: String,
    created_at: String,
}

/// The fields of `private-user`/`public-user` the token check uses.
#[derive(Deserialize)]
struct User {
    login: String,
    name: Option<String>,
}

impl From<Key> for KeyRecord {
    fn from(key: Key) -> Self {
        KeyRecord {
            id: key.id.to_string(),
            title: key.title,
            public_key: Some(key.key),
            url: Some(key.url),
            created_at: Some(key.created_at),
            last_used_at: key.last_used,
            verified: Some(key.verified),
            read_only: Some(key.read_only),
            ..KeyRecord::default()
        }
    }
}

impl From<KeySimple> for KeyRecord {
    fn from(key: KeySimple) -> Self {
        KeyRecord {
            id: key.id.to_string(),
            public_key: Some(key.key),
            created_at: key.created_at,
            last_used_at: key.last_used,
            // GitHub lists only verified keys here.
            verified: Some(true),
            ..KeyRecord::default()
        }
    }
}

impl From<SigningKey> for KeyRecord {
    fn from(key: SigningKey) -> Self {
        KeyRecord {
            id: key.id.to_string(),
            title: key.title,
            public_key: Some(key.key),
            created_at: Some(key.created_at),
            ..KeyRecord::default()
        }
    }
}

impl From<DeployKey> for KeyRecord {
    fn from(key: DeployKey) -> Self {
        KeyRecord {
            id: key.id.to_string(),
            title: key.title,
            public_key: Some(key.key),
            url: Some(key.url),
            created_at: Some(key.created_at),
            last_used_at: key.last_used,
            verified: Some(key.verified),
            read_only: Some(key.read_only),
            added_by: key.added_by,
            enabled: key.enabled,
            ..KeyRecord::default()
        }
    }
}

pub(super) fn read_json<T: for<'de> Deserialize<'de>>(
    response: &HttpResponse,
) -> Result<T, ApiError> {
    serde_json::from_str(&response.body).map_err(|error| {
        ApiError::unexpected(
            response.status,
            &format!("it is not the expected JSON ({error})"),
        )
    })
}

fn records<T: for<'de> Deserialize<'de> + Into<KeyRecord>>(
    response: &HttpResponse,
) -> Result<Vec<KeyRecord>, ApiError> {
    let items: Vec<T> = read_json(response)?;
    Ok(items.into_iter().map(Into::into).collect())
}

/// A page of keys from [`Operation::ListUserKeys`],
/// [`Operation::ListPublicKeys`], [`Operation::ListDeployKeys`],
/// [`Operation::ListSigningKeys`] or [`Operation::ListPublicSigningKeys`].
pub fn parse_key_list(
    response: &HttpResponse,
    operation: Operation,
) -> Result<Page<KeyRecord>, ApiError> {
    if response.status != 200 {
        return Err(parse_error(response, operation));
    }
    let items = match operation {
        Operation::ListUserKeys => records::<Key>(response)?,
        Operation::ListPublicKeys => records::<KeySimple>(response)?,
        Operation::ListDeployKeys => records::<DeployKey>(response)?,
        Operation::ListSigningKeys | Operation::ListPublicSigningKeys => {
            records::<SigningKey>(response)?
        }
        _ => return Err(ApiError::unexpected(response.status, "it is not a list")),
    };
    let next = response.header("link").and_then(next_link);
    Ok(Page { items, next })
}

/// One key from a get (200) or a create (201).
pub fn parse_key(response: &HttpResponse, operation: Operation) -> Result<KeyRecord, ApiError> {
    if !matches!(response.status, 200 | 201) {
        return Err(parse_error(response, operation));
    }
    if operation.is_deploy_keys() {
        read_json::<DeployKey>(response).map(Into::into)
    } else if operation.is_signing_keys() || operation == Operation::ListPublicSigningKeys {
        read_json::<SigningKey>(response).map(Into::into)
    } else if operation == Operation::ListPublicKeys {
        read_json::<KeySimple>(response).map(Into::into)
    } else {
        read_json::<Key>(response).map(Into::into)
    }
}

/// A delete: GitHub answers 204 No Content.
pub fn parse_deleted(response: &HttpResponse, operation: Operation) -> Result<(), ApiError> {
    if response.is_success() {
        Ok(())
    } else {
        Err(parse_error(response, operation))
    }
}

/// The answer to [`super::GitHub::check_token`].
pub fn parse_token_check(response: &HttpResponse) -> Result<TokenInfo, ApiError> {
    if response.status != 200 {
        return Err(parse_error(response, Operation::CheckToken));
    }
    let user: User = read_json(response)?;
    Ok(TokenInfo {
        login: user.login,
        name: user.name.filter(|name| !name.trim().is_empty()),
        scopes: response.header("x-oauth-scopes").map(parse_scopes_header),
    })
}
