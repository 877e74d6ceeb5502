//! TFE's JSON:API error documents, explained in TFE's own terms.

use serde_json::Value;

use crate::providers::{ApiError, HttpResponse};

/// Turns any unsuccessful answer into an [`ApiError`]: the JSON:API
/// `errors` array (whose `status` may be a string or a number) gives the
/// provider's words and, from `source.pointer`, field errors; the HTTP
/// status decides the explanation.
pub fn parse_error(response: &HttpResponse) -> ApiError {
    let errors = serde_json::from_str::<Value>(&response.body)
        .ok()
        .and_then(|document| document.get("errors").and_then(Value::as_array).cloned())
        .unwrap_or_default();

    let mut messages = Vec::new();
    let mut field_errors = Vec::new();
    for error in &errors {
        let text = |key: &str| {
            error
                .get(key)
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        let message = match (text("title"), text("detail")) {
            (Some(title), Some(detail)) if !detail.eq_ignore_ascii_case(title) => {
                format!("{title}: {detail}")
            }
            (_, Some(detail)) => detail.to_string(),
            (Some(title), None) => title.to_string(),
            (None, None) => continue,
        };
        if let Some(pointer) = error.pointer("/source/pointer").and_then(Value::as_str) {
            field_errors.push((
                field_name(pointer),
                text("detail")
                    .or(text("title"))
                    .unwrap_or_default()
                    .to_string(),
            ));
        }
        messages.push(message);
    }

    let provider_message = (!messages.is_empty()).then(|| messages.join("; "));
    let mut error = ApiError::from_status(response.status, provider_message);
    error.field_errors = field_errors;
    if let Some(seconds) = response
        .header("retry-after")
        .and_then(|v| v.trim().parse::<u64>().ok())
    {
        error.retry_after = Some(seconds);
    }
    if let Some(explanation) = explanation(response.status, &error.field_errors) {
        error.explanation = explanation.to_string();
    }
    error
}

/// `/data/attributes/value` → `value`; a pointer with no last segment is
/// kept whole.
fn field_name(pointer: &str) -> String {
    match pointer.rsplit('/').next() {
        Some(last) if !last.is_empty() => last.to_string(),
        _ => pointer.to_string(),
    }
}

fn explanation(status: u16, field_errors: &[(String, String)]) -> Option<&'static str> {
    let about_name = !field_errors.is_empty() && field_errors.iter().all(|(f, _)| f == "name");
    Some(match status {
        401 => {
            "Terraform refused the token: it is wrong, expired or revoked (Terraform answers 401 \
             only for a missing or invalid token). Check it on the Connections page."
        }
        404 => {
            "Not found, or this token may not see it: Terraform answers 404 when the token lacks \
             permission. Managing SSH keys needs “manage VCS settings” in the organization, and \
             organization tokens are refused for SSH keys — use a user or team token. Also check \
             the organization name."
        }
        422 if about_name => "Terraform refused the key's name.",
        422 => {
            "Terraform refused the key: it must be the whole private key, PEM-formatted \
             (-----BEGIN RSA PRIVATE KEY-----), without a passphrase."
        }
        429 => {
            "Too many requests: Terraform allows about 30 per second per user, across all of \
             that user's tokens, and does not say how long to wait. Wait a few seconds, longer \
             after each refusal, then try again."
        }
        _ => return None,
    })
}
