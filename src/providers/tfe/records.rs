//! Reading TFE's JSON:API answers: SSH-key records, pages, the account.
//!
//! Every field is read defensively from `serde_json::Value`: a missing or
//! oddly typed field becomes `None`, never a panic.

use crate::providers::json::number;
use crate::providers::json::success_document;
use serde_json::Value;

use super::errors::parse_error;
use crate::providers::{ApiError, Created, HttpResponse, KeyRecord};

/// The SSH-key list. `pagination` is `None` when TFE answered unpaginated
/// (no page parameters were sent): then `keys` holds every key.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct SshKeyList {
    pub keys: Vec<KeyRecord>,
    pub pagination: Option<Pagination>,
    /// `links.next` as TFE sent it, if any.
    pub next_link: Option<String>,
}

impl SshKeyList {
    /// The page number to ask for next, if there is one.
    pub fn next_page(&self) -> Option<u32> {
        self.pagination.as_ref().and_then(|p| p.next_page)
    }
}

/// `meta.pagination` of a paginated answer.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct Pagination {
    pub current_page: Option<u32>,
    pub prev_page: Option<u32>,
    pub next_page: Option<u32>,
    pub total_pages: Option<u32>,
    pub total_count: Option<u64>,
}

/// What kind of token made the request, from the `authenticated-resource`
/// relationship of `/account/details`. TFE ties team and organization tokens
/// to a synthetic "service user", so the username alone does not tell.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenOwner {
    User,
    Team,
    /// Refused by the SSH-key endpoints: use a user or team token.
    Organization,
    /// Not said, or a type Keyward does not know (kept as sent).
    Unknown(String),
}

/// The token's account, from `GET /account/details`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TfeAccount {
    pub id: String,
    pub username: String,
    /// Only user tokens' accounts have a real email address.
    pub email: Option<String>,
    pub owner: TokenOwner,
}

impl TfeAccount {
    /// A warning for tokens that cannot manage SSH keys, if this is one.
    pub fn ssh_key_warning(&self) -> Option<&'static str> {
        match self.owner {
            TokenOwner::Organization => Some(
                "This is an organization token: TFE refuses organization tokens for SSH keys. \
                 Use a user token or a team token whose team may manage VCS settings.",
            ),
            _ => None,
        }
    }
}

/// A PATCH with a new key value that TFE answered with success. TFE never
/// returns key text, so the answer proves the request was accepted and the
/// name is as shown, not that the value was stored: releases that do not
/// support `value` on update may ignore it and still answer 200.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct UnconfirmedValueUpdate {
    pub record: KeyRecord,
    /// What to tell the person, in plain words.
    pub advice: &'static str,
}

const VALUE_UPDATE_ADVICE: &str = "Terraform accepted the update, but it never shows key text, \
     so Keyward cannot confirm the new key was stored: current HCP Terraform documents renaming \
     only and may have ignored the new value. Start a run in a workspace that uses this key to \
     check. The safe way to replace a key is to add a new one, switch the workspaces to it, then \
     delete the old one.";

/// `GET /organizations/{org}/ssh-keys`, paginated or not.
pub fn parse_ssh_key_list(response: &HttpResponse) -> Result<SshKeyList, ApiError> {
    let document = success_document(response, parse_error)?;
    let Some(items) = document.get("data").and_then(Value::as_array) else {
        return Err(ApiError::unexpected(
            response.status,
            "the SSH-key list has no `data` array",
        ));
    };
    let keys = items.iter().filter_map(ssh_key_record).collect();
    let (pagination, next_link) = paging(&document);
    Ok(SshKeyList {
        keys,
        pagination,
        next_link,
    })
}

/// `meta.pagination` and `links.next` of a JSON:API list, when present.
pub(super) fn paging(document: &Value) -> (Option<Pagination>, Option<String>) {
    let pagination = document
        .pointer("/meta/pagination")
        .filter(|p| p.is_object())
        .map(|p| Pagination {
            current_page: page_number(p.get("current-page")),
            prev_page: page_number(p.get("prev-page")),
            next_page: page_number(p.get("next-page")),
            total_pages: page_number(p.get("total-pages")),
            total_count: p.get("total-count").and_then(number),
        });
    let next_link = document
        .pointer("/links/next")
        .and_then(Value::as_str)
        .map(str::to_string);
    (pagination, next_link)
}

/// `GET` or name-only `PATCH /ssh-keys/{id}`.
pub fn parse_ssh_key(response: &HttpResponse) -> Result<KeyRecord, ApiError> {
    let document = success_document(response, parse_error)?;
    document
        .get("data")
        .and_then(ssh_key_record)
        .ok_or_else(|| ApiError::unexpected(response.status, "the answer holds no SSH key"))
}

/// `POST /organizations/{org}/ssh-keys` (201). There is no secret to show:
/// the private key was the user's, and TFE never sends it back.
pub fn parse_created_ssh_key(response: &HttpResponse) -> Result<Created, ApiError> {
    Ok(Created {
        record: parse_ssh_key(response)?,
        secret: None,
    })
}

/// `PATCH /ssh-keys/{id}` with a new value. Errors come back as usual; a
/// 400/422 says this TFE refused the value (see [`parse_error`]). Success
/// cannot prove the value was stored: see [`UnconfirmedValueUpdate`].
pub fn parse_value_update(response: &HttpResponse) -> Result<UnconfirmedValueUpdate, ApiError> {
    match parse_ssh_key(response) {
        Ok(record) => Ok(UnconfirmedValueUpdate {
            record,
            advice: VALUE_UPDATE_ADVICE,
        }),
        Err(mut error) if matches!(error.status, 400 | 422) => {
            error.explanation = format!(
                "{} This Terraform may not allow replacing a key's text: add a new key, switch \
                 the workspaces to it, then delete the old one.",
                error.explanation
            );
            Err(error)
        }
        Err(error) => Err(error),
    }
}

/// `DELETE /ssh-keys/{id}` (204, empty).
pub fn parse_deleted(response: &HttpResponse) -> Result<(), ApiError> {
    if response.is_success() {
        Ok(())
    } else {
        Err(parse_error(response))
    }
}

/// `GET /account/details`.
pub fn parse_account(response: &HttpResponse) -> Result<TfeAccount, ApiError> {
    let document = success_document(response, parse_error)?;
    let Some(data) = document.get("data") else {
        return Err(ApiError::unexpected(
            response.status,
            "the account is missing",
        ));
    };
    let text = |pointer: &str| {
        data.pointer(pointer)
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    let Some(username) = text("/attributes/username") else {
        return Err(ApiError::unexpected(
            response.status,
            "the account has no username",
        ));
    };
    let owner = match data
        .pointer("/relationships/authenticated-resource/data/type")
        .and_then(Value::as_str)
    {
        Some("users") => TokenOwner::User,
        Some("teams") => TokenOwner::Team,
        Some("organizations") => TokenOwner::Organization,
        Some(other) => TokenOwner::Unknown(other.to_string()),
        None => TokenOwner::Unknown(String::new()),
    };
    Ok(TfeAccount {
        id: text("/id").unwrap_or_default(),
        username,
        email: text("/attributes/email").filter(|e| !e.is_empty()),
        owner,
    })
}

/// One `ssh-keys` resource object; `None` without a usable id.
fn ssh_key_record(object: &Value) -> Option<KeyRecord> {
    let id = object.get("id").and_then(Value::as_str)?;
    if id.is_empty() {
        return None;
    }
    let text = |pointer: &str| {
        object
            .pointer(pointer)
            .and_then(Value::as_str)
            .map(str::to_string)
    };
    Some(KeyRecord {
        id: id.to_string(),
        title: text("/attributes/name").unwrap_or_default(),
        created_at: text("/attributes/created-at"),
        url: text("/links/self"),
        ..KeyRecord::default()
    })
}

fn page_number(value: Option<&Value>) -> Option<u32> {
    value.and_then(number).and_then(|n| u32::try_from(n).ok())
}
