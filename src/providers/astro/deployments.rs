//! The Deployments of an organization (`GET /organizations/{org}/deployments`,
//! `DeploymentsPaginated`: offset/limit paging like the token list), so the
//! page offers them by name instead of asking for an id. Only where the
//! token's role allows: a 403 or 404 means "type the id instead".

use serde_json::Value;

use super::parse::parse_error;
use super::Astro;
use crate::providers::http::path_segment;
use crate::providers::json::{number, success_document};
use crate::providers::{ApiError, HttpRequest, HttpResponse, Method};

/// One Deployment as the list gives it.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct AstroDeployment {
    pub id: String,
    pub name: String,
    pub workspace_id: Option<String>,
    pub workspace_name: Option<String>,
    /// `HEALTHY`, `UNHEALTHY`, `CREATING`, `HIBERNATING`, … as sent.
    pub status: Option<String>,
}

/// One page of Deployments.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct DeploymentPage {
    pub deployments: Vec<AstroDeployment>,
    pub total_count: u64,
    /// The offset of the next page, or `None` on the last one.
    pub next_offset: Option<u64>,
}

/// Said when the token may not list Deployments: the page then asks for
/// the id.
const CANNOT_LIST: &str = "This token may not list the organization's Deployments (its role \
     does not allow it, or the Organization ID is wrong): type the Deployment ID instead; it is \
     on the Deployment's page in the Astro UI.";

impl Astro {
    /// One page of the Deployments of `organization_id`.
    pub fn list_deployments(
        &self,
        token: &str,
        organization_id: &str,
        offset: u32,
        limit: u32,
    ) -> Result<HttpRequest, ApiError> {
        let org = path_segment("organization ID", organization_id)?;
        let path = format!(
            "organizations/{org}/deployments?offset={offset}&limit={}",
            limit.max(1)
        );
        Ok(self.request(Method::Get, &path, token))
    }
}

/// `GET /organizations/{org}/deployments`.
pub fn parse_deployment_page(response: &HttpResponse) -> Result<DeploymentPage, ApiError> {
    let document = success_document(response, |r| {
        let mut error = parse_error(r);
        if matches!(r.status, 403 | 404) {
            error.explanation = CANNOT_LIST.to_string();
        }
        error
    })?;
    let Some(items) = document.get("deployments").and_then(Value::as_array) else {
        return Err(ApiError::unexpected(
            response.status,
            "the Deployment list has no `deployments` array",
        ));
    };
    let deployments: Vec<AstroDeployment> = items.iter().filter_map(deployment).collect();
    let offset = document.get("offset").and_then(number).unwrap_or(0);
    let count = items.len() as u64;
    let total_count = document
        .get("totalCount")
        .and_then(number)
        .unwrap_or(offset + count);
    let next = offset.saturating_add(count);
    Ok(DeploymentPage {
        deployments,
        total_count,
        next_offset: (count > 0 && next < total_count).then_some(next),
    })
}

/// One `Deployment`; `None` without an id. A missing name reads as the id.
fn deployment(object: &Value) -> Option<AstroDeployment> {
    let text = |key: &str| {
        object
            .get(key)
            .and_then(Value::as_str)
            .map(str::trim)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    let id = text("id")?;
    Some(AstroDeployment {
        name: text("name").unwrap_or_else(|| id.clone()),
        id,
        workspace_id: text("workspaceId"),
        workspace_name: text("workspaceName"),
        status: text("status"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn the_request_names_the_organization_and_pages() {
        let request = Astro::astronomer()
            .list_deployments("secret", "clorg 1", 0, 0)
            .expect("a request");
        assert_eq!(request.method, Method::Get);
        assert_eq!(
            request.url,
            "https://api.astronomer.io/v1/organizations/clorg%201/deployments?offset=0&limit=1"
        );
        assert_eq!(request.header_value("Authorization"), Some("Bearer secret"));
        assert!(Astro::astronomer()
            .list_deployments("t", " ", 0, 20)
            .is_err());
    }

    #[test]
    fn a_page_gives_ids_names_workspaces_and_the_next_offset() {
        let body = json!({
            "deployments": [
                {"id": "cldep1", "name": "prod", "workspaceId": "clws1",
                 "workspaceName": "Data", "status": "HEALTHY", "runtimeVersion": "12.1.0"},
                {"id": "cldep2"},
                {"name": "no id"},
            ],
            "totalCount": 5, "offset": 0, "limit": 3,
        });
        let page = parse_deployment_page(&HttpResponse::new(200, body.to_string())).expect("ok");
        assert_eq!(page.deployments.len(), 2);
        assert_eq!(page.deployments[0].name, "prod");
        assert_eq!(page.deployments[0].workspace_id.as_deref(), Some("clws1"));
        assert_eq!(page.deployments[0].workspace_name.as_deref(), Some("Data"));
        assert_eq!(page.deployments[0].status.as_deref(), Some("HEALTHY"));
        assert_eq!(
            page.deployments[1].name, "cldep2",
            "a nameless one shows its id"
        );
        assert_eq!(page.total_count, 5);
        assert_eq!(page.next_offset, Some(3));
    }

    #[test]
    fn a_refusal_says_to_type_the_id() {
        for status in [403, 404] {
            let body = json!({"message": "forbidden", "statusCode": status});
            let error = parse_deployment_page(&HttpResponse::new(status, body.to_string()))
                .expect_err("refused");
            assert_eq!(error.status, status);
            assert!(
                error.explanation.contains("type the Deployment ID"),
                "{error}"
            );
        }
        let error = parse_deployment_page(&HttpResponse::new(401, "{}")).expect_err("401");
        assert!(!error.explanation.contains("type the Deployment ID"));
        assert!(parse_deployment_page(&HttpResponse::new(200, "{}")).is_err());
    }
}
