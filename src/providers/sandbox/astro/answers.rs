//! Astro's answers as the emulated API writes them: a token's JSON and the
//! error bodies.

use super::super::json;
use super::super::state::SandboxState;
use super::*;
use crate::providers::http::HttpResponse;
use serde_json::{json, Value};

pub(super) fn render(state: &SandboxState, org: usize, index: usize, value: Option<&str>) -> Value {
    let token = &state.astro.organizations[org].tokens[index];
    let profile = json!({
        "id": state.astro.user_id,
        "subjectType": "USER",
        "username": state.astro.username,
        "fullName": state.astro.full_name,
        "avatarUrl": "https://avatars.example/sandbox.png",
    });
    let roles: Vec<Value> = token
        .roles
        .iter()
        .map(|r| {
            let mut role = json!({
                "role": r.role,
                "entityId": r.entity_id,
                "entityType": r.entity_type,
            });
            if let Some(deployment) = &r.deployment_id {
                role["deploymentId"] = json!(deployment);
            }
            role
        })
        .collect();
    let mut body = json!({
        "id": token.id,
        "name": token.name,
        "description": token.description,
        "shortToken": token.short_token,
        "scope": token.scope,
        "kind": token.kind,
        "startAt": token.start_at,
        "createdAt": token.created_at,
        "updatedAt": token.updated_at,
        "roles": roles,
        "createdBy": profile,
        "updatedBy": profile,
    });
    let optional = [
        ("endAt", token.end_at.clone().map(Value::from)),
        (
            "expiryPeriodInDays",
            token.expiry_period_in_days.map(Value::from),
        ),
        ("lastUsedAt", token.last_used_at.clone().map(Value::from)),
        (
            "lastRotatedAt",
            token.last_rotated_at.clone().map(Value::from),
        ),
        ("token", value.map(Value::from)),
    ];
    for (name, value) in optional {
        if let Some(value) = value {
            body[name] = value;
        }
    }
    body
}

/// The seeded Deployment API token of `dep-sandbox` (its value is never
/// shown: it was "shown once" before the sandbox began).
pub(super) fn field(code: &str, name: &str, message: &str) -> Value {
    json!({ "code": code, "field": name, "message": message })
}

/// Astro's `Error` body; `fieldErrors` only on 400 validation failures.
pub(in crate::providers::sandbox) fn error(
    status: u16,
    message: &str,
    field_errors: Vec<Value>,
) -> HttpResponse {
    let digest = sha256_hex(&format!("{status}{message}"));
    let mut body = json!({
        "message": message,
        "requestId": format!("sbx-{}", &digest[..16]),
        "statusCode": status,
    });
    if !field_errors.is_empty() {
        body["fieldErrors"] = Value::Array(field_errors);
    }
    json(status, &body)
}
