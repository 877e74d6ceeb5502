//! The emulated HCP Terraform / Terraform Enterprise API under
//! `/tfe/api/v2`: account details, the user's organizations and their SSH
//! keys, in JSON:API; workspaces and their SSH key in `tfe/workspaces.rs`.
//!
//! Rules as the real service: 401 only for a missing or wrong token; an
//! unknown organization, or one the user cannot see, is 404 (never 403).
//! Organization tokens are not modelled. A key value must be an unencrypted
//! private key in PEM armour (checked with the key engine, then dropped: the
//! sandbox never stores it, as TFE never returns it). PATCH accepts a new
//! `value` as older TFE releases did (current HCP Terraform documents name
//! only); the same rule applies to it.

mod workspaces;

pub(super) use workspaces::seed as seed_workspaces;

use super::state::{SandboxState, TfeSshKey};
use super::Call;
use crate::keys::{self, Kind};
use crate::providers::http::{HttpResponse, Method};
use serde_json::{json, Value};

const CONTENT_TYPE: &str = "application/vnd.api+json";

pub(super) fn handle(state: &mut SandboxState, call: &Call) -> HttpResponse {
    match call.token() {
        Some(token) if !token.is_empty() && token == state.access_token => {}
        _ => return error(401, "unauthorized"),
    }
    let path = call.path();
    match (call.method, path.as_slice()) {
        (Method::Get, ["account", "details"]) => {
            let tfe = &state.tfe;
            let body = json!({"data": {
                "id": tfe.user_id,
                "type": "users",
                "attributes": {
                    "username": tfe.username,
                    "email": tfe.email,
                    "is-service-account": false,
                    "avatar-url": "https://www.gravatar.com/avatar/sandbox",
                    "v2-only": false,
                    "is-site-admin": false,
                    "two-factor": {"enabled": false, "verified": false},
                },
                // Real TFE names the token's owner here (user, team or organization).
                "relationships": {"authenticated-resource": {"data": {"id": tfe.user_id, "type": "users"}}},
                "links": {"self": call.url(&format!("/users/{}", tfe.user_id))},
            }});
            document(200, &body)
        }
        (Method::Get, ["organizations"]) => organizations(state, call),
        (method, ["organizations", org, "ssh-keys"]) => {
            let Some(index) = state
                .tfe
                .organizations
                .iter()
                .position(|o| o.member && o.name == *org)
            else {
                return not_found();
            };
            match method {
                Method::Get => list(state, call, index),
                Method::Post => create(state, call, index),
                _ => not_found(),
            }
        }
        (method, ["ssh-keys", id]) => {
            let found = state
                .tfe
                .organizations
                .iter()
                .enumerate()
                .find_map(|(o, org)| {
                    let k = org.ssh_keys.iter().position(|k| k.id == *id)?;
                    org.member.then_some((o, k))
                });
            let Some((o, k)) = found else {
                return not_found();
            };
            match method {
                Method::Get => {
                    let key = &state.tfe.organizations[o].ssh_keys[k];
                    document(200, &json!({"data": resource(call, key)}))
                }
                Method::Patch => update(state, call, o, k),
                Method::Delete => {
                    let org = &mut state.tfe.organizations[o];
                    org.ssh_keys.remove(k);
                    workspaces::forget_key(org, id);
                    HttpResponse::new(204, "")
                }
                _ => not_found(),
            }
        }
        (Method::Get, ["organizations", org, "workspaces"]) => workspaces::list(state, call, org),
        (Method::Get, ["workspaces", id]) => workspaces::show(state, call, id),
        (Method::Patch, ["workspaces", id, "relationships", "ssh-key"]) => {
            workspaces::assign(state, call, id)
        }
        _ => not_found(),
    }
}

/// Every key when neither page parameter is given (as TFE does for this
/// list), else one JSON:API page with `links` and `meta.pagination`.
fn list(state: &SandboxState, call: &Call, index: usize) -> HttpResponse {
    let org = &state.tfe.organizations[index];
    let all: Vec<Value> = org.ssh_keys.iter().map(|k| resource(call, k)).collect();
    if call.query("page[number]").is_none() && call.query("page[size]").is_none() {
        return document(200, &json!({ "data": all }));
    }
    paged(call, all, &format!("/organizations/{}/ssh-keys", org.name))
}

/// `GET /organizations`: the organizations the token's user belongs to,
/// always paginated (20 a page unless asked), as TFE lists them.
fn organizations(state: &SandboxState, call: &Call) -> HttpResponse {
    let tfe = &state.tfe;
    let all: Vec<Value> = tfe
        .organizations
        .iter()
        .filter(|o| o.member)
        .map(|o| {
            json!({
                "id": o.name,
                "type": "organizations",
                "attributes": {
                    "name": o.name,
                    "email": tfe.email,
                    "external-id": format!("org-{}", &super::state::sha256_hex(&o.name)[..16]),
                    "created-at": "2024-01-01T00:00:00.000Z",
                    "permissions": {"can-update": true, "can-manage-vcs-settings": true},
                },
                "links": {"self": format!("/api/v2/organizations/{}", o.name)},
            })
        })
        .collect();
    paged(call, all, "/organizations")
}

/// One JSON:API page of `all` (`page[number]`, `page[size]`: 20 by
/// default, at most 100), with `links` built on `path` and
/// `meta.pagination`.
fn paged(call: &Call, all: Vec<Value>, path: &str) -> HttpResponse {
    let positive = |v: Option<&str>| v.and_then(|v| v.parse::<u64>().ok()).filter(|n| *n > 0);
    let size = positive(call.query("page[size]")).unwrap_or(20).min(100);
    let page = positive(call.query("page[number]")).unwrap_or(1);
    let total = all.len() as u64;
    let pages = total.div_ceil(size).max(1);
    let start = usize::try_from(page.saturating_sub(1).saturating_mul(size)).unwrap_or(usize::MAX);
    let data: Vec<Value> = all.into_iter().skip(start).take(size as usize).collect();
    let link = |n: u64| {
        call.url(&format!(
            "{path}?page%5Bnumber%5D={n}&page%5Bsize%5D={size}"
        ))
    };
    let prev = (page > 1).then(|| page - 1);
    let next = (page < pages).then(|| page + 1);
    let body = json!({
        "data": data,
        "links": {
            "self": link(page),
            "first": link(1),
            "prev": prev.map(link),
            "next": next.map(link),
            "last": link(pages),
        },
        "meta": {"pagination": {
            "current-page": page,
            "page-size": size,
            "prev-page": prev,
            "next-page": next,
            "total-pages": pages,
            "total-count": total,
        }},
    });
    document(200, &body)
}

fn create(state: &mut SandboxState, call: &Call, index: usize) -> HttpResponse {
    let attributes = match attributes(call) {
        Ok(attributes) => attributes,
        Err(response) => return response,
    };
    let org = &state.tfe.organizations[index];
    let mut problems = Vec::new();
    let name = attributes.get("name").and_then(Value::as_str).unwrap_or("");
    if name.trim().is_empty() {
        problems.push(("Name can't be blank", "/data/attributes/name"));
    } else if org.ssh_keys.iter().any(|k| k.name == name) {
        problems.push(("Name has already been taken", "/data/attributes/name"));
    }
    match attributes.get("value").and_then(Value::as_str) {
        None | Some("") => problems.push(("Value can't be blank", "/data/attributes/value")),
        Some(value) if !usable_private_key(value) => problems.push((
            "Value must be a PEM-formatted private key without a passphrase",
            "/data/attributes/value",
        )),
        Some(_) => {}
    }
    if !problems.is_empty() {
        return invalid(&problems);
    }
    let key = TfeSshKey {
        id: state.prefixed_id("sshkey-", 16),
        name: name.to_string(),
    };
    let body = json!({ "data": resource(call, &key) });
    state.tfe.organizations[index].ssh_keys.push(key);
    document(201, &body)
}

fn update(state: &mut SandboxState, call: &Call, o: usize, k: usize) -> HttpResponse {
    let attributes = match attributes(call) {
        Ok(attributes) => attributes,
        Err(response) => return response,
    };
    let mut problems = Vec::new();
    let name = attributes.get("name").and_then(Value::as_str);
    if let Some(name) = name {
        let org = &state.tfe.organizations[o];
        if name.trim().is_empty() {
            problems.push(("Name can't be blank", "/data/attributes/name"));
        } else if org
            .ssh_keys
            .iter()
            .enumerate()
            .any(|(i, key)| i != k && key.name == name)
        {
            problems.push(("Name has already been taken", "/data/attributes/name"));
        }
    }
    if let Some(value) = attributes.get("value") {
        if !value.as_str().is_some_and(usable_private_key) {
            problems.push((
                "Value must be a PEM-formatted private key without a passphrase",
                "/data/attributes/value",
            ));
        }
    }
    if !problems.is_empty() {
        return invalid(&problems);
    }
    let key = &mut state.tfe.organizations[o].ssh_keys[k];
    if let Some(name) = name {
        key.name = name.to_string();
    }
    document(200, &json!({ "data": resource(call, key) }))
}

/// `data.attributes` of a JSON:API body of type `ssh-keys`.
fn attributes(call: &Call) -> Result<serde_json::Map<String, Value>, HttpResponse> {
    let Ok(body) = call.json() else {
        return Err(error_with(
            400,
            "bad request",
            "The request body is not valid JSON.",
            None,
        ));
    };
    let data = body.get("data");
    if data.and_then(|d| d.get("type")).and_then(Value::as_str) != Some("ssh-keys") {
        return Err(invalid(&[("Type must be ssh-keys", "/data/type")]));
    }
    Ok(data
        .and_then(|d| d.get("attributes"))
        .and_then(Value::as_object)
        .cloned()
        .unwrap_or_default())
}

/// TFE's rule: a PEM-armoured private key with no passphrase.
fn usable_private_key(value: &str) -> bool {
    let findings = keys::inspect(value);
    value.trim_start().starts_with("-----BEGIN ")
        && findings.len() == 1
        && findings
            .iter()
            .all(|f| f.kind == Kind::Private && f.encrypted == Some(false))
}

fn resource(call: &Call, key: &TfeSshKey) -> Value {
    json!({
        "id": key.id,
        "type": "ssh-keys",
        "attributes": { "name": key.name },
        "links": { "self": format!("{}/ssh-keys/{}", call.base, key.id) },
    })
}

fn document(status: u16, body: &Value) -> HttpResponse {
    HttpResponse::new(status, body.to_string()).with_header("content-type", CONTENT_TYPE)
}

fn not_found() -> HttpResponse {
    error(404, "not found")
}

fn invalid(problems: &[(&str, &str)]) -> HttpResponse {
    let errors: Vec<Value> = problems
        .iter()
        .map(|(detail, pointer)| {
            json!({
                "status": "422",
                "title": "invalid attribute",
                "detail": detail,
                "source": { "pointer": pointer },
            })
        })
        .collect();
    document(422, &json!({ "errors": errors }))
}

/// A JSON:API error document. The 429 uses a numeric status, as TFE's own
/// example does.
pub(super) fn error(status: u16, title: &str) -> HttpResponse {
    if status == 429 {
        let body = json!({"errors": [{
            "detail": title,
            "status": 429,
            "title": "Too many requests",
        }]});
        return document(429, &body);
    }
    error_with(status, title, "", None)
}

fn error_with(status: u16, title: &str, detail: &str, pointer: Option<&str>) -> HttpResponse {
    let mut error = json!({ "status": status.to_string(), "title": title });
    if !detail.is_empty() {
        error["detail"] = json!(detail);
    }
    if let Some(pointer) = pointer {
        error["source"] = json!({ "pointer": pointer });
    }
    document(status, &json!({ "errors": [error] }))
}
