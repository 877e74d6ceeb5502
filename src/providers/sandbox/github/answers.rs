//! GitHub's answers as the emulated API writes them: the JSON of keys,
//! users and repositories, error bodies, and the rate-limit headers.

use super::super::state::{GitHubKey, RateWindow};
use super::super::{json, Call};
use super::*;
use crate::providers::http::HttpResponse;
use serde_json::{json, Value};

pub(super) fn user_key(call: &Call, key: &GitHubKey) -> Value {
    json!({
        "key": key.key,
        "id": key.id,
        "url": call.url(&format!("/user/keys/{}", key.id)),
        "title": key.title,
        "created_at": key.created_at,
        "verified": key.verified,
        "read_only": key.read_only,
        "last_used": key.last_used,
    })
}

pub(super) fn simple_key(key: &GitHubKey) -> Value {
    json!({
        "id": key.id,
        "key": key.key,
        "created_at": key.created_at,
        "last_used": key.last_used,
    })
}

pub(super) fn deploy_key(call: &Call, repo_path: &str, key: &GitHubKey) -> Value {
    json!({
        "id": key.id,
        "key": key.key,
        "url": call.url(&format!("{repo_path}/keys/{}", key.id)),
        "title": key.title,
        "verified": key.verified,
        "created_at": key.created_at,
        "read_only": key.read_only,
        "added_by": key.added_by,
        "last_used": key.last_used,
        "enabled": key.enabled,
    })
}

pub(super) fn no_content_or_404(call: &Call, removed: bool) -> HttpResponse {
    if removed {
        HttpResponse::new(204, "")
    } else {
        error(call, 404, "Not Found")
    }
}

/// GitHub's `basic-error`.
pub(in crate::providers::sandbox) fn error(
    _call: &Call,
    status: u16,
    message: &str,
) -> HttpResponse {
    body_error(status, message, DOCS)
}

pub(super) fn body_error(status: u16, message: &str, docs: &str) -> HttpResponse {
    let body = json!({
        "message": message,
        "documentation_url": docs,
        "status": status.to_string(),
    });
    common(json(status, &body))
}

pub(super) fn not_a(value: &Value, field: &str, kind: &str, docs: &str) -> HttpResponse {
    let message = format!("Invalid request.\n\nFor 'properties/{field}', {value} is not a {kind}.");
    body_error(422, &message, docs)
}

/// GitHub's `validation-error` for the `key` field.
pub(super) fn validation_failed(message: &str, docs: &str) -> HttpResponse {
    let body = json!({
        "message": "Validation Failed",
        "errors": [{
            "resource": "PublicKey",
            "code": "custom",
            "field": "key",
            "message": message,
        }],
        "documentation_url": docs,
        "status": "422",
    });
    common(json(422, &body))
}

/// A primary (403, budget spent) or secondary (429) rate-limit refusal.
pub(in crate::providers::sandbox) fn rate_limited(
    _call: &Call,
    now: u64,
    secondary: bool,
) -> HttpResponse {
    if secondary {
        body_error(
            429,
            "You have exceeded a secondary rate limit. Please wait a few minutes before you try \
             again.",
            RATE_DOCS,
        )
    } else {
        let window = RateWindow {
            window_start: now,
            used: AUTHENTICATED_LIMIT,
        };
        let response = body_error(403, "API rate limit exceeded.", RATE_DOCS);
        with_headers(response, rate_headers(&window, AUTHENTICATED_LIMIT))
    }
}

/// The primary limit used up until `reset` (epoch seconds): what a test
/// queues to see a scan pause and resume a moment later.
pub(in crate::providers::sandbox) fn primary_limit_until(reset: u64) -> HttpResponse {
    let window = RateWindow {
        window_start: reset.saturating_sub(WINDOW_SECONDS),
        used: AUTHENTICATED_LIMIT,
    };
    let response = body_error(403, "API rate limit exceeded.", RATE_DOCS);
    with_headers(response, rate_headers(&window, AUTHENTICATED_LIMIT))
}

pub(super) fn common(response: HttpResponse) -> HttpResponse {
    let headers = vec![
        ("x-github-media-type", "github.v3; format=json".to_string()),
        ("x-github-api-version-selected", "2022-11-28".to_string()),
    ];
    with_headers(response, headers)
}

/// The window in force at `now` (a new one when the last has ended).
pub(super) fn current(window: &mut RateWindow, now: u64) -> RateWindow {
    if now >= window.window_start.saturating_add(WINDOW_SECONDS) || now < window.window_start {
        *window = RateWindow {
            window_start: now,
            used: 0,
        };
    }
    window.clone()
}

pub(super) fn rate_headers(window: &RateWindow, limit: u64) -> Vec<(&'static str, String)> {
    vec![
        ("x-ratelimit-limit", limit.to_string()),
        (
            "x-ratelimit-remaining",
            limit.saturating_sub(window.used).to_string(),
        ),
        (
            "x-ratelimit-reset",
            (window.window_start + WINDOW_SECONDS).to_string(),
        ),
        ("x-ratelimit-used", window.used.to_string()),
        ("x-ratelimit-resource", "core".to_string()),
    ]
}

pub(super) fn with_headers(
    mut response: HttpResponse,
    headers: Vec<(&'static str, String)>,
) -> HttpResponse {
    for (name, value) in headers {
        response.headers.retain(|(n, _)| n != name);
        response = response.with_header(name, value);
    }
    response
}
