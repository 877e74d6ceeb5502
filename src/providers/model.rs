//! What every provider shares: who they are, what a key or token record
//! looks like, the one-time secret, and errors in plain words.

use std::fmt;
use zeroize::Zeroize;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Provider {
    GitHub,
    GitHubEnterprise,
    HcpTerraform,
    TerraformEnterprise,
    Astronomer,
    Cnb,
    Sandbox,
}

impl Provider {
    pub fn name(self) -> &'static str {
        match self {
            Provider::GitHub => "GitHub",
            Provider::GitHubEnterprise => "GitHub Enterprise Server",
            Provider::HcpTerraform => "HCP Terraform",
            Provider::TerraformEnterprise => "Terraform Enterprise",
            Provider::Astronomer => "Astronomer",
            Provider::Cnb => "CNB",
            Provider::Sandbox => "Sandbox",
        }
    }

    /// Every provider, in the order the connection form lists them.
    pub const ALL: [Provider; 7] = [
        Provider::Sandbox,
        Provider::GitHub,
        Provider::GitHubEnterprise,
        Provider::HcpTerraform,
        Provider::TerraformEnterprise,
        Provider::Astronomer,
        Provider::Cnb,
    ];

    /// A stable identifier (form values, storage).
    pub fn slug(self) -> &'static str {
        match self {
            Provider::GitHub => "github",
            Provider::GitHubEnterprise => "ghes",
            Provider::HcpTerraform => "hcp-terraform",
            Provider::TerraformEnterprise => "tfe",
            Provider::Astronomer => "astronomer",
            Provider::Cnb => "cnb",
            Provider::Sandbox => "sandbox",
        }
    }

    pub fn from_slug(slug: &str) -> Option<Provider> {
        Provider::ALL.into_iter().find(|p| p.slug() == slug)
    }

    /// Whether the provider's API answers browsers from other origins.
    /// GitHub documents CORS for every origin; the others document nothing,
    /// so Keyward assumes not and offers the same-origin proxy.
    pub fn allows_cors(self) -> bool {
        matches!(
            self,
            Provider::GitHub | Provider::GitHubEnterprise | Provider::Sandbox
        )
    }

    /// Whether a new connection goes through the same-origin proxy unless
    /// the user says otherwise: yes for the public APIs without CORS; not
    /// for a self-hosted Terraform Enterprise, whose own URL is what the
    /// user types (the proxy reaches it only when the server is started
    /// with `--tfe-url` for that host).
    pub fn proxy_by_default(self) -> bool {
        !self.allows_cors() && self != Provider::TerraformEnterprise
    }

    /// The same-origin prefix that keyward-server (or `trunk serve` in
    /// development) forwards to the provider's API, for providers without
    /// CORS. Terraform Enterprise shares TFE's prefix: the server forwards
    /// it to the host given by `--tfe-url`.
    pub fn proxy_prefix(self) -> Option<&'static str> {
        match self {
            Provider::HcpTerraform | Provider::TerraformEnterprise => Some("/proxy/tfe/api/v2"),
            Provider::Astronomer => Some("/proxy/astro/v1"),
            Provider::Cnb => Some("/proxy/cnb"),
            _ => None,
        }
    }

    /// The public API root, prefilled in the connection form.
    pub fn default_api_url(self) -> &'static str {
        match self {
            Provider::GitHub => "https://api.github.com",
            Provider::GitHubEnterprise => "https://github.example.com/api/v3",
            Provider::HcpTerraform => "https://app.terraform.io/api/v2",
            Provider::TerraformEnterprise => "https://tfe.example.com/api/v2",
            Provider::Astronomer => "https://api.astronomer.io/v1",
            Provider::Cnb => "https://api.cnb.cool",
            // Never resolved: requests to it are answered in the browser by
            // `providers::sandbox`. An https origin keeps Link paging uniform.
            Provider::Sandbox => "https://sandbox.keyward.invalid",
        }
    }
}

/// One key or token as a provider lists it. Fields a provider does not
/// return stay `None`.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct KeyRecord {
    pub id: String,
    /// Title (GitHub) or name (TFE, Astro, CNB).
    pub title: String,
    /// The public key text, when the provider returns it.
    pub public_key: Option<String>,
    pub description: Option<String>,
    /// RFC 3339 timestamps as the provider sent them.
    pub created_at: Option<String>,
    pub last_used_at: Option<String>,
    pub expires_at: Option<String>,
    pub read_only: Option<bool>,
    pub verified: Option<bool>,
    pub enabled: Option<bool>,
    pub added_by: Option<String>,
    /// A short, non-secret hint of a token (Astro's `shortToken`).
    pub short_token: Option<String>,
    /// Roles or scopes (Astro roles, token scopes).
    pub roles: Vec<String>,
    /// The API URL of the record, when given.
    pub url: Option<String>,
}

/// A secret a provider returns exactly once (a token value). It cannot be
/// cloned or printed by accident: `Debug` and `Display` say `[redacted]`,
/// and the memory is wiped when it is dropped.
pub struct OneTimeSecret(String);

impl OneTimeSecret {
    pub fn new(secret: String) -> Self {
        OneTimeSecret(secret)
    }

    /// The secret itself, for the one panel that shows it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl Drop for OneTimeSecret {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

impl fmt::Debug for OneTimeSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

impl fmt::Display for OneTimeSecret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("[redacted]")
    }
}

/// A record just created together with its one-time secret, if any.
#[derive(Debug)]
pub struct Created {
    pub record: KeyRecord,
    pub secret: Option<OneTimeSecret>,
}

/// What went wrong, classified so the page can explain it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ErrorKind {
    /// 401: the token is missing, wrong, expired or revoked.
    BadToken,
    /// 403: the token lacks a scope or permission, or SSO is not authorised.
    Forbidden,
    /// 404: not found, or no access (TFE answers 404 for no permission).
    NotFound,
    /// 422/400: the provider refused the input (key in use, invalid key…).
    Invalid,
    /// 409: a conflict (already exists).
    Conflict,
    /// 429 or a rate-limit 403: wait and try again.
    RateLimited,
    /// 5xx.
    ServerError,
    /// No response: offline, DNS, CORS, timeout.
    Network,
    /// A response we could not understand.
    Unexpected,
}

/// An error from a provider, with its own words and ours.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiError {
    pub kind: ErrorKind,
    /// HTTP status; 0 when there was no response.
    pub status: u16,
    /// The provider's own message, if it sent one.
    pub provider_message: Option<String>,
    /// Field-level errors as `(field, message)`.
    pub field_errors: Vec<(String, String)>,
    /// When a rate limit resets (seconds since the epoch), if known.
    pub retry_at: Option<u64>,
    /// Seconds to wait (from `Retry-After`), if given.
    pub retry_after: Option<u64>,
    /// The plain-words explanation shown next to where it happened.
    pub explanation: String,
}

impl fmt::Display for ApiError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.explanation)?;
        if let Some(message) = &self.provider_message {
            write!(f, " ({message})")?;
        }
        Ok(())
    }
}

impl std::error::Error for ApiError {}

impl ApiError {
    /// An error with the generic explanation for its status; providers
    /// refine `explanation` with what they know (scopes, SSO, TFE's 404).
    pub fn from_status(status: u16, provider_message: Option<String>) -> Self {
        let (kind, explanation) = match status {
            401 => (ErrorKind::BadToken, "The token was refused: it is wrong, expired or revoked. Check it on the Connections page."),
            403 => (ErrorKind::Forbidden, "The token is valid but not allowed to do this: it lacks a scope or permission, or your organization requires SSO authorisation for it."),
            404 => (ErrorKind::NotFound, "Not found, or this token has no access to it."),
            409 => (ErrorKind::Conflict, "It already exists."),
            400 | 422 => (ErrorKind::Invalid, "The provider refused what was sent."),
            429 => (ErrorKind::RateLimited, "Too many requests: the provider asks to wait before trying again."),
            500..=599 => (ErrorKind::ServerError, "The provider had a problem; try again in a moment."),
            _ => (ErrorKind::Unexpected, "The provider sent an answer Keyward does not understand."),
        };
        ApiError {
            kind,
            status,
            provider_message,
            field_errors: Vec::new(),
            retry_at: None,
            retry_after: None,
            explanation: explanation.to_string(),
        }
    }

    /// An input refused before anything was sent (status 0: no request made).
    pub fn refused_input(field: &str, message: &str) -> Self {
        let mut error = ApiError::from_status(0, None);
        error.kind = ErrorKind::Invalid;
        error.explanation = message.to_string();
        error.field_errors = vec![(field.to_string(), message.to_string())];
        error
    }

    /// A request Keyward refused to send (status 0: nothing sent), for a
    /// reason that is not one field's.
    pub fn refused(message: &str) -> Self {
        let mut error = ApiError::from_status(0, None);
        error.kind = ErrorKind::Invalid;
        error.explanation = message.to_string();
        error
    }

    /// The error with every copy of `secret` masked, in our words and the
    /// provider's: a server may echo what it was sent.
    pub fn without_secret(mut self, secret: &str) -> Self {
        use super::guard::without_secret;
        self.explanation = without_secret(&self.explanation, secret);
        self.provider_message = self
            .provider_message
            .map(|message| without_secret(&message, secret));
        for (field, message) in &mut self.field_errors {
            *field = without_secret(field, secret);
            *message = without_secret(message, secret);
        }
        self
    }

    /// No response at all.
    pub fn network(detail: &str) -> Self {
        ApiError {
            kind: ErrorKind::Network,
            status: 0,
            provider_message: None,
            field_errors: Vec::new(),
            retry_at: None,
            retry_after: None,
            explanation: format!(
                "No answer from the provider ({detail}). You may be offline or the API URL may be \
                 wrong. HCP Terraform, Terraform Enterprise, Astronomer and CNB may also refuse \
                 calls from a browser (CORS): use the connection's same-origin proxy option."
            ),
        }
    }

    /// A 2xx whose body we could not read.
    pub fn unexpected(status: u16, what: &str) -> Self {
        let mut error = ApiError::from_status(status, None);
        error.kind = ErrorKind::Unexpected;
        error.explanation = format!("The provider's answer could not be read: {what}.");
        error
    }
}
