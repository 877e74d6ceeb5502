//! GitHub's error answers, explained in plain words for the operation that
//! failed.
//!
//! Bodies are `basic-error` (`{message, documentation_url, status}`) or
//! `validation-error` (`{message, errors: [{resource, field, message,
//! code}]}`), but are read defensively: `errors` items may be strings, the
//! body may be empty, HTML from a proxy, or anything else.

use serde_json::Value;

use super::scopes::{fine_grained_permission, required_scopes};
use super::Operation;
use crate::providers::http::HttpResponse;
use crate::providers::model::{ApiError, ErrorKind};

/// The error for a non-success answer to `operation`.
pub fn parse_error(response: &HttpResponse, operation: Operation) -> ApiError {
    let body: Option<Value> = serde_json::from_str(&response.body).ok();
    let message = body
        .as_ref()
        .and_then(|b| b.get("message"))
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|m| !m.is_empty())
        .map(str::to_string);
    let mut error = ApiError::from_status(response.status, message);
    error.field_errors = body.as_ref().map(field_errors).unwrap_or_default();
    error.retry_after = header_number(response, "retry-after");
    error.retry_at = header_number(response, "x-ratelimit-reset");

    if is_rate_limited(response, &error) {
        error.kind = ErrorKind::RateLimited;
        error.explanation = rate_limit_explanation(&error);
        return error;
    }
    match response.status {
        401 => {
            error.explanation = "GitHub refused the token: it is wrong, expired or revoked \
                (GitHub also revokes tokens it finds published). Check it or make a new one \
                on the Connections page."
                .to_string();
        }
        403 => {
            error.explanation = forbidden(response, operation, error.provider_message.as_deref())
        }
        404 => error.explanation = not_found(operation),
        422 => error.explanation = invalid(operation, &error),
        _ => {}
    }
    error
}

fn header_number(response: &HttpResponse, name: &str) -> Option<u64> {
    response.header(name)?.trim().parse().ok()
}

/// `(field, message)` for each entry of `errors`, whatever its shape.
fn field_errors(body: &Value) -> Vec<(String, String)> {
    let entries = match body.get("errors") {
        Some(Value::Array(entries)) => entries.clone(),
        Some(single @ (Value::String(_) | Value::Object(_))) => vec![single.clone()],
        _ => return Vec::new(),
    };
    entries
        .iter()
        .filter_map(|entry| match entry {
            Value::String(text) => Some((String::new(), text.clone())),
            Value::Object(fields) => {
                let text = |name: &str| fields.get(name).and_then(Value::as_str).unwrap_or("");
                let field = if text("field").is_empty() {
                    text("resource")
                } else {
                    text("field")
                };
                let message = if text("message").is_empty() {
                    code_in_words(text("code"))
                } else {
                    text("message").to_string()
                };
                Some((field.to_string(), message))
            }
            _ => None,
        })
        .collect()
}

/// GitHub's documented validation codes.
fn code_in_words(code: &str) -> String {
    match code {
        "missing" => "does not exist".to_string(),
        "missing_field" => "is required but was not sent".to_string(),
        "invalid" => "is not valid".to_string(),
        "already_exists" => "already exists".to_string(),
        "unprocessable" => "could not be processed".to_string(),
        "" => "was refused".to_string(),
        other => format!("was refused ({other})"),
    }
}

/// 429, or a 403 that is really a rate limit: the primary limit is used up
/// (`x-ratelimit-remaining: 0`), or a secondary limit hit (`retry-after`,
/// or GitHub's message says so).
fn is_rate_limited(response: &HttpResponse, error: &ApiError) -> bool {
    if response.status == 429 {
        return true;
    }
    if response.status != 403 {
        return false;
    }
    let exhausted = response.header("x-ratelimit-remaining").map(str::trim) == Some("0");
    let says_so = error
        .provider_message
        .as_deref()
        .map(|m| m.to_ascii_lowercase().contains("rate limit"))
        .unwrap_or(false);
    exhausted || error.retry_after.is_some() || says_so
}

fn rate_limit_explanation(error: &ApiError) -> String {
    let secondary = error
        .provider_message
        .as_deref()
        .map(|m| m.to_ascii_lowercase().contains("secondary"))
        .unwrap_or(false);
    let what = if secondary {
        "GitHub's secondary rate limit was hit (too many requests too quickly, or too many \
         changes in a short time)."
    } else {
        "GitHub's rate limit for this token (or, without a token, for your network address) is \
         used up."
    };
    let when = match (error.retry_after, error.retry_at) {
        (Some(1), _) => "Try again in 1 second.".to_string(),
        (Some(seconds), _) => format!("Try again in {seconds} seconds."),
        (None, Some(reset)) => format!("It resets at {}.", crate::calendar::utc_datetime(reset)),
        (None, None) if secondary => "Wait a minute or more before trying again.".to_string(),
        (None, None) => "Wait a while before trying again.".to_string(),
    };
    format!("{what} {when}")
}

fn forbidden(response: &HttpResponse, operation: Operation, message: Option<&str>) -> String {
    let lower = message.unwrap_or("").to_ascii_lowercase();
    if let Some(sso) = response.header("x-github-sso") {
        let url = sso
            .split(';')
            .filter_map(|part| part.trim().strip_prefix("url="))
            .next();
        let link = url.map(|u| format!(" at {u}")).unwrap_or_default();
        return format!(
            "The organization uses single sign-on (SAML): authorise this token for SSO{link} \
             (on GitHub: Settings → Developer settings → your token → Configure SSO), then try again."
        );
    }
    if lower.contains("saml") || lower.contains("single sign-on") {
        return "The organization uses single sign-on (SAML): authorise this token for SSO \
                (on GitHub: Settings → Developer settings → your token → Configure SSO), then \
                try again."
            .to_string();
    }
    if lower.contains("resource not accessible by integration")
        && (operation.is_user_keys() || operation.is_signing_keys())
    {
        return "This is a GitHub App installation token, which cannot manage a person's SSH \
                keys. Use a personal access token."
            .to_string();
    }
    let mut text = format!("The token is valid but may not {}.", operation.verb());
    if let Some(scope) = required_scopes(operation).first() {
        text.push_str(&format!(" A classic token needs the `{scope}` scope"));
        if let Some(granted) = response.header("x-oauth-scopes") {
            let granted = granted.trim();
            if granted.is_empty() {
                text.push_str(" (this one has no scopes)");
            } else {
                text.push_str(&format!(" (this one has: {granted})"));
            }
        }
        text.push('.');
    }
    if let Some(permission) = fine_grained_permission(operation) {
        text.push_str(&format!(" A fine-grained token needs {permission}."));
    }
    if operation.is_deploy_keys() {
        text.push_str(
            " You must also be an admin of the repository, and the organization may disable \
             deploy keys by policy.",
        );
    }
    text
}

fn not_found(operation: Operation) -> String {
    if operation.is_user_keys() || operation.is_signing_keys() {
        return "GitHub did not find this key, or the token cannot reach your keys: GitHub App \
                installation tokens cannot manage a person's SSH keys (use a personal access \
                token)."
            .to_string();
    }
    match operation {
        Operation::ListPublicKeys | Operation::ListPublicSigningKeys | Operation::GetUser => {
            "No GitHub user has this login.".to_string()
        }
        Operation::ListOrgRepos => "GitHub did not find this organization, or the token cannot \
                                    see it. Check the name; a classic token needs the `read:org` \
                                    or `repo` scope for a private membership."
            .to_string(),
        Operation::ListUserRepos | Operation::ListUserOrgs => "GitHub did not find this list: \
                                    check the API URL of the connection."
            .to_string(),
        Operation::CheckToken => "GitHub did not find the user behind this token: check the \
                                  API URL of the connection."
            .to_string(),
        Operation::ListDeployKeys => "GitHub did not find the repository: not an admin there, or \
              no access. GitHub shows deploy keys only to a repository's admins and answers “not \
              found” to everyone else, as it does for a private repository the token cannot see. Check the owner and name; a classic \
              token needs the `repo` scope, a fine-grained token access to this repository."
            .to_string(),
        _ => "GitHub did not find the repository or the key, or this token cannot see it (GitHub \
              answers “not found” rather than “forbidden” for a private repository, and shows \
              deploy keys only to the repository's admins). Check the owner and name; a classic \
              token needs the `repo` scope, a fine-grained token access to this repository."
            .to_string(),
    }
}

fn invalid(operation: Operation, error: &ApiError) -> String {
    let mentions = |needle: &str| {
        error
            .field_errors
            .iter()
            .map(|(_, message)| message.as_str())
            .chain(error.provider_message.as_deref())
            .any(|text| text.to_ascii_lowercase().contains(needle))
    };
    if mentions("already in use") && operation.is_signing_keys() {
        return "This key is already one of the account's SSH signing keys (on this account or \
                another). A key can be both an authentication key and a signing key, but only \
                once in each list."
            .to_string();
    }
    if mentions("already in use") {
        return "GitHub accepts each public key only once across all of GitHub: this key is \
                already registered, as a deploy key on some repository or as some account's \
                key. Make a new key pair for this use: one key per repository, and a key used \
                as a deploy key cannot also be a user key."
            .to_string();
    }
    if mentions("is invalid") || mentions("openssh public key format") {
        return "GitHub could not read this public key. Paste the whole public key line (it \
                starts with ssh-ed25519, ecdsa-sha2-…, sk-… or ssh-rsa), never the private key; \
                DSA keys (ssh-dss) are no longer accepted."
            .to_string();
    }
    let what = if operation.is_deploy_keys() {
        "deploy key"
    } else if operation.is_signing_keys() {
        "signing key"
    } else {
        "key"
    };
    let details: Vec<String> = error
        .field_errors
        .iter()
        .map(|(field, message)| {
            if field.is_empty() {
                message.clone()
            } else {
                format!("{field} {message}")
            }
        })
        .collect();
    if details.is_empty() {
        format!("GitHub refused the {what}.")
    } else {
        format!("GitHub refused the {what}: {}.", details.join("; "))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_as_strings_objects_or_single() {
        let body: Value = serde_json::json!({"errors": ["key is already in use", 7, {"code": "missing_field", "field": "key"}, {"resource": "PublicKey", "code": "custom"}]});
        assert_eq!(
            field_errors(&body),
            vec![
                (String::new(), "key is already in use".to_string()),
                (
                    "key".to_string(),
                    "is required but was not sent".to_string()
                ),
                ("PublicKey".to_string(), "was refused (custom)".to_string()),
            ]
        );
        let single: Value = serde_json::json!({"errors": "nope"});
        assert_eq!(field_errors(&single).len(), 1);
        assert!(field_errors(&serde_json::json!({"errors": null})).is_empty());
    }
}
