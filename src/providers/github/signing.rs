//! SSH signing keys (`/user/ssh_signing_keys*`, `/users/{username}/ssh_signing_keys`):
//! keys that sign commits and tags, kept apart from authentication keys.
//! GitHub lets one key be both; "already in use" applies within each list.
//! They parse with [`super::parse_key_list`], [`super::parse_key`] and
//! [`super::parse_deleted`] given their [`super::Operation`].

use super::GitHub;
use crate::providers::http::{path_segment, HttpRequest, Method};
use crate::providers::model::ApiError;

impl GitHub {
    fn signing_key_path(key_id: &str) -> Result<String, ApiError> {
        Ok(format!(
            "/user/ssh_signing_keys/{}",
            path_segment("key id", key_id)?
        ))
    }

    pub fn list_signing_keys(&self, token: &str, page: u32) -> HttpRequest {
        let path = Self::paged("/user/ssh_signing_keys", page);
        self.request(Method::Get, &path, Some(token))
    }

    pub fn get_signing_key(&self, token: &str, key_id: &str) -> Result<HttpRequest, ApiError> {
        Ok(self.request(Method::Get, &Self::signing_key_path(key_id)?, Some(token)))
    }

    pub fn create_signing_key(&self, token: &str, title: &str, key: &str) -> HttpRequest {
        let body = serde_json::json!({ "title": title, "key": key.trim() });
        self.request(Method::Post, "/user/ssh_signing_keys", Some(token))
            .json_body("application/json", &body)
    }

    pub fn delete_signing_key(&self, token: &str, key_id: &str) -> Result<HttpRequest, ApiError> {
        let path = Self::signing_key_path(key_id)?;
        Ok(self.request(Method::Delete, &path, Some(token)))
    }

    /// Any user's signing keys. Needs no token; one raises the rate limit.
    pub fn list_public_signing_keys(
        &self,
        token: Option<&str>,
        login: &str,
        page: u32,
    ) -> Result<HttpRequest, ApiError> {
        let path = format!("/users/{}/ssh_signing_keys", path_segment("login", login)?);
        Ok(self.request(Method::Get, &Self::paged(&path, page), token))
    }
}
