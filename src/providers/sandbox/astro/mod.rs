//! The emulated Astro Platform API v1 under `/astro/v1`: Organization,
//! Workspace and Deployment API tokens, and the organization's Deployments.
//!
//! Rules as the real service: create and update are POSTs answering 200;
//! the token value (`token`) appears only in the create and rotate answers,
//! `shortToken` always; rotating makes the old value stop working at once;
//! validation failures are 400 with `fieldErrors`. Tokens made here also
//! authenticate (read-only: GET), so rotation and deletion can be seen to
//! revoke them. Token values are deterministic from the state's seed: they
//! look random but are not secrets.

use super::state::{rfc3339, sha256_hex, AstroRole, AstroToken, SandboxState};
use super::{json, Call};
use crate::providers::http::{HttpResponse, Method};
use serde_json::{json, Value};

mod answers;
mod deployments;
pub(super) use answers::error;
use answers::*;

const ORGANIZATION_ROLES: &[&str] = &[
    "ORGANIZATION_OWNER",
    "ORGANIZATION_BILLING_ADMIN",
    "ORGANIZATION_MEMBER",
];
const WORKSPACE_ROLES: &[&str] = &[
    "WORKSPACE_OWNER",
    "WORKSPACE_OPERATOR",
    "WORKSPACE_AUTHOR",
    "WORKSPACE_MEMBER",
    "WORKSPACE_ACCESSOR",
];
const DEPLOYMENT_ROLES: &[&str] = &["DEPLOYMENT_ADMIN"];

/// Who is calling.
enum Caller {
    /// The sandbox's access token: the seeded user, allowed everything.
    User,
    /// An API token made in the sandbox: reads only.
    ApiToken,
}

pub(super) fn handle(state: &mut SandboxState, call: &Call) -> HttpResponse {
    let Some(caller) = authenticate(state, call) else {
        return error(401, "Unauthorized", Vec::new());
    };
    let path = call.path();
    let ["organizations", org_id, collection @ ("tokens" | "deployments"), rest @ ..] =
        path.as_slice()
    else {
        return error(404, "Not Found", Vec::new());
    };
    let Some(org) = state
        .astro
        .organizations
        .iter()
        .position(|o| o.id == *org_id)
    else {
        return error(404, "Organization not found", Vec::new());
    };
    if matches!(caller, Caller::ApiToken) && call.method != Method::Get {
        return error(
            403,
            "You do not have permission to perform this action",
            Vec::new(),
        );
    }
    if *collection == "deployments" {
        return match (call.method, rest) {
            (Method::Get, []) => deployments::list(state, call, org),
            _ => error(404, "Not Found", Vec::new()),
        };
    }
    match (call.method, rest) {
        (Method::Get, []) => list(state, call, org),
        (Method::Post, []) => create(state, call, org),
        (method, [token_id, tail @ ..]) => {
            let tokens = &state.astro.organizations[org].tokens;
            let Some(index) = tokens.iter().position(|t| t.id == *token_id) else {
                return error(404, "API token not found", Vec::new());
            };
            match (method, tail) {
                (Method::Get, []) => json(200, &render(state, org, index, None)),
                (Method::Post, []) => update(state, call, org, index),
                (Method::Post, ["roles"]) => set_roles(state, call, org, index),
                (Method::Post, ["rotate"]) => rotate(state, call, org, index),
                (Method::Delete, []) => {
                    state.astro.organizations[org].tokens.remove(index);
                    HttpResponse::new(204, "")
                }
                _ => error(404, "Not Found", Vec::new()),
            }
        }
        _ => error(404, "Not Found", Vec::new()),
    }
}

fn authenticate(state: &mut SandboxState, call: &Call) -> Option<Caller> {
    let token = call.token().filter(|t| !t.is_empty())?;
    if token == state.access_token {
        return Some(Caller::User);
    }
    let digest = sha256_hex(token);
    let now = call.now;
    let found = state
        .astro
        .organizations
        .iter_mut()
        .flat_map(|o| o.tokens.iter_mut())
        .find(|t| t.value_sha256 == digest && t.end_epoch.is_none_or(|end| now < end))?;
    found.last_used_at = Some(rfc3339(now));
    Some(Caller::ApiToken)
}

/// Astro's `offset` and `limit` query (defaults 0 and 20, limit 1–1000);
/// `None` when one is not a number.
pub(super) fn offset_limit(call: &Call) -> Option<(u64, u64)> {
    let number = |name: &str, default: u64| {
        call.query(name)
            .map_or(Some(default), |v| v.parse::<u64>().ok())
    };
    Some((number("offset", 0)?, number("limit", 20)?.clamp(1, 1000)))
}

/// `ApiTokensPaginated`: offset/limit paging, filtered like the real list.
fn list(state: &SandboxState, call: &Call, org: usize) -> HttpResponse {
    let Some((offset, limit)) = offset_limit(call) else {
        return error(400, "Invalid query parameters", Vec::new());
    };
    let deployment = call.query("deploymentId");
    let workspace = call.query("workspaceId");
    let only_org = call.query("includeOnlyOrganizationTokens") == Some("true");
    let tokens = &state.astro.organizations[org].tokens;
    let mut matching: Vec<usize> = (0..tokens.len())
        .filter(|&i| {
            let t = &tokens[i];
            let has = |id: &str| t.roles.iter().any(|r| r.entity_id == id);
            deployment.is_none_or(has)
                && workspace.is_none_or(has)
                && (!only_org || t.scope == "ORGANIZATION")
        })
        .collect();
    match call.query("sorts[]").or(call.query("sorts")) {
        Some("name:asc") => matching.sort_by(|&a, &b| tokens[a].name.cmp(&tokens[b].name)),
        Some("name:desc") => matching.sort_by(|&a, &b| tokens[b].name.cmp(&tokens[a].name)),
        Some("createdAt:desc") => matching.reverse(),
        _ => {}
    }
    let total = matching.len();
    let page: Vec<Value> = matching
        .into_iter()
        .skip(usize::try_from(offset).unwrap_or(usize::MAX))
        .take(limit as usize)
        .map(|i| render(state, org, i, None))
        .collect();
    json(
        200,
        &json!({"tokens": page, "totalCount": total, "offset": offset, "limit": limit}),
    )
}

fn create(state: &mut SandboxState, call: &Call, org: usize) -> HttpResponse {
    let Ok(body) = call.json() else {
        return error(400, "Invalid request body", Vec::new());
    };
    let text = |name: &str| body.get(name).and_then(Value::as_str).unwrap_or("").trim();
    let (name, role, scope, entity) = (text("name"), text("role"), text("scope"), text("entityId"));
    let mut problems = Vec::new();
    if name.is_empty() {
        problems.push(field("required", "name", "name is required"));
    }
    let roles: &[&str] = match scope {
        "ORGANIZATION" => ORGANIZATION_ROLES,
        "WORKSPACE" => WORKSPACE_ROLES,
        "DEPLOYMENT" => DEPLOYMENT_ROLES,
        "" => {
            problems.push(field("required", "scope", "scope is required"));
            &[]
        }
        _ => {
            problems.push(field(
                "oneof",
                "scope",
                "scope must be one of ORGANIZATION, WORKSPACE, DEPLOYMENT",
            ));
            &[]
        }
    };
    if role.is_empty() {
        problems.push(field("required", "role", "role is required"));
    } else if !roles.is_empty() && !roles.contains(&role) {
        let message = format!("role must be one of {} for scope {scope}", roles.join(", "));
        problems.push(field("oneof", "role", &message));
    }
    let organization = &state.astro.organizations[org];
    let entity_id = match scope {
        "ORGANIZATION" => organization.id.clone(),
        "WORKSPACE" | "DEPLOYMENT" if entity.is_empty() => {
            let message = format!("entityId is required for scope {scope}");
            problems.push(field("required", "entityId", &message));
            String::new()
        }
        "WORKSPACE" if !organization.workspaces.iter().any(|w| w == entity) => {
            problems.push(field("invalid", "entityId", "workspace not found"));
            String::new()
        }
        "DEPLOYMENT" if !organization.deployments.iter().any(|d| d.id == entity) => {
            problems.push(field("invalid", "entityId", "deployment not found"));
            String::new()
        }
        _ => entity.to_string(),
    };
    let max_days: u64 = if scope == "DEPLOYMENT" { 365 } else { 3650 };
    let expiry = match body.get("tokenExpiryPeriodInDays") {
        None | Some(Value::Null) => None,
        Some(days) => match days.as_u64().filter(|d| (1..=max_days).contains(d)) {
            Some(days) => Some(days as u32),
            None => {
                let message = format!("tokenExpiryPeriodInDays must be between 1 and {max_days}");
                problems.push(field("range", "tokenExpiryPeriodInDays", &message));
                None
            }
        },
    };
    let kind = match text("kind") {
        "" | "STANDARD" => "STANDARD",
        "DIRECT_ACCESS" => "DIRECT_ACCESS",
        _ => {
            problems.push(field(
                "oneof",
                "kind",
                "kind must be one of STANDARD, DIRECT_ACCESS",
            ));
            "STANDARD"
        }
    };
    if !problems.is_empty() {
        return error(400, "Invalid request", problems);
    }
    let description = text("description").to_string();
    let role = AstroRole {
        role: role.to_string(),
        entity_type: scope.to_string(),
        entity_id,
        deployment_id: None,
    };
    let index = add_token(
        state,
        org,
        name,
        &description,
        scope,
        kind,
        expiry,
        role,
        call.now,
    );
    let value = new_value(state, org, index);
    json(200, &render(state, org, index, Some(&value)))
}

#[allow(clippy::too_many_arguments)]
fn add_token(
    state: &mut SandboxState,
    org: usize,
    name: &str,
    description: &str,
    scope: &str,
    kind: &str,
    expiry_days: Option<u32>,
    role: AstroRole,
    now: u64,
) -> usize {
    let id = format!("cm{}", state.random_alnum(23));
    let end_epoch = expiry_days.map(|d| now + u64::from(d) * 86_400);
    let token = AstroToken {
        id,
        name: name.to_string(),
        description: description.to_string(),
        short_token: String::new(),
        value_sha256: String::new(),
        scope: scope.to_string(),
        kind: kind.to_string(),
        start_at: rfc3339(now),
        end_at: end_epoch.map(rfc3339),
        end_epoch,
        expiry_period_in_days: expiry_days,
        created_at: rfc3339(now),
        updated_at: rfc3339(now),
        last_used_at: None,
        last_rotated_at: None,
        roles: vec![role],
    };
    let tokens = &mut state.astro.organizations[org].tokens;
    tokens.push(token);
    tokens.len() - 1
}

/// A fresh value for a token: only its digest and short form are kept.
fn new_value(state: &mut SandboxState, org: usize, index: usize) -> String {
    let value = format!("astro_sbx_{}", state.random_alnum(40));
    let token = &mut state.astro.organizations[org].tokens[index];
    token.value_sha256 = sha256_hex(&value);
    token.short_token = value.chars().skip(value.len().saturating_sub(7)).collect();
    value
}

fn update(state: &mut SandboxState, call: &Call, org: usize, index: usize) -> HttpResponse {
    let Ok(body) = call.json() else {
        return error(400, "Invalid request body", Vec::new());
    };
    let name = body
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or("")
        .trim();
    if name.is_empty() {
        let problems = vec![field("required", "name", "name is required")];
        return error(400, "Invalid request", problems);
    }
    let token = &mut state.astro.organizations[org].tokens[index];
    token.name = name.to_string();
    if let Some(description) = body.get("description").and_then(Value::as_str) {
        token.description = description.to_string();
    }
    token.updated_at = rfc3339(call.now);
    json(200, &render(state, org, index, None))
}

fn set_roles(state: &mut SandboxState, call: &Call, org: usize, index: usize) -> HttpResponse {
    let Ok(body) = call.json() else {
        return error(400, "Invalid request body", Vec::new());
    };
    let Some(items) = body.get("roles").and_then(Value::as_array) else {
        let problems = vec![field("required", "roles", "roles is required")];
        return error(400, "Invalid request", problems);
    };
    let mut roles = Vec::new();
    for item in items {
        let text = |name: &str| item.get(name).and_then(Value::as_str).map(str::to_string);
        let (Some(role), Some(entity_id), Some(entity_type)) =
            (text("role"), text("entityId"), text("entityType"))
        else {
            let message = "each role needs role, entityId and entityType";
            return error(
                400,
                "Invalid request",
                vec![field("required", "roles", message)],
            );
        };
        roles.push(AstroRole {
            role,
            entity_id,
            entity_type,
            deployment_id: text("deploymentId"),
        });
    }
    let token = &mut state.astro.organizations[org].tokens[index];
    token.roles = roles;
    token.updated_at = rfc3339(call.now);
    json(200, &render(state, org, index, None))
}

fn rotate(state: &mut SandboxState, call: &Call, org: usize, index: usize) -> HttpResponse {
    let value = new_value(state, org, index);
    let token = &mut state.astro.organizations[org].tokens[index];
    token.last_rotated_at = Some(rfc3339(call.now));
    token.updated_at = rfc3339(call.now);
    json(200, &render(state, org, index, Some(&value)))
}

/// `ApiToken`, with `token` only when a value was just made.
pub(super) fn seed_token(state: &mut SandboxState, now: u64) {
    let role = AstroRole {
        role: "DEPLOYMENT_ADMIN".into(),
        entity_id: "dep-sandbox".into(),
        entity_type: "DEPLOYMENT".into(),
        deployment_id: None,
    };
    let index = add_token(
        state,
        0,
        "ci-deploy",
        "Deploys from CI",
        "DEPLOYMENT",
        "STANDARD",
        None,
        role,
        now,
    );
    new_value(state, 0, index);
}
