//! HCP Terraform and Terraform Enterprise: organization SSH keys
//! (providers.md §2). Requests are built and answers parsed here as plain
//! data; nothing is sent.
//!
//! What TFE is like, in short: JSON:API bodies (`application/vnd.api+json`),
//! a **private** key is uploaded (never returned afterwards), and a valid
//! token without permission gets 404, never 403. Organization tokens are
//! refused for SSH keys: only user and team tokens work.
//!
//! Never here: I/O, logging, or keeping the private key beyond the request
//! body it is written into.

mod errors;
mod key_check;
mod organizations;
mod records;
mod workspaces;

pub use errors::parse_error;
pub use key_check::{check_private_key_for_tfe, PublicHalf, TfeKeyCheck};
pub use organizations::{parse_organization_list, OrganizationList, TfeOrganization};
pub use records::{
    parse_account, parse_created_ssh_key, parse_deleted, parse_ssh_key, parse_ssh_key_list,
    parse_value_update, Pagination, SshKeyList, TfeAccount, TokenOwner, UnconfirmedValueUpdate,
};
pub use workspaces::{parse_workspace, parse_workspace_list, TfeWorkspace, WorkspaceList};

use super::http::{join_url, path_segment};
use super::{ApiError, HttpRequest, Method, Provider};
use crate::providers::json::required;

/// The JSON:API media type TFE reads and writes.
pub const JSON_API: &str = "application/vnd.api+json";

/// TFE's largest `page[size]`.
pub const MAX_PAGE_SIZE: u32 = 100;

/// One HCP Terraform or Terraform Enterprise API root, such as
/// `https://app.terraform.io/api/v2` or `https://tfe.example.com/api/v2`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Tfe {
    pub base_url: String,
}

/// An explicit page of the SSH-key list. Out-of-range values are clamped:
/// `number` to at least 1, `size` to 1..=100 (TFE's maximum).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PageRequest {
    pub number: u32,
    pub size: u32,
}

impl Tfe {
    pub fn new(base_url: impl Into<String>) -> Self {
        Tfe {
            base_url: base_url.into(),
        }
    }

    /// HCP Terraform's public API root.
    pub fn hcp_terraform() -> Self {
        Tfe::new(Provider::HcpTerraform.default_api_url())
    }

    /// Every SSH key of `org`. With no page parameters TFE answers with all
    /// of them at once, unpaginated (a special case of this endpoint).
    pub fn list_ssh_keys(&self, token: &str, org: &str) -> Result<HttpRequest, ApiError> {
        let org = path_segment("organization", org)?;
        Ok(self.request(Method::Get, &format!("organizations/{org}/ssh-keys"), token))
    }

    /// One page of the SSH keys of `org`; the brackets of `page[number]` and
    /// `page[size]` are percent-encoded as TFE's docs ask.
    pub fn list_ssh_keys_page(
        &self,
        token: &str,
        org: &str,
        page: PageRequest,
    ) -> Result<HttpRequest, ApiError> {
        let org = path_segment("organization", org)?;
        let number = page.number.max(1);
        let size = page.size.clamp(1, MAX_PAGE_SIZE);
        let path =
            format!("organizations/{org}/ssh-keys?page%5Bnumber%5D={number}&page%5Bsize%5D={size}");
        Ok(self.request(Method::Get, &path, token))
    }

    pub fn get_ssh_key(&self, token: &str, id: &str) -> Result<HttpRequest, ApiError> {
        let id = path_segment("SSH key ID", id)?;
        Ok(self.request(Method::Get, &format!("ssh-keys/{id}"), token))
    }

    /// Uploads a private key under `name`. Check the key first with
    /// [`check_private_key_for_tfe`]: TFE does not always refuse a bad key
    /// here, and it then fails only when a run clones.
    pub fn create_ssh_key(
        &self,
        token: &str,
        org: &str,
        name: &str,
        private_key_pem: &str,
    ) -> Result<HttpRequest, ApiError> {
        let org = path_segment("organization", org)?;
        let name = required_name(name)?;
        let body = serde_json::json!({
            "data": {
                "type": "ssh-keys",
                "attributes": { "name": name, "value": key_value(private_key_pem) }
            }
        });
        Ok(self
            .request(
                Method::Post,
                &format!("organizations/{org}/ssh-keys"),
                token,
            )
            .json_body(JSON_API, &body))
    }

    /// Renames a key: the one update current HCP Terraform documents.
    pub fn update_ssh_key_name(
        &self,
        token: &str,
        id: &str,
        name: &str,
    ) -> Result<HttpRequest, ApiError> {
        let id = path_segment("SSH key ID", id)?;
        let name = required_name(name)?;
        let body = serde_json::json!({
            "data": { "type": "ssh-keys", "attributes": { "name": name } }
        });
        Ok(self
            .request(Method::Patch, &format!("ssh-keys/{id}"), token)
            .json_body(JSON_API, &body))
    }

    /// Replaces the key text in place, which older TFE releases documented
    /// (workspaces using the key get the new one). Current HCP Terraform
    /// documents name-only updates, and since TFE never returns key text,
    /// a 200 cannot prove the value was stored: parse the answer with
    /// [`parse_value_update`], which says so. The safe rotation everywhere
    /// is create a new key, reassign the workspaces, delete the old key.
    pub fn update_ssh_key_value(
        &self,
        token: &str,
        id: &str,
        name: &str,
        value: &str,
    ) -> Result<HttpRequest, ApiError> {
        let id = path_segment("SSH key ID", id)?;
        let name = required_name(name)?;
        let body = serde_json::json!({
            "data": {
                "type": "ssh-keys",
                "attributes": { "name": name, "value": key_value(value) }
            }
        });
        Ok(self
            .request(Method::Patch, &format!("ssh-keys/{id}"), token)
            .json_body(JSON_API, &body))
    }

    /// Deletes a key; TFE answers 204 with no body.
    pub fn delete_ssh_key(&self, token: &str, id: &str) -> Result<HttpRequest, ApiError> {
        let id = path_segment("SSH key ID", id)?;
        Ok(self.request(Method::Delete, &format!("ssh-keys/{id}"), token))
    }

    /// Who the token belongs to (`GET /account/details`); see [`TfeAccount`]
    /// for telling user, team and organization tokens apart.
    pub fn check_token(&self, token: &str) -> HttpRequest {
        self.request(Method::Get, "account/details", token)
    }

    fn request(&self, method: Method, path: &str, token: &str) -> HttpRequest {
        HttpRequest::new(method, join_url(&self.base_url, path))
            .bearer(token)
            .header("Accept", JSON_API)
    }
}

/// The key text as sent: surrounding whitespace trimmed, Windows line
/// endings turned into `\n`, and one final newline, because OpenSSH refuses
/// some key files without it and git on the TFE runner reads this text as a
/// key file. serde_json then writes the newlines as `\n` in the JSON string.
fn key_value(text: &str) -> String {
    let mut value = text.trim().replace("\r\n", "\n");
    value.push('\n');
    value
}

fn required_name(name: &str) -> Result<&str, ApiError> {
    required(
        "name",
        name,
        "Give the key a name: TFE requires one, and it is the only thing TFE shows later.",
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_value_normalises_line_endings_and_final_newline() {
        assert_eq!(
            key_value("  -----BEGIN X-----\r\nAA\r\n-----END X-----"),
            "-----BEGIN X-----\nAA\n-----END X-----\n"
        );
        assert_eq!(key_value("a\n\n"), "a\n");
    }

    #[test]
    fn dot_segments_are_refused() {
        for bad in ["", " ", ".", "..", " .. "] {
            let error = path_segment("organization", bad).expect_err(bad);
            assert_eq!(error.kind, crate::providers::ErrorKind::Invalid);
            assert_eq!(error.status, 0);
        }
        assert_eq!(
            path_segment("organization", "a/../b").as_deref(),
            Ok("a%2F..%2Fb")
        );
    }
}
