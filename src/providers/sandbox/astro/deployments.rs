//! `GET /organizations/{org}/deployments`: `DeploymentsPaginated`, with the
//! same offset/limit paging as the token list.

use super::super::state::SandboxState;
use super::super::{json, Call};
use super::{error, offset_limit};
use crate::providers::http::HttpResponse;
use serde_json::{json, Value};

pub(super) fn list(state: &SandboxState, call: &Call, org: usize) -> HttpResponse {
    let Some((offset, limit)) = offset_limit(call) else {
        return error(400, "Invalid query parameters", Vec::new());
    };
    let organization = &state.astro.organizations[org];
    let workspace = call.query("workspaceIds").or(call.query("workspaceId"));
    let matching: Vec<_> = organization
        .deployments
        .iter()
        .filter(|d| workspace.is_none_or(|w| d.workspace_id == w))
        .collect();
    let page: Vec<Value> = matching
        .iter()
        .skip(usize::try_from(offset).unwrap_or(usize::MAX))
        .take(usize::try_from(limit).unwrap_or(usize::MAX))
        .map(|d| {
            json!({
                "id": d.id,
                "name": d.name,
                "organizationId": organization.id,
                "workspaceId": d.workspace_id,
                "workspaceName": d.workspace_id,
                "status": "HEALTHY",
                "namespace": format!("sandbox-{}", d.id),
                "isCicdEnforced": false,
                "isDagDeployEnabled": true,
                "runtimeVersion": "12.1.0",
                "type": "STANDARD",
            })
        })
        .collect();
    json(
        200,
        &json!({
            "deployments": page,
            "totalCount": matching.len(),
            "offset": offset,
            "limit": limit,
        }),
    )
}
