//! Astro (Astronomer) Platform API v1: Deployment API tokens
//! (providers.md §3). Requests are built and answers parsed here as plain
//! data; nothing is sent.
//!
//! The server makes the token: its value comes back once, in the answer to
//! create and to rotate, and goes only into a [`OneTimeSecret`]; every later
//! read shows just `shortToken`. Update is a POST, not a PATCH. Rotation
//! stops the old value at once.
//!
//! The Deployments of an organization are listed too (providers.md §6),
//! where the token's role allows; elsewhere the page asks for the
//! Deployment ID. Astro Private Cloud (Houston GraphQL) is a different API,
//! not covered.
//!
//! Never here: I/O, logging, or any copy of a token value outside its
//! [`OneTimeSecret`].
//!
//! [`OneTimeSecret`]: crate::providers::OneTimeSecret

mod deployments;
mod parse;
mod template;

pub use deployments::{parse_deployment_page, AstroDeployment, DeploymentPage};
pub use parse::{
    parse_created, parse_deleted, parse_error, parse_token, parse_token_page, TokenPage,
};
pub use template::{parse_template, rotated_name, TokenRole, TokenTemplate};

use crate::providers::json::required;
use std::ops::RangeInclusive;

use super::http::{encode_component, join_url, path_segment};
use super::{ApiError, HttpRequest, Method, Provider};

/// Lifetimes Astro allows for Deployment API tokens, in days (the CLI's
/// rule; leaving the lifetime out makes a token that never expires).
pub const DEPLOYMENT_EXPIRY_DAYS: RangeInclusive<u32> = 1..=365;

/// The built-in role of a Deployment token with full rights on its
/// Deployment; custom Deployment role names work too.
pub const DEPLOYMENT_ADMIN: &str = "DEPLOYMENT_ADMIN";

/// One Astro Platform API root, normally `https://api.astronomer.io/v1`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Astro {
    pub base_url: String,
}

/// What a new Deployment API token should be.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewDeploymentToken<'a> {
    pub deployment_id: &'a str,
    pub name: &'a str,
    pub description: &'a str,
    /// `DEPLOYMENT_ADMIN` or a custom Deployment role name.
    pub role: &'a str,
    /// `None`: the token never expires. Otherwise 1 to 365 days.
    pub expiry_days: Option<u32>,
}

impl Astro {
    pub fn new(base_url: impl Into<String>) -> Self {
        Astro {
            base_url: base_url.into(),
        }
    }

    /// Astro's public API root.
    pub fn astronomer() -> Self {
        Astro::new(Provider::Astronomer.default_api_url())
    }

    /// One page of the tokens of a Deployment (offset/limit paging; the
    /// answer says the total).
    pub fn list_tokens(
        &self,
        token: &str,
        organization_id: &str,
        deployment_id: &str,
        offset: u32,
        limit: u32,
    ) -> Result<HttpRequest, ApiError> {
        let org = path_segment("organization ID", organization_id)?;
        let deployment = required(
            "deployment ID",
            deployment_id,
            "The deployment ID is required.",
        )?;
        let path = format!(
            "organizations/{org}/tokens?deploymentId={}&offset={offset}&limit={}",
            encode_component(deployment),
            limit.max(1)
        );
        Ok(self.request(Method::Get, &path, token))
    }

    pub fn get_token(
        &self,
        token: &str,
        organization_id: &str,
        token_id: &str,
    ) -> Result<HttpRequest, ApiError> {
        let path = token_path(organization_id, token_id)?;
        Ok(self.request(Method::Get, &path, token))
    }

    /// Creates a Deployment API token. Input Astro would refuse (an empty
    /// name or role, a lifetime outside 1–365 days) is refused here, before
    /// anything is sent.
    pub fn create_deployment_token(
        &self,
        token: &str,
        organization_id: &str,
        new: &NewDeploymentToken<'_>,
    ) -> Result<HttpRequest, ApiError> {
        let org = path_segment("organization ID", organization_id)?;
        let deployment_id = required(
            "deployment ID",
            new.deployment_id,
            "The deployment ID is required.",
        )?;
        let name = required("name", new.name, "The name is required.")?;
        let role = required("role", new.role, "The role is required.")?;
        let mut body = serde_json::json!({
            "name": name,
            "description": new.description,
            "role": role,
            "scope": "DEPLOYMENT",
            "entityId": deployment_id,
        });
        if let Some(days) = new.expiry_days {
            if !DEPLOYMENT_EXPIRY_DAYS.contains(&days) {
                return Err(ApiError::refused_input(
                    "tokenExpiryPeriodInDays",
                    &format!(
                        "A Deployment token can last 1 to 365 days ({days} was asked), or \
                         never expire."
                    ),
                ));
            }
            body["tokenExpiryPeriodInDays"] = days.into();
        }
        Ok(self
            .request(Method::Post, &format!("organizations/{org}/tokens"), token)
            .json_body("application/json", &body))
    }

    /// Renames a token or changes its description (a POST). Astro requires
    /// the name even when only the description changes.
    pub fn update_token(
        &self,
        token: &str,
        organization_id: &str,
        token_id: &str,
        name: &str,
        description: &str,
    ) -> Result<HttpRequest, ApiError> {
        let path = token_path(organization_id, token_id)?;
        let name = required("name", name, "The name is required.")?;
        let body = serde_json::json!({ "name": name, "description": description });
        Ok(self
            .request(Method::Post, &path, token)
            .json_body("application/json", &body))
    }

    /// Gives the token a new value; the old one stops working at once.
    pub fn rotate_token(
        &self,
        token: &str,
        organization_id: &str,
        token_id: &str,
    ) -> Result<HttpRequest, ApiError> {
        let path = token_path(organization_id, token_id)? + "/rotate";
        Ok(self.request(Method::Post, &path, token))
    }

    pub fn delete_token(
        &self,
        token: &str,
        organization_id: &str,
        token_id: &str,
    ) -> Result<HttpRequest, ApiError> {
        let path = token_path(organization_id, token_id)?;
        Ok(self.request(Method::Delete, &path, token))
    }

    fn request(&self, method: Method, path: &str, token: &str) -> HttpRequest {
        HttpRequest::new(method, join_url(&self.base_url, path))
            .bearer(token)
            .header("Accept", "application/json")
    }
}

fn token_path(organization_id: &str, token_id: &str) -> Result<String, ApiError> {
    let org = path_segment("organization ID", organization_id)?;
    let id = path_segment("token ID", token_id)?;
    Ok(format!("organizations/{org}/tokens/{id}"))
}
