//! Rotation with overlap: a second token made like an existing one (same
//! scope and entity, role(s), description, kind and expiry period), so both
//! work until the old one is deleted, unlike `rotate`, which stops the old
//! value at once.

use super::parse::parse_error;
use super::{token_path, Astro, DEPLOYMENT_EXPIRY_DAYS};
use crate::inventory::parse_rfc3339;
use crate::providers::http::path_segment;
use crate::providers::json::success_document;
use crate::providers::{ApiError, HttpRequest, HttpResponse, Method};
use serde_json::{json, Value};
use std::ops::RangeInclusive;

/// Organization and Workspace tokens may last longer than Deployment ones
/// (the CLI's rule).
const OTHER_EXPIRY_DAYS: RangeInclusive<u32> = 1..=3650;

/// One of a token's roles (`ApiTokenRole`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenRole {
    pub role: String,
    pub entity_id: String,
    pub entity_type: String,
    pub deployment_id: Option<String>,
}

/// What a new token needs to be like an existing one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenTemplate {
    pub name: String,
    pub description: String,
    /// `ORGANIZATION`, `WORKSPACE` or `DEPLOYMENT`.
    pub scope: String,
    /// The Workspace or Deployment ID of the scope; empty for ORGANIZATION.
    pub entity_id: String,
    /// The role on the scope's entity: the one create takes.
    pub role: String,
    /// Every role the token holds; more than the one create sets are added
    /// through `/roles`.
    pub roles: Vec<TokenRole>,
    /// `STANDARD` or `DIRECT_ACCESS`; `None` leaves Astro's default.
    pub kind: Option<String>,
    /// `None`: never expires.
    pub expiry_days: Option<u32>,
    /// True when the answer had no `expiryPeriodInDays` and the period was
    /// derived from `startAt` (else `createdAt`) to `endAt`.
    pub expiry_derived: bool,
}

impl TokenTemplate {
    /// True when create alone cannot give the new token every role.
    pub fn needs_roles_call(&self) -> bool {
        self.roles.len() > 1
    }
}

/// `GET …/tokens/{id}` read as a template for its replacement.
pub fn parse_template(response: &HttpResponse) -> Result<TokenTemplate, ApiError> {
    let document = success_document(response, parse_error)?;
    let unreadable = |what: &str| ApiError::unexpected(response.status, what);
    let text = |key: &str| document.get(key).and_then(Value::as_str).unwrap_or("");
    let roles: Vec<TokenRole> = document
        .get("roles")
        .and_then(Value::as_array)
        .map(|roles| roles.iter().filter_map(token_role).collect())
        .unwrap_or_default();
    let scope = text("scope").to_string();
    let primary = roles
        .iter()
        .find(|r| r.entity_type == scope)
        .ok_or_else(|| unreadable("the token has no role on its own scope"))?;
    let entity_id = match scope.as_str() {
        "ORGANIZATION" => String::new(),
        _ => primary.entity_id.clone(),
    };
    let (expiry_days, expiry_derived) = match document.get("expiryPeriodInDays") {
        Some(days) if !days.is_null() => {
            let days = crate::providers::json::number(days)
                .and_then(|d| u32::try_from(d).ok())
                .ok_or_else(|| unreadable("the expiry period is not a number of days"))?;
            (Some(days), false)
        }
        _ => {
            let start = Some(text("startAt")).filter(|s| !s.is_empty());
            (
                derived_days(start.unwrap_or(text("createdAt")), text("endAt")),
                true,
            )
        }
    };
    Ok(TokenTemplate {
        name: text("name").to_string(),
        description: text("description").to_string(),
        role: primary.role.clone(),
        entity_id,
        scope,
        kind: Some(text("kind").to_string()).filter(|k| !k.is_empty()),
        roles,
        expiry_days,
        expiry_derived: expiry_derived && expiry_days.is_some(),
    })
}

/// Whole days from `start` to `end`, rounded to the nearest (at least 1);
/// `None` without an end: the token never expires.
fn derived_days(start: &str, end: &str) -> Option<u32> {
    if end.trim().is_empty() {
        return None;
    }
    let (start, end) = (parse_rfc3339(start)?, parse_rfc3339(end)?);
    let days = (end - start + 43_200).div_euclid(86_400).max(1);
    u32::try_from(days).ok()
}

fn token_role(value: &Value) -> Option<TokenRole> {
    let text = |key: &str| {
        value
            .get(key)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    Some(TokenRole {
        role: text("role")?,
        entity_id: text("entityId")?,
        entity_type: text("entityType")?,
        deployment_id: text("deploymentId"),
    })
}

/// The replacement's name: `old` with ` (rotated YYYY-MM-DD)`, replacing
/// the date of an earlier rotation rather than adding a second one.
pub fn rotated_name(old: &str, date: &str) -> String {
    let base = match old.trim_end().rsplit_once(" (rotated ") {
        Some((base, tail)) if tail.ends_with(')') => base,
        _ => old.trim_end(),
    };
    format!("{base} (rotated {date})")
}

impl Astro {
    /// Creates a token like `template` (its scope, entity, role, kind,
    /// description and expiry period) named `name`. A period the scope
    /// does not allow is refused here, before anything is sent.
    pub fn create_like(
        &self,
        token: &str,
        organization_id: &str,
        template: &TokenTemplate,
        name: &str,
    ) -> Result<HttpRequest, ApiError> {
        let org = path_segment("organization ID", organization_id)?;
        let name = crate::providers::json::required("name", name, "The name is required.")?;
        let mut body = json!({
            "name": name,
            "description": template.description,
            "role": template.role,
            "scope": template.scope,
        });
        if !template.entity_id.is_empty() {
            body["entityId"] = json!(template.entity_id);
        }
        if let Some(kind) = &template.kind {
            body["kind"] = json!(kind);
        }
        if let Some(days) = template.expiry_days {
            let allowed = match template.scope.as_str() {
                "DEPLOYMENT" => DEPLOYMENT_EXPIRY_DAYS,
                _ => OTHER_EXPIRY_DAYS,
            };
            if !allowed.contains(&days) {
                return Err(ApiError::refused_input(
                    "tokenExpiryPeriodInDays",
                    &format!(
                        "The old token's period of {days} days is more than Astro allows for a \
                         new {} token ({} days at most).",
                        template.scope.to_lowercase(),
                        allowed.end()
                    ),
                ));
            }
            body["tokenExpiryPeriodInDays"] = days.into();
        }
        Ok(self
            .request(Method::Post, &format!("organizations/{org}/tokens"), token)
            .json_body("application/json", &body))
    }

    /// Sets every role of a token (`POST …/tokens/{id}/roles`).
    pub fn set_token_roles(
        &self,
        token: &str,
        organization_id: &str,
        token_id: &str,
        roles: &[TokenRole],
    ) -> Result<HttpRequest, ApiError> {
        let path = token_path(organization_id, token_id)? + "/roles";
        let roles: Vec<Value> = roles
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
        Ok(self
            .request(Method::Post, &path, token)
            .json_body("application/json", &json!({ "roles": roles })))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(body: Value) -> HttpResponse {
        HttpResponse::new(200, body.to_string())
    }

    fn deployment_token(extra: Value) -> Value {
        let mut token = json!({
            "id": "cm1", "name": "ci", "description": "Deploys", "scope": "DEPLOYMENT",
            "kind": "STANDARD", "createdAt": "2026-01-01T00:00:00Z",
            "startAt": "2026-01-01T00:00:00Z",
            "roles": [{"role": "DEPLOYMENT_ADMIN", "entityId": "dep-1", "entityType": "DEPLOYMENT"}],
        });
        for (key, value) in extra.as_object().into_iter().flatten() {
            token[key] = value.clone();
        }
        token
    }

    #[test]
    fn the_period_is_read_from_the_answer() {
        let body =
            deployment_token(json!({"expiryPeriodInDays": 30, "endAt": "2026-01-31T00:00:00Z"}));
        let template = parse_template(&answer(body)).unwrap();
        assert_eq!(template.scope, "DEPLOYMENT");
        assert_eq!(template.entity_id, "dep-1");
        assert_eq!(template.role, "DEPLOYMENT_ADMIN");
        assert_eq!(template.expiry_days, Some(30));
        assert!(!template.expiry_derived);
        assert!(!template.needs_roles_call());
    }

    #[test]
    fn without_the_period_it_is_derived_and_without_an_end_it_never_expires() {
        let body = deployment_token(json!({"endAt": "2026-04-01T06:00:00Z"}));
        let template = parse_template(&answer(body)).unwrap();
        assert_eq!(template.expiry_days, Some(90));
        assert!(template.expiry_derived);
        let never = parse_template(&answer(deployment_token(json!({})))).unwrap();
        assert_eq!(never.expiry_days, None);
        assert!(!never.expiry_derived);
    }

    #[test]
    fn a_token_without_a_role_on_its_scope_is_not_copied_blindly() {
        let body = deployment_token(json!({"roles": []}));
        assert!(parse_template(&answer(body)).is_err());
        let refused = HttpResponse::new(404, r#"{"message":"API token not found"}"#);
        assert_eq!(parse_template(&refused).unwrap_err().status, 404);
    }

    #[test]
    fn the_new_token_is_asked_for_like_the_old() {
        let body = deployment_token(json!({"expiryPeriodInDays": 30}));
        let template = parse_template(&answer(body)).unwrap();
        let astro = Astro::new("https://api.example/v1");
        let request = astro
            .create_like("t", "org-1", &template, "ci (rotated 2026-12-03)")
            .unwrap();
        assert_eq!(
            request.url,
            "https://api.example/v1/organizations/org-1/tokens"
        );
        let sent: Value = serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
        assert_eq!(
            sent,
            json!({"name": "ci (rotated 2026-12-03)", "description": "Deploys",
                   "role": "DEPLOYMENT_ADMIN", "scope": "DEPLOYMENT", "entityId": "dep-1",
                   "kind": "STANDARD", "tokenExpiryPeriodInDays": 30})
        );
        let never = TokenTemplate {
            expiry_days: None,
            ..template.clone()
        };
        let request = astro.create_like("t", "org-1", &never, "ci 2").unwrap();
        assert!(!request.body.unwrap().contains("tokenExpiryPeriodInDays"));
        let too_long = TokenTemplate {
            expiry_days: Some(400),
            ..template
        };
        assert!(astro.create_like("t", "org-1", &too_long, "ci 2").is_err());
    }

    #[test]
    fn a_workspace_token_keeps_its_extra_roles() {
        let body = deployment_token(json!({
            "scope": "WORKSPACE",
            "roles": [
                {"role": "WORKSPACE_OPERATOR", "entityId": "ws-1", "entityType": "WORKSPACE"},
                {"role": "DEPLOYMENT_ADMIN", "entityId": "dep-1", "entityType": "DEPLOYMENT"},
            ],
        }));
        let template = parse_template(&answer(body)).unwrap();
        assert_eq!(
            (template.role.as_str(), template.entity_id.as_str()),
            ("WORKSPACE_OPERATOR", "ws-1")
        );
        assert!(template.needs_roles_call());
        let request = Astro::new("https://a/v1")
            .set_token_roles("t", "org-1", "cm2", &template.roles)
            .unwrap();
        assert_eq!(
            request.url,
            "https://a/v1/organizations/org-1/tokens/cm2/roles"
        );
        let sent: Value = serde_json::from_str(request.body.as_deref().unwrap()).unwrap();
        assert_eq!(sent["roles"].as_array().map(Vec::len), Some(2));
    }

    #[test]
    fn names_say_the_rotation_once() {
        assert_eq!(rotated_name("ci", "2026-12-03"), "ci (rotated 2026-12-03)");
        assert_eq!(
            rotated_name("ci (rotated 2026-01-01)", "2026-12-03"),
            "ci (rotated 2026-12-03)"
        );
    }
}
