//! Workspaces and the SSH key each one clones modules with
//! (providers.md §2 and §6; go-tfe's `Workspace.SSHKey` relation). Rotating
//! a TFE key means: list the organization's workspaces, keep those whose
//! `ssh-key` relationship names the old key, and point each at the new one.

use serde_json::Value;

use super::errors::parse_error;
use super::records::{paging, Pagination};
use super::{PageRequest, Tfe, JSON_API, MAX_PAGE_SIZE};
use crate::providers::http::path_segment;
use crate::providers::json::{required, success_document};
use crate::providers::{ApiError, HttpRequest, HttpResponse, Method};

/// One workspace, reduced to what key rotation needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TfeWorkspace {
    /// `ws-…`: the id every workspace path takes.
    pub id: String,
    pub name: String,
    /// The `ssh-key` relationship: the id (`sshkey-…`) of the key the
    /// workspace uses, `None` when it uses none.
    pub ssh_key_id: Option<String>,
}

/// One page of an organization's workspaces.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct WorkspaceList {
    pub workspaces: Vec<TfeWorkspace>,
    pub pagination: Option<Pagination>,
    /// `links.next` as TFE sent it, if any.
    pub next_link: Option<String>,
}

impl WorkspaceList {
    /// The page number to ask for next, if there is one.
    pub fn next_page(&self) -> Option<u32> {
        self.pagination.as_ref().and_then(|p| p.next_page)
    }
}

impl Tfe {
    /// One page of the workspaces of `org` (TFE always pages this list: 20
    /// a page unless asked, at most 100); the brackets of `page[number]`
    /// and `page[size]` are percent-encoded as TFE's docs ask.
    pub fn list_workspaces_page(
        &self,
        token: &str,
        org: &str,
        page: PageRequest,
    ) -> Result<HttpRequest, ApiError> {
        let org = path_segment("organization", org)?;
        let number = page.number.max(1);
        let size = page.size.clamp(1, MAX_PAGE_SIZE);
        let path = format!(
            "organizations/{org}/workspaces?page%5Bnumber%5D={number}&page%5Bsize%5D={size}"
        );
        Ok(self.request(Method::Get, &path, token))
    }

    /// One workspace (`GET /workspaces/{id}`): read it with
    /// [`parse_workspace`], e.g. to see which key it uses now.
    pub fn get_workspace(&self, token: &str, workspace_id: &str) -> Result<HttpRequest, ApiError> {
        let workspace = path_segment("workspace ID", workspace_id)?;
        Ok(self.request(Method::Get, &format!("workspaces/{workspace}"), token))
    }

    /// Points workspace `workspace_id` at the SSH key `ssh_key_id`, or at
    /// none with `None` (TFE's unassign is the same PATCH with `"id": null`).
    /// TFE answers with the workspace: read it with [`parse_workspace`].
    pub fn assign_ssh_key(
        &self,
        token: &str,
        workspace_id: &str,
        ssh_key_id: Option<&str>,
    ) -> Result<HttpRequest, ApiError> {
        let workspace = path_segment("workspace ID", workspace_id)?;
        let key = match ssh_key_id {
            Some(id) => Some(required(
                "SSH key ID",
                id,
                "Choose the SSH key the workspace should use.",
            )?),
            None => None,
        };
        let body = serde_json::json!({
            "data": { "type": "workspaces", "attributes": { "id": key } }
        });
        Ok(self
            .request(
                Method::Patch,
                &format!("workspaces/{workspace}/relationships/ssh-key"),
                token,
            )
            .json_body(JSON_API, &body))
    }
}

/// `GET /organizations/{org}/workspaces`.
pub fn parse_workspace_list(response: &HttpResponse) -> Result<WorkspaceList, ApiError> {
    let document = success_document(response, workspace_error)?;
    let Some(items) = document.get("data").and_then(Value::as_array) else {
        return Err(ApiError::unexpected(
            response.status,
            "the workspace list has no `data` array",
        ));
    };
    let workspaces = items.iter().filter_map(workspace).collect();
    let (pagination, next_link) = paging(&document);
    Ok(WorkspaceList {
        workspaces,
        pagination,
        next_link,
    })
}

/// One workspace document: `GET /workspaces/{id}` or the answer to
/// [`Tfe::assign_ssh_key`].
pub fn parse_workspace(response: &HttpResponse) -> Result<TfeWorkspace, ApiError> {
    let document = success_document(response, workspace_error)?;
    document
        .get("data")
        .and_then(workspace)
        .ok_or_else(|| ApiError::unexpected(response.status, "the answer holds no workspace"))
}

/// TFE's error, explained for workspaces: the shared explanations speak of
/// uploading a key, which would mislead here.
fn workspace_error(response: &HttpResponse) -> ApiError {
    let mut error = parse_error(response);
    match response.status {
        404 => {
            error.explanation = "Not found, or this token may not see it: Terraform answers 404 \
                when the token lacks permission. Listing workspaces needs read access to them, \
                and changing a workspace's SSH key needs admin access to that workspace."
                .to_string();
        }
        422 => {
            error.explanation = "Terraform refused the SSH key for this workspace: the key must \
                be one of the SSH keys of the workspace's own organization."
                .to_string();
        }
        _ => {}
    }
    error
}

/// One `workspaces` resource object; `None` without a usable id.
fn workspace(object: &Value) -> Option<TfeWorkspace> {
    let id = object
        .get("id")
        .and_then(Value::as_str)
        .filter(|id| !id.is_empty())?;
    let text = |pointer: &str| {
        object
            .pointer(pointer)
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
    };
    Some(TfeWorkspace {
        id: id.to_string(),
        name: text("/attributes/name").unwrap_or_default(),
        ssh_key_id: text("/relationships/ssh-key/data/id"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const TOKEN: &str = "tfe-user-token.atlasv1.secret";

    fn tfe() -> Tfe {
        Tfe::hcp_terraform()
    }

    fn body(request: &HttpRequest) -> Value {
        serde_json::from_str(request.body.as_deref().unwrap_or("")).unwrap_or(Value::Null)
    }

    /// The shape of the docs' "List workspaces" sample answer, cut down:
    /// the fields Keyward reads plus a few it ignores (permissions,
    /// actions, other relationships, `status-counts`).
    const LIST: &str = r#"{
      "data": [
        {
          "id": "ws-SihZTyXKfNXUWuUa",
          "type": "workspaces",
          "attributes": {
            "allow-destroy-plan": true,
            "auto-apply": false,
            "created-at": "2021-06-03T17:50:20.307Z",
            "execution-mode": "remote",
            "locked": false,
            "name": "workspace-2",
            "permissions": {"can-update": true, "can-destroy": true},
            "terraform-version": "1.5.0",
            "vcs-repo": null,
            "working-directory": null
          },
          "relationships": {
            "organization": {"data": {"id": "my-organization", "type": "organizations"}},
            "current-run": {"data": null},
            "ssh-key": {"data": {"id": "sshkey-GxrePWre1Ezug7aM", "type": "ssh-keys"}}
          },
          "links": {
            "self": "/api/v2/organizations/my-organization/workspaces/workspace-2",
            "self-html": "/app/my-organization/workspaces/workspace-2"
          }
        },
        {
          "id": "ws-YnyXLq9fy38afEeb",
          "type": "workspaces",
          "attributes": {"name": "workspace-1", "actions": {"is-destroyable": false}},
          "relationships": {
            "organization": {"data": {"id": "my-organization", "type": "organizations"}},
            "ssh-key": {"data": null}
          }
        },
        {"id": "ws-noRelationships", "type": "workspaces", "attributes": {"name": "bare"}},
        {"type": "workspaces", "attributes": {"name": "no id: skipped"}}
      ],
      "links": {
        "self": "https://app.terraform.io/api/v2/organizations/my-organization/workspaces?page%5Bnumber%5D=1&page%5Bsize%5D=20",
        "first": "https://app.terraform.io/api/v2/organizations/my-organization/workspaces?page%5Bnumber%5D=1&page%5Bsize%5D=20",
        "prev": null,
        "next": "https://app.terraform.io/api/v2/organizations/my-organization/workspaces?page%5Bnumber%5D=2&page%5Bsize%5D=20",
        "last": "https://app.terraform.io/api/v2/organizations/my-organization/workspaces?page%5Bnumber%5D=2&page%5Bsize%5D=20"
      },
      "meta": {
        "status-counts": {"pending": 0, "errored": 0, "none": 2, "total": 23},
        "pagination": {
          "current-page": 1, "page-size": 20, "prev-page": null, "next-page": 2,
          "total-pages": 2, "total-count": 23
        }
      }
    }"#;

    #[test]
    fn list_pages_encode_their_brackets_and_respect_the_maximum() {
        let page = PageRequest {
            number: 0,
            size: 500,
        };
        let request = tfe()
            .list_workspaces_page(TOKEN, "my org", page)
            .expect("a request");
        assert_eq!(request.method, Method::Get);
        assert_eq!(
            request.url,
            "https://app.terraform.io/api/v2/organizations/my%20org/workspaces\
             ?page%5Bnumber%5D=1&page%5Bsize%5D=100"
        );
        assert_eq!(
            request.header_value("Authorization"),
            Some(format!("Bearer {TOKEN}").as_str())
        );
        assert_eq!(request.header_value("Accept"), Some(JSON_API));
        assert_eq!(request.body, None);
        let refused = tfe().list_workspaces_page(TOKEN, "..", page);
        assert!(refused.is_err(), "a dot segment never reaches the path");
    }

    #[test]
    fn assigning_sends_the_key_id_as_json_api() {
        let request = tfe()
            .assign_ssh_key(
                TOKEN,
                "ws-SihZTyXKfNXUWuUa",
                Some(" sshkey-GxrePWre1Ezug7aM "),
            )
            .expect("a request");
        assert_eq!(request.method, Method::Patch);
        assert_eq!(
            request.url,
            "https://app.terraform.io/api/v2/workspaces/ws-SihZTyXKfNXUWuUa/relationships/ssh-key"
        );
        assert_eq!(request.header_value("Content-Type"), Some(JSON_API));
        assert_eq!(
            body(&request),
            serde_json::json!({"data": {"type": "workspaces",
                "attributes": {"id": "sshkey-GxrePWre1Ezug7aM"}}})
        );
    }

    #[test]
    fn unassigning_sends_a_null_id_and_blanks_are_refused() {
        let request = tfe()
            .assign_ssh_key(TOKEN, "ws-1", None)
            .expect("a request");
        assert_eq!(
            body(&request),
            serde_json::json!({"data": {"type": "workspaces", "attributes": {"id": null}}})
        );
        assert!(tfe().assign_ssh_key(TOKEN, "ws-1", Some("  ")).is_err());
        assert!(tfe().assign_ssh_key(TOKEN, " ", None).is_err());
        let odd = tfe()
            .assign_ssh_key(TOKEN, "ws-1/../x", None)
            .expect("encoded");
        assert!(
            odd.url.contains("/workspaces/ws-1%2F..%2Fx/"),
            "{}",
            odd.url
        );
    }

    #[test]
    fn the_list_reads_ids_names_keys_and_paging() {
        let list = parse_workspace_list(&HttpResponse::new(200, LIST)).expect("parsed");
        assert_eq!(
            list.workspaces,
            [
                TfeWorkspace {
                    id: "ws-SihZTyXKfNXUWuUa".into(),
                    name: "workspace-2".into(),
                    ssh_key_id: Some("sshkey-GxrePWre1Ezug7aM".into()),
                },
                TfeWorkspace {
                    id: "ws-YnyXLq9fy38afEeb".into(),
                    name: "workspace-1".into(),
                    ssh_key_id: None,
                },
                TfeWorkspace {
                    id: "ws-noRelationships".into(),
                    name: "bare".into(),
                    ssh_key_id: None,
                },
            ]
        );
        assert_eq!(list.next_page(), Some(2));
        let pagination = list.pagination.as_ref().expect("paged");
        assert_eq!(pagination.total_count, Some(23));
        assert_eq!(pagination.total_pages, Some(2));
        assert!(list
            .next_link
            .as_deref()
            .is_some_and(|l| l.contains("page%5Bnumber%5D=2")));
    }

    #[test]
    fn one_workspace_document_is_read() {
        let document = r#"{"data": {"id": "ws-1", "type": "workspaces",
            "attributes": {"name": "networking", "locked": true},
            "relationships": {"ssh-key": {"data": {"id": "sshkey-2", "type": "ssh-keys"}}}}}"#;
        let workspace = parse_workspace(&HttpResponse::new(200, document)).expect("parsed");
        assert_eq!(workspace.id, "ws-1");
        assert_eq!(workspace.name, "networking");
        assert_eq!(workspace.ssh_key_id.as_deref(), Some("sshkey-2"));
        let empty = parse_workspace(&HttpResponse::new(200, r#"{"data": null}"#));
        assert!(empty.is_err());
    }

    #[test]
    fn errors_are_tfe_errors() {
        let invalid = r#"{"errors": [{"status": "422", "title": "invalid attribute",
            "detail": "Ssh key not found", "source": {"pointer": "/data/attributes/id"}}]}"#;
        let error = parse_workspace(&HttpResponse::new(422, invalid)).expect_err("422");
        assert_eq!(error.status, 422);
        assert_eq!(error.kind, crate::providers::ErrorKind::Invalid);
        assert!(error.explanation.contains("organization"), "{error}");
        assert_eq!(error.field_errors[0].0, "id");
        let missing = r#"{"errors": [{"status": "404", "title": "not found"}]}"#;
        let error = parse_workspace_list(&HttpResponse::new(404, missing)).expect_err("404");
        assert_eq!(error.kind, crate::providers::ErrorKind::NotFound);
        let bad = parse_workspace_list(&HttpResponse::new(200, r#"{"data": {}}"#));
        assert!(bad.is_err(), "a list needs a data array");
    }
}
