//! The emulated TFE's workspaces and their `ssh-key` relationship
//! (providers.md §2 and §6; go-tfe's `Workspace` model): the list of an
//! organization's workspaces, one workspace, and
//! `PATCH /workspaces/{id}/relationships/ssh-key`, which points a
//! workspace at one of its organization's SSH keys or, with `"id": null`,
//! at none.
//!
//! Same rules as the rest of TFE here: a workspace in an organization the
//! user cannot see is 404, never 403.

use super::super::state::{rfc3339, sha256_hex, SandboxState, TfeOrganization, TfeWorkspace};
use super::super::Call;
use super::{document, error_with, invalid, not_found, paged};
use crate::providers::http::HttpResponse;
use serde_json::{json, Value};

/// `GET /organizations/{org}/workspaces`: always paged (20 a page unless
/// asked, at most 100), sorted by name as TFE sorts by default.
pub(super) fn list(state: &SandboxState, call: &Call, org: &str) -> HttpResponse {
    let Some(org) = state
        .tfe
        .organizations
        .iter()
        .find(|o| o.member && o.name == org)
    else {
        return not_found();
    };
    let mut workspaces: Vec<&TfeWorkspace> = org.workspaces.iter().collect();
    workspaces.sort_by(|a, b| a.name.cmp(&b.name));
    let all = workspaces
        .into_iter()
        .map(|w| resource(call, &org.name, w))
        .collect();
    paged(
        call,
        all,
        &format!("/organizations/{}/workspaces", org.name),
    )
}

/// `GET /workspaces/{id}`.
pub(super) fn show(state: &SandboxState, call: &Call, id: &str) -> HttpResponse {
    match find(state, id) {
        Some((o, w)) => {
            let org = &state.tfe.organizations[o];
            document(
                200,
                &json!({"data": resource(call, &org.name, &org.workspaces[w])}),
            )
        }
        None => not_found(),
    }
}

/// `PATCH /workspaces/{id}/relationships/ssh-key` with
/// `{"data":{"type":"workspaces","attributes":{"id":"sshkey-…"|null}}}`:
/// 200 with the workspace; 422 (pointer `/data/attributes/id`) for a key
/// that is not one of the workspace's organization's SSH keys.
pub(super) fn assign(state: &mut SandboxState, call: &Call, id: &str) -> HttpResponse {
    let Some((o, w)) = find(state, id) else {
        return not_found();
    };
    let key_id = match requested_key(call) {
        Ok(key_id) => key_id,
        Err(response) => return response,
    };
    let org = &mut state.tfe.organizations[o];
    if let Some(key_id) = &key_id {
        if !org.ssh_keys.iter().any(|k| &k.id == key_id) {
            return invalid(&[("Ssh key not found", "/data/attributes/id")]);
        }
    }
    let workspace = &mut org.workspaces[w];
    workspace.ssh_key_id = key_id;
    workspace.updated_at = rfc3339(call.now);
    document(200, &json!({"data": resource(call, &org.name, workspace)}))
}

/// A deleted SSH key leaves the workspaces that used it with no key. We
/// assume TFE does the same (providers.md does not say): a workspace never
/// names a key that is gone.
pub(super) fn forget_key(org: &mut TfeOrganization, key_id: &str) {
    for workspace in &mut org.workspaces {
        if workspace.ssh_key_id.as_deref() == Some(key_id) {
            workspace.ssh_key_id = None;
        }
    }
}

/// The first-visit workspaces: `acme` has two using its seeded key
/// `deploy-key` and one with none, so a rotation has something to move;
/// `initech` has two with none (it has no key); `globex`, which the user
/// cannot see, has one, for the 404s. Ids come from the names, not from
/// the generator, so every other seeded value stays what it was.
pub(in crate::providers::sandbox) fn seed(state: &mut SandboxState) {
    let created = rfc3339(super::super::state::SEED_TIME);
    for org in &mut state.tfe.organizations {
        let key = org.ssh_keys.first().map(|k| k.id.clone());
        let names: &[(&str, bool)] = match org.name.as_str() {
            "acme" => &[
                ("networking", true),
                ("app-production", true),
                ("scratch", false),
            ],
            "initech" => &[("tps-reports", false), ("billing", false)],
            "globex" => &[("hidden-infra", false)],
            _ => &[],
        };
        for (name, uses_key) in names {
            let digest = sha256_hex(&format!("workspace {}/{name}", org.name));
            org.workspaces.push(TfeWorkspace {
                id: format!("ws-{}", &digest[..16]),
                name: (*name).to_string(),
                ssh_key_id: key.clone().filter(|_| *uses_key),
                created_at: created.clone(),
                updated_at: created.clone(),
            });
        }
    }
}

/// `(organization, workspace)` indexes of workspace `id`, if the user may
/// see its organization.
fn find(state: &SandboxState, id: &str) -> Option<(usize, usize)> {
    state
        .tfe
        .organizations
        .iter()
        .enumerate()
        .filter(|(_, org)| org.member)
        .find_map(|(o, org)| Some((o, org.workspaces.iter().position(|w| w.id == id)?)))
}

/// The key id a relationship PATCH asks for: `Ok(None)` for `null`.
fn requested_key(call: &Call) -> Result<Option<String>, HttpResponse> {
    let Ok(body) = call.json() else {
        return Err(error_with(
            400,
            "bad request",
            "The request body is not valid JSON.",
            None,
        ));
    };
    let data = body.get("data");
    if data.and_then(|d| d.get("type")).and_then(Value::as_str) != Some("workspaces") {
        return Err(invalid(&[("Type must be workspaces", "/data/type")]));
    }
    match data.and_then(|d| d.pointer("/attributes/id")) {
        Some(Value::Null) => Ok(None),
        Some(Value::String(id)) if !id.trim().is_empty() => Ok(Some(id.trim().to_string())),
        _ => Err(invalid(&[(
            "Id must be an SSH key id, or null to unassign",
            "/data/attributes/id",
        )])),
    }
}

/// A workspace as TFE shows it: a few of its many attributes, its
/// organization and its `ssh-key` relationship (`data: null` when none).
fn resource(call: &Call, org: &str, workspace: &TfeWorkspace) -> Value {
    let ssh_key = workspace
        .ssh_key_id
        .as_ref()
        .map(|id| json!({"id": id, "type": "ssh-keys"}));
    json!({
        "id": workspace.id,
        "type": "workspaces",
        "attributes": {
            "name": workspace.name,
            "created-at": workspace.created_at,
            "updated-at": workspace.updated_at,
            "description": null,
            "auto-apply": false,
            "execution-mode": "remote",
            "locked": false,
            "resource-count": 0,
            "terraform-version": "1.9.8",
            "vcs-repo": null,
            "working-directory": "",
            "permissions": {"can-update": true, "can-read-settings": true, "can-destroy": true},
        },
        "relationships": {
            "organization": {"data": {"id": org, "type": "organizations"}},
            "ssh-key": {"data": ssh_key},
        },
        "links": {
            "self": format!("{}/organizations/{org}/workspaces/{}", call.base, workspace.name),
            "self-html": format!("/app/{org}/workspaces/{}", workspace.name),
        },
    })
}
