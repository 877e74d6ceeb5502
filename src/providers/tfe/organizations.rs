//! The organizations a token can see (`GET /organizations`, JSON:API,
//! paginated), so the page offers them instead of asking for a name.
//! An organization's `id` is its name.

use serde_json::Value;

use super::errors::parse_error;
use super::records::{paging, Pagination};
use super::{PageRequest, Tfe, MAX_PAGE_SIZE};
use crate::providers::json::success_document;
use crate::providers::{ApiError, HttpRequest, HttpResponse, Method};

/// One organization as the list gives it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TfeOrganization {
    /// The organization's name, which is also its id in every path.
    pub name: String,
    /// The organization's notification address, when sent.
    pub email: Option<String>,
    /// `permissions.can-manage-vcs-settings`: SSH keys need it. `None`
    /// when the answer does not say.
    pub can_manage_ssh_keys: Option<bool>,
}

/// One page of organizations.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct OrganizationList {
    pub organizations: Vec<TfeOrganization>,
    pub pagination: Option<Pagination>,
    /// `links.next` as TFE sent it, if any.
    pub next_link: Option<String>,
}

impl OrganizationList {
    /// The page number to ask for next, if there is one.
    pub fn next_page(&self) -> Option<u32> {
        self.pagination.as_ref().and_then(|p| p.next_page)
    }
}

impl Tfe {
    /// One page of the organizations the token can see; the brackets of
    /// `page[number]` and `page[size]` are percent-encoded as TFE asks.
    pub fn list_organizations(&self, token: &str, page: PageRequest) -> HttpRequest {
        let number = page.number.max(1);
        let size = page.size.clamp(1, MAX_PAGE_SIZE);
        let path = format!("organizations?page%5Bnumber%5D={number}&page%5Bsize%5D={size}");
        self.request(Method::Get, &path, token)
    }
}

/// `GET /organizations`.
pub fn parse_organization_list(response: &HttpResponse) -> Result<OrganizationList, ApiError> {
    let document = success_document(response, parse_error)?;
    let Some(items) = document.get("data").and_then(Value::as_array) else {
        return Err(ApiError::unexpected(
            response.status,
            "the organization list has no `data` array",
        ));
    };
    let organizations = items.iter().filter_map(organization).collect();
    let (pagination, next_link) = paging(&document);
    Ok(OrganizationList {
        organizations,
        pagination,
        next_link,
    })
}

/// One `organizations` resource; `None` without a usable name.
fn organization(object: &Value) -> Option<TfeOrganization> {
    let name = object
        .pointer("/attributes/name")
        .or_else(|| object.get("id"))
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|n| !n.is_empty())?;
    Some(TfeOrganization {
        name: name.to_string(),
        email: object
            .pointer("/attributes/email")
            .and_then(Value::as_str)
            .filter(|e| !e.is_empty())
            .map(str::to_string),
        can_manage_ssh_keys: object
            .pointer("/attributes/permissions/can-manage-vcs-settings")
            .and_then(Value::as_bool),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The documented list example's shape (one organization, trimmed).
    fn documented_page() -> Value {
        json!({
            "data": [{
                "id": "hashicorp",
                "type": "organizations",
                "attributes": {
                    "external-id": "org-Hysjx5eUviuKVCJY",
                    "created-at": "2021-08-24T23:10:04.675Z",
                    "email": "hashicorp@example.com",
                    "name": "hashicorp",
                    "permissions": {"can-update": true, "can-manage-vcs-settings": false},
                },
                "links": {"self": "/api/v2/organizations/hashicorp"},
            }, {"id": "", "type": "organizations"}, {"type": "organizations", "id": "bare"}],
            "links": {
                "self": "https://app.terraform.io/api/v2/organizations?page%5Bnumber%5D=1&page%5Bsize%5D=20",
                "next": "https://app.terraform.io/api/v2/organizations?page%5Bnumber%5D=2&page%5Bsize%5D=20",
            },
            "meta": {"pagination": {
                "current-page": 1, "page-size": 20, "prev-page": null,
                "next-page": 2, "total-pages": 2, "total-count": 21,
            }},
        })
    }

    #[test]
    fn the_request_pages_with_encoded_brackets_and_the_token_in_a_header() {
        let tfe = Tfe::hcp_terraform();
        let request = tfe.list_organizations(
            "secret",
            PageRequest {
                number: 0,
                size: 500,
            },
        );
        assert_eq!(request.method, Method::Get);
        assert_eq!(
            request.url,
            "https://app.terraform.io/api/v2/organizations?page%5Bnumber%5D=1&page%5Bsize%5D=100"
        );
        assert_eq!(request.header_value("Authorization"), Some("Bearer secret"));
        assert!(!request.url.contains("secret"));
    }

    #[test]
    fn the_documented_page_gives_names_email_permission_and_the_next_page() {
        let response = HttpResponse::new(200, documented_page().to_string());
        let list = parse_organization_list(&response).expect("a list");
        assert_eq!(
            list.organizations,
            vec![
                TfeOrganization {
                    name: "hashicorp".into(),
                    email: Some("hashicorp@example.com".into()),
                    can_manage_ssh_keys: Some(false),
                },
                TfeOrganization {
                    name: "bare".into(),
                    email: None,
                    can_manage_ssh_keys: None,
                },
            ]
        );
        assert_eq!(list.next_page(), Some(2));
        assert!(list
            .next_link
            .as_deref()
            .is_some_and(|l| l.contains("page%5Bnumber%5D=2")));
    }

    #[test]
    fn errors_and_odd_bodies_are_errors_not_panics() {
        let error = parse_organization_list(&HttpResponse::new(401, "{}")).expect_err("401");
        assert_eq!(error.status, 401);
        for body in ["[]", "{\"data\":{}}", "not json"] {
            assert!(
                parse_organization_list(&HttpResponse::new(200, body)).is_err(),
                "{body}"
            );
        }
        let empty = parse_organization_list(&HttpResponse::new(200, "{\"data\":[]}")).expect("ok");
        assert!(empty.organizations.is_empty());
        assert_eq!(empty.next_page(), None);
    }
}
