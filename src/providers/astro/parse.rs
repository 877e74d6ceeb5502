//! Reading Astro's answers: `ApiToken`, `ApiTokensPaginated` and `Error`.
//!
//! Read from `serde_json::Value`, so an odd field becomes `None` rather than
//! failing the whole answer. The one secret, `token`, is *moved* out of the
//! parsed document into a [`OneTimeSecret`], never copied.

use crate::providers::json::number;
use crate::providers::json::success_document;
use serde_json::Value;

use crate::providers::{ApiError, Created, HttpResponse, KeyRecord, OneTimeSecret};

/// One page of tokens (offset/limit paging).
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct TokenPage {
    pub tokens: Vec<KeyRecord>,
    pub total_count: u64,
    pub offset: u64,
    pub limit: u64,
    /// The offset of the next page, or `None` on the last one.
    pub next_offset: Option<u64>,
}

/// `GET /organizations/{org}/tokens`.
pub fn parse_token_page(response: &HttpResponse) -> Result<TokenPage, ApiError> {
    let document = success_document(response, parse_error)?;
    let Some(items) = document.get("tokens").and_then(Value::as_array) else {
        return Err(ApiError::unexpected(
            response.status,
            "the token list has no `tokens` array",
        ));
    };
    // A list never carries token values, but a record never holds one anyway.
    let tokens: Vec<KeyRecord> = items.iter().filter_map(token_record).collect();
    let offset = document.get("offset").and_then(number).unwrap_or(0);
    let count = tokens.len() as u64;
    let total_count = document
        .get("totalCount")
        .and_then(number)
        .unwrap_or(offset + count);
    let limit = document.get("limit").and_then(number).unwrap_or(count);
    let next = offset.saturating_add(count);
    Ok(TokenPage {
        tokens,
        total_count,
        offset,
        limit,
        next_offset: (count > 0 && next < total_count).then_some(next),
    })
}

/// `GET` or update (`POST`) of one token: the record, never a value.
pub fn parse_token(response: &HttpResponse) -> Result<KeyRecord, ApiError> {
    let document = success_document(response, parse_error)?;
    token_record(&document)
        .ok_or_else(|| ApiError::unexpected(response.status, "the answer holds no token"))
}

/// Create (`POST …/tokens`, answered with 200) and rotate
/// (`POST …/{id}/rotate`): the record, and the token value as the one-time
/// secret. A success without a value is an error: the value cannot be
/// fetched later, so the page must say so rather than show nothing.
pub fn parse_created(response: &HttpResponse) -> Result<Created, ApiError> {
    let mut document = success_document(response, parse_error)?;
    let secret =
        match document.get_mut("token").map(Value::take) {
            Some(Value::String(value)) if !value.is_empty() => OneTimeSecret::new(value),
            _ => return Err(ApiError::unexpected(
                response.status,
                "Astro answered without the token value, which it shows only once; delete this \
                 token and make a new one",
            )),
        };
    let record = token_record(&document)
        .ok_or_else(|| ApiError::unexpected(response.status, "the answer holds no token"))?;
    Ok(Created {
        record,
        secret: Some(secret),
    })
}

/// `DELETE …/tokens/{id}` (204).
pub fn parse_deleted(response: &HttpResponse) -> Result<(), ApiError> {
    if response.is_success() {
        Ok(())
    } else {
        Err(parse_error(response))
    }
}

/// Astro's `Error` body (`message`, `requestId`, `statusCode`,
/// `fieldErrors`) explained in Astro's terms.
pub fn parse_error(response: &HttpResponse) -> ApiError {
    let document = serde_json::from_str::<Value>(&response.body).unwrap_or(Value::Null);
    let text = |key: &str| {
        document
            .get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
    };
    let provider_message = match (text("message"), text("requestId")) {
        (Some(message), Some(id)) => Some(format!("{message} (request ID {id})")),
        (Some(message), None) => Some(message.to_string()),
        (None, Some(id)) => Some(format!("request ID {id}")),
        (None, None) => None,
    };
    let field_errors = document
        .get("fieldErrors")
        .and_then(Value::as_array)
        .map(|errors| {
            errors
                .iter()
                .filter_map(|e| {
                    let field = e.get("field").and_then(Value::as_str).unwrap_or_default();
                    let message = e
                        .get("message")
                        .and_then(Value::as_str)
                        .or_else(|| e.get("code").and_then(Value::as_str))?;
                    Some((field.to_string(), message.to_string()))
                })
                .collect()
        })
        .unwrap_or_default();

    let mut error = ApiError::from_status(response.status, provider_message);
    error.field_errors = field_errors;
    if let Some(seconds) = response
        .header("retry-after")
        .and_then(|v| v.trim().parse::<u64>().ok())
    {
        error.retry_after = Some(seconds);
    }
    let explanation = match response.status {
        401 => Some(
            "Astro refused the token: it is wrong, expired, revoked or was rotated (a rotated \
             token stops working at once). Check it on the Connections page.",
        ),
        403 => Some(
            "The token is valid but may not manage these tokens: that needs Workspace or \
             Organization owner or admin rights over the Deployment.",
        ),
        404 => Some(
            "Astro found no such organization, Deployment or token. Check the Organization ID \
             and Deployment ID (shown in the Astro UI); a deleted token is gone for good.",
        ),
        400 if !error.field_errors.is_empty() => {
            Some("Astro refused some of the values sent: see the fields marked.")
        }
        _ => None,
    };
    if let Some(explanation) = explanation {
        error.explanation = explanation.to_string();
    }
    error
}

/// An `ApiToken` as a record: everything but `token`. `None` without an id.
fn token_record(object: &Value) -> Option<KeyRecord> {
    let id = object.get("id").and_then(Value::as_str)?;
    if id.is_empty() {
        return None;
    }
    let text = |key: &str| {
        object
            .get(key)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let roles = object
        .get("roles")
        .and_then(Value::as_array)
        .map(|roles| {
            roles
                .iter()
                .filter_map(|r| r.get("role").and_then(Value::as_str))
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default();
    Some(KeyRecord {
        id: id.to_string(),
        title: text("name").unwrap_or_default(),
        description: text("description"),
        created_at: text("createdAt"),
        last_used_at: text("lastUsedAt"),
        expires_at: text("endAt"),
        added_by: object.get("createdBy").and_then(subject_name),
        short_token: text("shortToken"),
        roles,
        ..KeyRecord::default()
    })
}

/// A `BasicSubjectProfile` in words: the person's name, else their
/// username, else the token's name, else the id.
fn subject_name(profile: &Value) -> Option<String> {
    ["fullName", "username", "apiTokenName", "id"]
        .iter()
        .find_map(|key| {
            profile
                .get(*key)
                .and_then(Value::as_str)
                .filter(|s| !s.trim().is_empty())
        })
        .map(str::to_string)
}
